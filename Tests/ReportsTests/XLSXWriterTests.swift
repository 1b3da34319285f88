import Foundation
import Testing
@testable import Reports
import Studies

@Suite("XLSXWriter")
struct XLSXWriterTests {
    @Test("a workbook written by XLSXWriter reads back cell for cell")
    func roundTrip() throws {
        let sheet = XLSXWriter.Sheet(name: "a<b", rows: [[.text("指标"), .text("x & y")], [.number(2019), .number(0.1), .empty, .text("\"q\"")]])
        let data = XLSXWriter.workbook([sheet])
        #expect(XLSXWriter.workbook([sheet]) == data, "the same sheets give the same bytes")
        let (name, table) = try XLSXReader.read(data)
        #expect(name == "a<b")
        #expect(table.records.map(\.fields) == [["指标", "x & y"], ["2019", "0.1", "", "\"q\""]])
    }

    @Test("the fill-in workbook has the rows and a sheet of instructions")
    func fillIn() throws {
        let row = FillInSheet.Row(indicator: "gdp", year: 2024, nameZh: "地区生产总值", nameEn: "GDP", unit: "100 million yuan", targets: "gdp-2025", quote: "翻一番")
        let data = FillInSheet.workbook([row])
        #expect(try XLSXReader.sheetNames(data) == ["fill-in", "README 说明"])
        let (_, table) = try XLSXReader.read(data)
        #expect(table.records.map(\.fields) == [FillInSheet.columns, ["gdp", "2024", "", "", "地区生产总值", "GDP", "100 million yuan", "gdp-2025", "翻一番"]])
    }
}
