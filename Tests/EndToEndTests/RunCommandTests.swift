import Foundation
import Testing

/// `pathways run`: reproducible bytes, and bad input refused with a clear message and the old outputs kept.
@Suite struct RunCommandTests {
    static let study = "Scenarios/linhai-2025"
    static let files = ["projections.csv", "feasibility.csv", "fits.csv"]

    static func contents(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for f in files { out[f] = try Data(contentsOf: folder.appendingPathComponent(f)) }
        return out
    }

    @Test func sameSeedSameBytesWhateverTheThreads() throws {
        let a = try PathwaysTool.temporaryFolder(), b = try PathwaysTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        let one = try PathwaysTool.run(["run", Self.study, "--out", a.path, "--paths", "3000", "--seed", "9", "--threads", "1"])
        let two = try PathwaysTool.run(["run", Self.study, "--out", b.path, "--paths", "3000", "--seed", "9", "--threads", "2"])
        #expect(one.status == 0 && two.status == 0, "\(one.stderr)\(two.stderr)")
        #expect(try Self.contents(a) == Self.contents(b))
        #expect(one.stdout.contains("Wrote "))
    }

    /// `check` fits 100 columns and, piped, has no colour codes.
    @Test func checkFitsOneHundredColumnsWithoutColourWhenPiped() throws {
        let result = try PathwaysTool.run(["check", Self.study, "--paths", "500"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        for line in lines { #expect(line.count <= 100, "\(line)") }
        #expect(!result.stdout.contains("\u{1B}"))
        // The two assessed targets come first, each with a verdict per scenario; the 83 without data after, counted.
        let terms = ["virtually certain", "very likely", "likely", "as likely as not", "unlikely", "except. unlikely", "met", "missed"]
        let ratio = try #require(lines.firstIndex { $0.hasPrefix("income-ratio-2025") })
        let urbanization = try #require(lines.firstIndex { $0.hasPrefix("urbanization-2025") })
        let without = try #require(lines.firstIndex { $0.hasPrefix("Targets without data: 82.") })
        #expect(ratio < without && urbanization < without)
        for row in [lines[ratio], lines[urbanization]] { #expect(terms.contains { row.contains($0) }, "\(row)") }
        #expect(lines[(without + 1)...].contains { $0.hasPrefix("  loans-double-2025: needs 14.9% a year from 2020; settled by the 2020 and 2025 values") })
        #expect(!lines[..<without].contains { $0.contains("loans-double-2025") })
    }

    @Test func missingStudyFolder() throws {
        let result = try PathwaysTool.run(["run", "Scenarios/no-such-study"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no study folder at Scenarios/no-such-study"))
    }

    @Test func scenarioNamingAnUnknownIndicator() throws {
        let fixture = "Tests/StudiesTests/Fixtures/scenario-unknown-indicator"
        let result = try PathwaysTool.run(["run", fixture, "--out", FileManager.default.temporaryDirectory.appendingPathComponent("unused").path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(fixture)/scenarios/"), "\(result.stderr)")
        #expect(result.stderr.contains("unknown indicator"), "\(result.stderr)")
    }

    @Test func seedThatIsNotANumber() throws {
        let result = try PathwaysTool.run(["run", "--seed", "abc"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--seed"), "\(result.stderr)")
        #expect(result.stderr.contains("abc"))
    }

    @Test func unknownScenarioName() throws {
        let result = try PathwaysTool.run(["run", "--scenario", "boom", "--out", FileManager.default.temporaryDirectory.appendingPathComponent("unused").path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no scenario named boom"), "\(result.stderr)")
    }

    /// The output folder cannot take the new files (a folder of the user's stands where fits.csv goes): the
    /// run fails, names the path, and the earlier outputs stay as they were.
    @Test func unwritableOutputLeavesEarlierOutputsWhole() throws {
        let folder = try PathwaysTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try PathwaysTool.run(["run", Self.study, "--out", folder.path, "--paths", "500", "--seed", "1"])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try Data(contentsOf: folder.appendingPathComponent("projections.csv"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("fits.csv"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("fits.csv"), withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: folder.appendingPathComponent("fits.csv/occupied.txt"))
        let second = try PathwaysTool.run(["run", Self.study, "--out", folder.path, "--paths", "500", "--seed", "2"])
        #expect(second.status != 0)
        #expect(second.stderr.contains("Cannot write \(folder.path)/fits.csv"), "\(second.stderr)")
        #expect(try Data(contentsOf: folder.appendingPathComponent("projections.csv")) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.deletingLastPathComponent().path)
            .filter { $0.hasPrefix(".\(folder.lastPathComponent).pathways-") }
        #expect(leftovers.isEmpty, "temporary folders left: \(leftovers)")
    }

    @Test func outputFolderUnderAFile() throws {
        let folder = try PathwaysTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("x".utf8).write(to: folder.appendingPathComponent("file"))
        let result = try PathwaysTool.run(["run", Self.study, "--out", folder.appendingPathComponent("file/out").path, "--paths", "200"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("Cannot write \(folder.path)/file: cannot create the folder (a file is in the way)"), "\(result.stderr)")
    }
}
