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

    @Test func writesEveryFileAndLeavesNoTemporaries() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var output = AtomicOutput(folder: folder)
        output.add("a.csv", text: "1\n")
        output.add("charts/b.svg", text: "<svg/>")
        try output.commit()
        #expect(try String(contentsOf: folder.appendingPathComponent("a.csv"), encoding: .utf8) == "1\n")
        #expect(try String(contentsOf: folder.appendingPathComponent("charts/b.svg"), encoding: .utf8) == "<svg/>")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.csv", "charts"])
    }

    /// A file that cannot be replaced (a folder stands in its place) makes the whole set fail, and the files
    /// already swapped in are put back.
    @Test func aFailureLeavesThePreviousOutputsWhole() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var first = AtomicOutput(folder: folder)
        first.add("a.csv", text: "old a\n")
        try first.commit()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("b.csv/occupied"), withIntermediateDirectories: true)
        var second = AtomicOutput(folder: folder)
        second.add("a.csv", text: "new a\n")
        second.add("b.csv", text: "new b\n")
        #expect(throws: OutputError.self) { try second.commit() }
        #expect(try String(contentsOf: folder.appendingPathComponent("a.csv"), encoding: .utf8) == "old a\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.csv", "b.csv"])
    }

    @Test func anUnwritableFolderNamesItsPath() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("a file".utf8).write(to: folder.appendingPathComponent("blocker"))
        var output = AtomicOutput(folder: folder.appendingPathComponent("blocker/out"))
        output.add("a.csv", text: "1\n")
        do {
            try output.commit()
            Issue.record("expected an error")
        } catch {
            #expect(error.path.hasSuffix("blocker/out"))
            #expect(error.description.hasPrefix("Cannot write \(folder.path)/blocker/out: cannot create the folder"))
        }
    }
}
