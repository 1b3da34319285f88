import Foundation
import Common
import Testing

/// Seeded fuzzing of the command line: the bundled Linhai study's files and a long-format CSV are mutated
/// (numbers replaced by hostile values, lines deleted, doubled or swapped, bytes inserted, files cut short,
/// aliases and deep nesting added) and each mutant goes through `validate`, then `check` when it is valid,
/// or through `trend` and `backtest`. Every process must end on its own within the time limit, by an
/// exit (never a signal), with status 0, or 1 and a message on standard error; `validate` locates every
/// problem in a file.
///
/// `PATHWAYS_FUZZ_CASES` (default 60: 45 studies and 15 CSV files) and `PATHWAYS_FUZZ_SEED` (default 16) change
/// the run; `PATHWAYS_FUZZ_REPORT=FILE` writes the figures there.
@Suite struct FuzzTests {
    /// SplitMix64: a small, well-mixed generator whose sequence depends only on its seed.
    typealias Generator = SplitMix64

    /// Values a careless or hostile file puts where a number goes.
    static let hostileNumbers = [
        "nan", "NaN", "inf", "-inf", "1e999", "-1e999", "1e-400", "0x10", "-0", "1e300", "-1e300", "1e200", "4.9e-324",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "99999", "-5", "0", "1", "", " ", "abc",
        "1,5", "4\u{0}2", "４２", "1_000", "+", "-", ".", "1e", "--1", "2025.5", "20222", "1949", "2101", "10000000000",
    ]
    /// Fragments inserted as they are: YAML and CSV syntax, control bytes, text in other scripts.
    static let fragments: [[UInt8]] = [
        Array("&a ".utf8), Array("*a".utf8), Array("<<: *a\n".utf8), Array("{".utf8), Array("[".utf8), Array(": ".utf8),
        Array("\n- ".utf8), Array("\t".utf8), Array("\"".utf8), Array(",".utf8), Array("\r".utf8), Array("\n".utf8),
        [0], [0xFF, 0xFE], [0xC3], Array("城乡".utf8), Array("!!binary ".utf8), Array("? ".utf8), Array("%YAML 1.1\n".utf8),
        Array("---\n".utf8), Array(String(repeating: "[", count: 2000).utf8), Array(String(repeating: "x", count: 5000).utf8),
    ]

