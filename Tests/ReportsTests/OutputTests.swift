import Common
import Foundation
import Testing
@testable import Reports
import Studies

/// CSV text, number formatting and all-or-nothing output.
@Suite struct OutputTests {
    @Test func csvQuotesOnlyWhatNeedsIt() {
        var table = CSVTableWriter(header: ["id", "quote"])
        table.append(["a", "城乡居民收入倍差缩小到1.8以内"])
        table.append(["b", "growth of 8%, \"at least\""])
        table.append(["c", "two\nlines"])
        #expect(table.text() == "id,quote\na,城乡居民收入倍差缩小到1.8以内\nb,\"growth of 8%, \"\"at least\"\"\"\nc,\"two\nlines\"\n")
        #expect(table.text(byteOrderMark: true).utf8.prefix(3).elementsEqual([0xEF, 0xBB, 0xBF]))
    }

    @Test func numbersRoundTripAndMissingIsEmpty() {
        #expect(NumberText.csv(0.1 + 0.2) == "0.30000000000000004")
        #expect(Double(NumberText.csv(1.0 / 3))! == 1.0 / 3)
        #expect(NumberText.csv(2025.0) == "2025")
        #expect(NumberText.csv(-0.0) == "0")
        #expect(NumberText.csv(Double.nan) == "" && NumberText.csv(Double.infinity) == "" && NumberText.csv(nil as Double?) == "")
        #expect(NumberText.fixed(-0.0001, decimals: 2) == "0.00")
        #expect(NumberText.percent(0.853, decimals: 1) == "85.3%")
        #expect(NumberText.significant17(0.1) == "0.10000000000000001")
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pathways-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Names beside `folder` that a commit uses (`.NAME.pathways-…`).
    static func siblings(of folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.deletingLastPathComponent().path).filter { $0.hasPrefix(".\(folder.lastPathComponent).pathways-") }
    }

    @Test func writesEveryFileAndLeavesNoTemporaries() throws {
        let base = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let folder = base.appendingPathComponent("out")
        var output = AtomicOutput(folder: folder)
        output.add("a.csv", text: "1\n")
        output.add("charts/b.svg", text: "<svg/>")
        try output.commit()
        #expect(try String(contentsOf: folder.appendingPathComponent("a.csv"), encoding: .utf8) == "1\n")
        #expect(try String(contentsOf: folder.appendingPathComponent("charts/b.svg"), encoding: .utf8) == "<svg/>")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [".pathways-output", "a.csv", "charts"])
        #expect(try String(contentsOf: folder.appendingPathComponent(".pathways-output"), encoding: .utf8).hasSuffix("\na.csv\ncharts/b.svg\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["out"])
    }

    /// A second commit replaces the first whole: a file it does not write (a chart no longer made) is gone,
    /// a file of the user's is kept (the same file, linked), and a link where a folder goes is not followed.
    @Test func theNextCommitReplacesTheSetAndKeepsTheUsersFiles() throws {
        let base = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let fm = FileManager.default
        let folder = base.appendingPathComponent("out")
        var first = AtomicOutput(folder: folder)
        first.add("a.csv", text: "old a\n")
        first.add("charts/gone.svg", text: "<svg/>")
        try first.commit()
        try Data("mine".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        try fm.createDirectory(at: folder.appendingPathComponent(".ipynb_checkpoints"), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: folder.appendingPathComponent(".ipynb_checkpoints/analysis-checkpoint.ipynb"))
        // A link where the new set puts its charts, pointing at a folder that must stay empty.
        let elsewhere = base.appendingPathComponent("elsewhere")
        try fm.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try fm.removeItem(at: folder.appendingPathComponent("charts"))
        try fm.createSymbolicLink(at: folder.appendingPathComponent("charts"), withDestinationURL: elsewhere)
        let notesInode = try fm.attributesOfItem(atPath: folder.appendingPathComponent("notes.txt").path)[.systemFileNumber] as? UInt64

        var second = AtomicOutput(folder: folder)
        second.add("a.csv", text: "new a\n")
        second.add("charts/kept.svg", text: "<svg/>")
        try second.commit()
        #expect(try String(contentsOf: folder.appendingPathComponent("a.csv"), encoding: .utf8) == "new a\n")
        #expect(try fm.contentsOfDirectory(atPath: folder.path).sorted() == [".ipynb_checkpoints", ".pathways-output", "a.csv", "charts", "notes.txt"])
        #expect(try fm.contentsOfDirectory(atPath: folder.appendingPathComponent("charts").path) == ["kept.svg"])
        #expect(try fm.attributesOfItem(atPath: folder.appendingPathComponent("charts").path)[.type] as? FileAttributeType == .typeDirectory)
        #expect(try fm.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
        #expect(try fm.attributesOfItem(atPath: folder.appendingPathComponent("notes.txt").path)[.systemFileNumber] as? UInt64 == notesInode)
        #expect(fm.contents(atPath: folder.appendingPathComponent(".ipynb_checkpoints/analysis-checkpoint.ipynb").path) == Data("{}".utf8))
        #expect(try Self.siblings(of: folder).isEmpty)
    }

    /// A file of the user's where the new set puts a file makes the whole set fail, naming it, and the
    /// previous folder stays as it was.
    @Test func aFailureLeavesThePreviousOutputsWhole() throws {
        let base = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let folder = base.appendingPathComponent("out")
        var first = AtomicOutput(folder: folder)
        first.add("a.csv", text: "old a\n")
        try first.commit()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("b.csv"), withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: folder.appendingPathComponent("b.csv/mine.txt"))
        var second = AtomicOutput(folder: folder)
        second.add("a.csv", text: "new a\n")
        second.add("b.csv", text: "new b\n")
        let error = #expect(throws: OutputError.self) { try second.commit() }
        #expect(error?.description == "Cannot write \(folder.standardizedFileURL.path)/b.csv: a folder holding files that pathways did not write is in the way of the file.")
        #expect(try String(contentsOf: folder.appendingPathComponent("a.csv"), encoding: .utf8) == "old a\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [".pathways-output", "a.csv", "b.csv"])
        #expect(try Self.siblings(of: folder).isEmpty)
    }

