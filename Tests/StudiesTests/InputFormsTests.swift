import Foundation
import Testing
@testable import Studies

/// Every input form of `Fixtures/input-forms/` (made by its `make_forms.py` with Python's encoders and
/// openpyxl) gives the same history as the plain long CSV of the same numbers, `study/history.csv`.
@Suite("Input forms")
struct InputFormsTests {
    static let folder = TestPaths.fixture("input-forms")

    /// (indicator, year, value) of every observation, sorted.
    struct Point: Hashable, Comparable, CustomStringConvertible {
        var indicator: String, year: Int, value: Double
        static func < (a: Point, b: Point) -> Bool { (a.indicator, a.year) < (b.indicator, b.year) }
        var description: String { "\(indicator) \(year) \(value)" }
    }

    static func points(_ observations: [Observation]) -> [Point] {
        observations.map { Point(indicator: $0.indicator, year: $0.year, value: $0.value) }.sorted()
    }

    static var plain: [Point] {
        get throws { points(try StudyLoader.load(at: folder.appendingPathComponent("study")).observations) }
    }

    /// A copy of the study with `file` as its history.csv.
    static func study(withHistory file: String) throws -> Study {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("input-forms-\(UUID().uuidString)/study")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        for name in ["study.yaml", "targets.yaml"] {
            try FileManager.default.copyItem(at: folder.appendingPathComponent("study/\(name)"), to: copy.appendingPathComponent(name))
        }
        try FileManager.default.copyItem(at: folder.appendingPathComponent(file), to: copy.appendingPathComponent("history.csv"))
        let validation = StudyLoader.validate(at: copy)
        guard let study = validation.study else { throw DataFileError(path: file, diagnostics: validation.diagnostics) }
        return study
    }

    @Test("the plain long CSV holds the script's 20 numbers")
    func plainHistory() throws {
        let plain = try Self.plain
        #expect(plain.count == 20)
        #expect(plain.contains(Point(indicator: "gdp", year: 2018, value: 5234.56)))
        #expect(!plain.contains { $0.indicator == "urbanization_rate" && $0.year == 2019 })
    }

    @Test("each text form, used as history.csv, gives the plain history", arguments: [
        ("long-gbk.csv", "GB18030, comma-separated"),
        ("unicode-text.txt", "UTF-16LE, tab-separated"),
        ("yearbook-wide.csv", "UTF-8 with byte-order mark, comma-separated"),
        ("thousands-and-empty.csv", "UTF-8, comma-separated"),
    ])
    func textForm(file: String, format: String) throws {
        let study = try Self.study(withHistory: file)
        #expect(Self.points(study.observations) == (try Self.plain))
        #expect(study.historyFormat == format)
    }

    @Test("the workbook's two sheets, the first by default and the second by name, give the plain history")
    func workbook() throws {
        let path = Self.folder.appendingPathComponent("workbook.xlsx").path
        #expect(try XLSXReader.sheetNames(Data(contentsOf: URL(fileURLWithPath: path))) == ["GDP", "收入与城镇化"])
        let first = try TableFile.read(path: path)
        let second = try TableFile.read(path: path, sheet: "收入与城镇化")
        #expect(first.name == "\(path)[GDP]")
        #expect(second.table.records[0].fields.prefix(3) == ["指标", "来源", "2016"])
        let study = try StudyLoader.load(at: Self.folder.appendingPathComponent("study"))
        let merge = try HistoryImport.merge([first, second], into: study, existing: nil, defaultSource: nil, replace: false)
        #expect(merge.added == 20)
        let points = merge.rows.dropFirst().map { Point(indicator: $0[0], year: Int($0[1])!, value: Double($0[2])!) }.sorted()
        #expect(points == (try Self.plain))
    }

    @Test("a sheet that is not in the workbook is named with the sheets it has")
    func missingSheet() throws {
        let path = Self.folder.appendingPathComponent("workbook.xlsx").path
        #expect {
            try TableFile.read(path: path, sheet: "Sheet9")
        } throws: { error in
            "\(error)".contains("the workbook has no sheet named 'Sheet9'; its sheets are 'GDP', '收入与城镇化'")
        }
    }

    @Test("every form imported into an empty history writes the same rows as the plain CSV imported")
    func importsAgree() throws {
        let study = try StudyLoader.load(at: Self.folder.appendingPathComponent("study"))
        func rows(_ files: [TableFile.Loaded]) throws -> [[String]] {
            try HistoryImport.merge(files, into: study, existing: nil, defaultSource: nil, replace: false).rows.map { Array($0.prefix(3)) }
        }
        let plain = try rows([try TableFile.read(path: Self.folder.appendingPathComponent("study/history.csv").path)])
        for file in ["long-gbk.csv", "unicode-text.txt", "yearbook-wide.csv", "thousands-and-empty.csv"] {
            #expect(try rows([try TableFile.read(path: Self.folder.appendingPathComponent(file).path)]) == plain, "\(file)")
        }
    }
}