    static func mutate(_ bytes: [UInt8], _ random: inout Generator) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            switch Int.random(in: 0..<8, using: &random) {
            case 0, 1:  // a number replaced
                let digits = bytes.indices.filter { (0x30...0x39).contains(bytes[$0]) && ($0 == 0 || !(0x30...0x39).contains(bytes[$0 - 1])) }
                guard let start = digits.randomElement(using: &random) else { continue }
                var end = start
                while end < bytes.count, (0x30...0x39).contains(bytes[end]) || bytes[end] == 0x2E || bytes[end] == 0x65 { end += 1 }
                bytes.replaceSubrange(start..<end, with: Array(hostileNumbers.randomElement(using: &random)!.utf8))
                continue
            case 2: if !lines.isEmpty { lines.remove(at: Int.random(in: 0..<lines.count, using: &random)) }
            case 3: if !lines.isEmpty { let k = Int.random(in: 0..<lines.count, using: &random); lines.insert(lines[k], at: k) }
            case 4: if lines.count > 1 { lines.swapAt(Int.random(in: 0..<lines.count, using: &random), Int.random(in: 0..<lines.count, using: &random)) }
            case 5:
                bytes.insert(contentsOf: fragments.randomElement(using: &random)!, at: Int.random(in: 0...bytes.count, using: &random))
                continue
            case 6: bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random))); continue
            default:  // a word replaced by another word of the file (a wrong cross-reference)
                let words = String(decoding: bytes, as: UTF8.self).split(whereSeparator: { !($0.isLetter || $0 == "_") }).map(String.init)
                guard let a = words.randomElement(using: &random), let b = words.randomElement(using: &random) else { continue }
                bytes = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: a, with: b).utf8)
                continue
            }
            bytes = Array(lines.joined(separator: [0x0A]))
        }
        return bytes
    }

    struct Outcome {
        var status: Int32
        var signal: Int32?
        var hung: Bool
        var stderr: String
    }

    /// Runs the binary with output to files (no pipe can fill up), killing it after `limit` seconds.
    static func run(_ arguments: [String], in folder: URL, limit: TimeInterval) throws -> Outcome {
        let process = Process()
        process.executableURL = try PathwaysTool.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = folder.appendingPathComponent("stdout.txt"), err = folder.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        let hung = process.isRunning
        if hung { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let stderr = String(decoding: (try? Data(contentsOf: err)) ?? Data(), as: UTF8.self)
        return Outcome(status: process.terminationStatus, signal: process.terminationReason == .uncaughtSignal && !hung ? process.terminationStatus : nil,
                       hung: hung, stderr: stderr)
    }

    /// Tallies of a run, for the report.
    struct Tally: CustomStringConvertible {
        var cases = 0, processes = 0, accepted = 0, refused = 0, crashes = 0, hangs = 0, silent = 0, unlocated = 0
        var description: String {
            "cases \(cases), processes \(processes), accepted \(accepted), refused \(refused), crashes \(crashes), hangs \(hangs), "
                + "refusals without a message \(silent), validate lines without a file \(unlocated)"
        }
    }

    static func check(_ outcome: Outcome, _ what: String, tally: inout Tally) {
        tally.processes += 1
        if outcome.hung { tally.hangs += 1 }
        if outcome.signal != nil { tally.crashes += 1 }
        #expect(!outcome.hung, "\(what): still running after the time limit")
        #expect(outcome.signal == nil, "\(what): ended by signal \(outcome.signal ?? 0)\n\(outcome.stderr.prefix(2000))")
        guard !outcome.hung, outcome.signal == nil else { return }
        #expect(outcome.status == 0 || outcome.status == 1, "\(what): exit status \(outcome.status)\n\(outcome.stderr.prefix(2000))")
        if outcome.status == 0 { tally.accepted += 1 } else { tally.refused += 1 }
        if outcome.status != 0 && outcome.stderr.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            tally.silent += 1
            Issue.record("\(what): refused without a message")
        }
    }

    @Test func mutatedStudiesAndFilesNeverCrashOrHang() throws {
        let environment = ProcessInfo.processInfo.environment
        var random = Generator(state: UInt64(environment["PATHWAYS_FUZZ_SEED"] ?? "") ?? 16)
        let cases = Int(environment["PATHWAYS_FUZZ_CASES"] ?? "") ?? 60
        let limit = 60.0
        let base = try PathwaysTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let study = PathwaysTool.root.appendingPathComponent("Scenarios/linhai-2025")
        let scenarioFiles = try FileManager.default.contentsOfDirectory(atPath: study.appendingPathComponent("scenarios").path)
            .filter { $0.hasSuffix(".yaml") }.sorted().map { "scenarios/" + $0 }
        let studyFiles = ["study.yaml", "targets.yaml", "history.csv"] + scenarioFiles
        let csv = try [UInt8](Data(contentsOf: PathwaysTool.root.appendingPathComponent("Scenarios/zhejiang-2025/history.csv")))
        var tally = Tally()

        for k in 0..<cases {
            tally.cases += 1
            let work = base.appendingPathComponent("case-\(k)")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: work) }
            if k % 4 == 3 {
                // A long-format CSV through trend and backtest.
                let file = work.appendingPathComponent("data.csv")
                try Data(Self.mutate(csv, &random)).write(to: file)
                Self.check(try Self.run(["trend", "--csv", "data.csv", "--indicator", "all"], in: work, limit: limit), "case \(k) trend", tally: &tally)
                Self.check(try Self.run(["backtest", "--csv", "data.csv", "--quiet"], in: work, limit: limit), "case \(k) backtest", tally: &tally)
                continue
            }
            // A study folder (named as its id) with one or two files mutated.
            let folder = work.appendingPathComponent("linhai-2025")
            try FileManager.default.copyItem(at: study, to: folder)
            for _ in 0..<Int.random(in: 1...2, using: &random) {
                let name = studyFiles.randomElement(using: &random)!
                let url = folder.appendingPathComponent(name)
                try Data(Self.mutate([UInt8](Data(contentsOf: url)), &random)).write(to: url)
            }
            let validated = try Self.run(["validate", "linhai-2025"], in: work, limit: limit)
            Self.check(validated, "case \(k) validate", tally: &tally)
            for line in validated.stderr.split(separator: "\n") where !line.hasPrefix("linhai-2025/") && !line.hasPrefix("linhai-2025:") {
                tally.unlocated += 1
                Issue.record("case \(k) validate: a problem not located in a file: \(line.prefix(300))")
            }
            if validated.status == 0 {
                Self.check(try Self.run(["check", "linhai-2025", "--paths", "100"], in: work, limit: limit), "case \(k) check", tally: &tally)
            }
        }
        if let report = environment["PATHWAYS_FUZZ_REPORT"] { try Data((tally.description + "\n").utf8).write(to: URL(fileURLWithPath: report)) }
        #expect(tally.crashes == 0 && tally.hangs == 0, "\(tally)")
        // The mutants are hostile enough to be refused, and mild enough to be accepted, often.
        #expect(tally.refused > cases / 4 && tally.accepted > cases / 10, "\(tally)")
    }
}