    /// A folder that pathways did not write (no manifest, other names) is never replaced: `--out .` or
    /// `--out ~` cannot take a user's folder. An earlier version's output (only its names) is taken over.
    @Test func aFolderOfTheUsersIsRefused() throws {
        let base = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let folder = base.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("src"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: folder.appendingPathComponent("README.md"))
        var output = AtomicOutput(folder: folder)
        output.add("a.csv", text: "1\n")
        let error = #expect(throws: OutputError.self) { try output.commit() }
        #expect(error?.description == "Cannot write \(folder.standardizedFileURL.path): the folder holds files that pathways did not write (README.md, src); give a new or empty folder, or the folder of an earlier run.")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["README.md", "src"])

        let earlier = base.appendingPathComponent("earlier")
        try FileManager.default.createDirectory(at: earlier.appendingPathComponent("charts"), withIntermediateDirectories: true)
        try Data("old".utf8).write(to: earlier.appendingPathComponent("a.csv"))
        try Data("old".utf8).write(to: earlier.appendingPathComponent("charts/gone.svg"))
        try Data("half".utf8).write(to: earlier.appendingPathComponent(".a.csv.tmp-12345"))
        var again = AtomicOutput(folder: earlier)
        again.add("a.csv", text: "1\n")
        again.add("charts/b.svg", text: "<svg/>")
        try again.commit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: earlier.path).sorted() == [".pathways-output", "a.csv", "charts"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: earlier.appendingPathComponent("charts").path) == ["b.svg"])
    }

    @Test func anOutputFolderThatIsALinkIsRefused() throws {
        let base = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let target = base.appendingPathComponent("target")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let link = base.appendingPathComponent("out")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        var output = AtomicOutput(folder: link)
        output.add("a.csv", text: "1\n")
        let error = #expect(throws: OutputError.self) { try output.commit() }
        #expect(error?.reason == "it is a symbolic link; give the folder it points to, or another folder")
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)
    }

    /// What killed commits left beside the folder is removed by the next one, when their process is gone.
    @Test func leftoversOfEndedProcessesAreRemoved() throws {
        let base = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let folder = base.appendingPathComponent("out")
        let stale = base.appendingPathComponent(".out.pathways-new-\(ended.processIdentifier)-1")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        try Data("half".utf8).write(to: stale.appendingPathComponent("a.csv"))
        let live = base.appendingPathComponent(".out.pathways-new-\(getpid())-999")
        try FileManager.default.createDirectory(at: live, withIntermediateDirectories: true)
        var output = AtomicOutput(folder: folder)
        output.add("a.csv", text: "1\n")
        try output.commit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).sorted() == [live.lastPathComponent, "out"])
    }

    @Test func anUnwritableFolderNamesItsPath() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("a file".utf8).write(to: folder.appendingPathComponent("blocker"))
        var output = AtomicOutput(folder: folder.appendingPathComponent("blocker/out"))
        output.add("a.csv", text: "1\n")
        let error = #expect(throws: OutputError.self) { try output.commit() }
        #expect(error?.description == "Cannot write \(folder.standardizedFileURL.path)/blocker: cannot create the folder (a file is in the way).")
    }

    /// A full disk is named as such (`/dev/full` answers every write with ENOSPC).
    @Test func aFullDiskIsNamed() throws {
        let fd = open("/dev/full", O_WRONLY)
        try #require(fd >= 0, "no /dev/full here")
        defer { close(fd) }
        let code = OutputFiles.writeAll(Data(repeating: 65, count: 100_000), to: fd)
        #expect(code == ENOSPC)
        #expect(OutputFiles.reason(code) == "the disk is full (no space left on device)")
    }

    /// One file replaced whole: the new bytes in place, no temporary file left, a link at the name
    /// replaced rather than followed.
    @Test func aSingleFileIsReplacedWhole() throws {
        let base = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let target = base.appendingPathComponent("target.csv")
        try Data("theirs".utf8).write(to: target)
        let file = base.appendingPathComponent("forecasts.csv")
        try FileManager.default.createSymbolicLink(at: file, withDestinationURL: target)
        try AtomicFile.write(Data("new\n".utf8), to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "new\n")
        #expect(try String(contentsOf: target, encoding: .utf8) == "theirs")
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).sorted() == ["forecasts.csv", "target.csv"])
        #expect(throws: OutputError.self) { try AtomicFile.write(Data(), to: base) }
    }
}
