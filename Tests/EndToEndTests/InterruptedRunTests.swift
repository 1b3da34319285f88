import Foundation
import Testing

/// `pathways run` stopped at every step of its output commit, by SIGKILL and by SIGINT, with the swap of
/// folders and with the two renames used where the file system cannot swap: the output folder holds the
/// complete previous set or the complete new one, and the next run leaves the new set and nothing else.
@Suite struct InterruptedRunTests {
    static let study = "Tests/StudiesTests/Fixtures/valid"

    /// Every file under `folder`, hidden ones too, by relative path; a link as the text `-> target`.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        func walk(_ relative: String) {
            let path = relative.isEmpty ? folder.path : folder.path + "/" + relative
            for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                let child = relative.isEmpty ? name : relative + "/" + name
                let full = folder.path + "/" + child
                let type = (try? FileManager.default.attributesOfItem(atPath: full))?[.type] as? FileAttributeType
                if type == .typeDirectory {
                    walk(child)
                } else if type == .typeSymbolicLink {
                    files[child] = Data("-> \((try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? "")".utf8)
                } else {
                    files[child] = FileManager.default.contents(atPath: full) ?? Data()
                }
            }
        }
        walk("")
        return files
    }

    /// What commits left beside `folder`.
    static func leftovers(beside folder: URL) -> [String] {
        let parent = folder.deletingLastPathComponent().path
        return ((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []).filter { $0.contains(".pathways-") }
    }

    static func run(into folder: URL, seed: Int, environment: [String: String] = [:]) throws -> PathwaysTool.Result {
        try PathwaysTool.run(["run", study, "--out", folder.path, "--paths", "200", "--seed", "\(seed)", "--quiet"], environment: environment)
    }

    @Test(arguments: [("KILL", false), ("INT", false), ("KILL", true), ("INT", true)])
    func stoppedAtEveryStep(signal: String, withoutExchange: Bool) throws {
        let base = try PathwaysTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let fm = FileManager.default

        // The previous set: an earlier run, a chart this run no longer makes, a temporary file an earlier
        // version left, and a file of the user's.
        let old = base.appendingPathComponent("old")
        #expect(try Self.run(into: old, seed: 1).status == 0)
        try Data("<svg/>".utf8).write(to: old.appendingPathComponent("charts/gone.svg"))
        let manifest = old.appendingPathComponent(".pathways-output")
        try (String(contentsOf: manifest, encoding: .utf8) + "charts/gone.svg\n").write(to: manifest, atomically: false, encoding: .utf8)
        try Data("partial".utf8).write(to: old.appendingPathComponent(".fits.csv.tmp-999999"))
        try Data("my notes".utf8).write(to: old.appendingPathComponent("notes.txt"))
        let oldSet = Self.snapshot(old)

        // The new set: what the run writes into an empty folder, with the user's file kept.
        let new = base.appendingPathComponent("new")
        #expect(try Self.run(into: new, seed: 2).status == 0)
        try Data("my notes".utf8).write(to: new.appendingPathComponent("notes.txt"))
        let newSet = Self.snapshot(new)
        #expect(oldSet != newSet && newSet["charts/gone.svg"] == nil && newSet[".fits.csv.tmp-999999"] == nil)

        var environment = withoutExchange ? ["PATHWAYS_TEST_WITHOUT_EXCHANGE": "1"] : [:]
        let out = base.appendingPathComponent("runs/out")
        var seen: [String] = []
        for step in 1...60 {
            try? fm.removeItem(at: out.deletingLastPathComponent())
            try fm.createDirectory(at: out.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: old, to: out)
            environment["PATHWAYS_TEST_SIGNAL_AT_STEP"] = "\(step):\(signal)"
            let stopped = try Self.run(into: out, seed: 2, environment: environment)
            if stopped.signal == nil {
                // Past the last step: the run went through.
                #expect(stopped.status == 0, "\(stopped.stderr)")
                #expect(Self.snapshot(out) == newSet)
                break
            }
            #expect(stopped.signal == (signal == "KILL" ? SIGKILL : SIGINT), "step \(step)")
            var now = Self.snapshot(out)
            if withoutExchange && signal == "KILL" && !fm.fileExists(atPath: out.path) {
                // Killed between the two renames: the previous folder waits, whole, beside it, and the next
                // run puts it back before anything else.
                let aside = Self.leftovers(beside: out).filter { $0.hasPrefix(".out.pathways-old-") }
                #expect(aside.count == 1, "step \(step): \(Self.leftovers(beside: out))")
                now = aside.first.map { Self.snapshot(out.deletingLastPathComponent().appendingPathComponent($0)) } ?? [:]
            }
            #expect(now == oldSet || now == newSet, "step \(step): a mix: \(Set(now.keys).symmetricDifference(oldSet.keys).sorted())")
            seen.append(now == oldSet ? "old" : "new")
            if signal == "INT" {
                #expect(stopped.stderr.contains("Interrupted"), "step \(step): \(stopped.stderr)")
                #expect(Self.leftovers(beside: out).isEmpty, "step \(step): \(Self.leftovers(beside: out))")
            }
            let next = try Self.run(into: out, seed: 2, environment: withoutExchange ? ["PATHWAYS_TEST_WITHOUT_EXCHANGE": "1"] : [:])
            #expect(next.status == 0, "after step \(step): \(next.stderr)")
            #expect(Self.snapshot(out) == newSet, "after step \(step)")
            #expect(Self.leftovers(beside: out).isEmpty, "after step \(step): \(Self.leftovers(beside: out))")
        }
        // Every file written is a step (8 here), and both outcomes occur.
        #expect(seen.count >= 12, "\(seen)")
        #expect(seen.first == "old" && seen.last == "new", "\(seen)")
    }

    /// SIGINT while the Monte Carlo runs, before anything is written: a line says so, the process ends by
    /// the signal, and the folder keeps the previous outputs.
    @Test func interruptedBeforeWriting() throws {
        let base = try PathwaysTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let out = base.appendingPathComponent("out")
        #expect(try Self.run(into: out, seed: 1).status == 0)
        let before = Self.snapshot(out)
        let process = Process()
        process.executableURL = try PathwaysTool.binary
        process.arguments = ["run", "Scenarios/linhai-2025", "--out", out.path, "--paths", "1000000", "--threads", "1", "--verbose"]
        process.currentDirectoryURL = PathwaysTool.root
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        // Interrupt once the Monte Carlo has started (a step line on standard error).
        var stderr = ""
        while !stderr.contains("simulating") {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            stderr += String(decoding: chunk, as: UTF8.self)
        }
        process.interrupt()
        stderr += String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGINT, "\(stderr)")
        #expect(stderr.contains("Interrupted: nothing was written"), "\(stderr)")
        #expect(Self.snapshot(out) == before)
        #expect(Self.leftovers(beside: out).isEmpty)
    }
}
