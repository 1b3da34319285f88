import Foundation
import Testing
import ZIPFoundation
@testable import Studies

/// The workbook reader on parts written here by hand as Excel writes them (shared strings with rich-text runs
/// and phonetic guides, styles with a percent format, formulas with cached values, cells without references),
/// zipped with ZIPFoundation: independent of `XLSXWriter`.
@Suite("XLSXReader")
struct XLSXReaderTests {
    static func workbook(sheet: String, sharedStrings: String, styles: String) throws -> Data {
        let parts: [(String, String)] = [
            ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
            ("xl/workbook.xml", """
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                <sheets><sheet name="说明" sheetId="1" r:id="rId2"/><sheet name="数据" sheetId="2" r:id="rId1"/></sheets></workbook>
                """),
            ("xl/_rels/workbook.xml.rels", """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Target="worksheets/data.xml" Type="worksheet"/><Relationship Id="rId2" Target="/xl/worksheets/notes.xml" Type="worksheet"/></Relationships>
                """),
            ("xl/worksheets/data.xml", sheet),
            ("xl/worksheets/notes.xml", "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>3</v></c></row></sheetData></worksheet>"),
            ("xl/sharedStrings.xml", sharedStrings),
            ("xl/styles.xml", styles),
        ]
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    static let sharedStrings = """
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
        <si><t>指标</t></si>
        <si><r><rPr><b/></rPr><t>地区</t></r><r><t xml:space="preserve">生产总值</t></r><rPh sb="0" eb="2"><t>ちく</t></rPh></si>
        <si><t>a &amp; b</t></si>
        <si><t>notes</t></si>
        </sst>
        """
    // cellXfs: 0 general, 1 built-in 10 (0.00%), 2 custom 164 ("0.0%"), 3 custom 165 ("0.0\"%\"": a quoted %, not a percentage).
    static let styles = """
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
        <numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="0.0&quot;%&quot;"/></numFmts>
        <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="10"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>
        """
    static let sheet = """
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>2019</v></c><c r="C1" t="inlineStr"><is><t>2020年</t></is></c><c r="E1" t="str"><f>"来"&amp;"源"</f><v>来源</v></c></row>
        <row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" s="1"><v>0.6509999999999999</v></c><c s="2"><v>6.53E-1</v></c><c r="E3" t="s"><v>2</v></c></row>
        <row r="4"><c r="A4" t="b"><v>1</v></c><c r="B4" t="e"><v>#N/A</v></c><c r="C4" s="3"><v>12.5</v></c><c r="D4"><f>B3*2</f><v>1.302</v></c></row>
        </sheetData></worksheet>
        """

    @Test("cells read as a CSV export would hold them; rows keep their numbers; the second sheet by name")
    func cells() throws {
        let data = try Self.workbook(sheet: Self.sheet, sharedStrings: Self.sharedStrings, styles: Self.styles)
        #expect(try XLSXReader.sheetNames(data) == ["说明", "数据"])
        let (name, table) = try XLSXReader.read(data, sheet: "数据")
        #expect(name == "数据")
        #expect(table.records.map(\.line) == [1, 3, 4])
        #expect(table.records[0].fields == ["指标", "2019", "2020年", "", "来源"])
        // Rich-text runs joined, phonetic guide left out, entities decoded; percent cells as percentages to 15 digits.
        #expect(table.records[1].fields == ["地区生产总值", "65.1%", "65.3%", "", "a & b"])
        // Booleans, error values, a quoted "%" in a format (not a percentage), a formula's cached value.
        #expect(table.records[2].fields == ["TRUE", "#N/A", "12.5", "1.302"])
        #expect(table.rowsMayBeShort)
    }

    @Test("the first sheet is the default")
    func firstSheet() throws {
        let data = try Self.workbook(sheet: Self.sheet, sharedStrings: Self.sharedStrings, styles: Self.styles)
        let (name, table) = try XLSXReader.read(data)
        #expect(name == "说明")
        #expect(table.records.map(\.fields) == [["notes"]])
    }

    @Test("a shared string the workbook does not hold is an error naming the cell")
    func badSharedString() throws {
        let sheet = "<worksheet><sheetData><row r=\"2\"><c r=\"C2\" t=\"s\"><v>9</v></c></row></sheetData></worksheet>"
        let data = try Self.workbook(sheet: sheet, sharedStrings: Self.sharedStrings, styles: Self.styles)
        #expect(throws: XLSXReader.Failure.self) { try XLSXReader.read(data, sheet: "数据") }
        do { _ = try XLSXReader.read(data, sheet: "数据") } catch { #expect(error.message.contains("cell C2 names shared string 9")) }
    }

    @Test("a part that unpacks to more than the limit is refused, not read into memory")
    func zipBomb() throws {
        let rows = String(repeating: "<row><c><v>0</v></c></row>", count: 2000)
        let data = try Self.workbook(sheet: "<worksheet><sheetData>\(rows)</sheetData></worksheet>", sharedStrings: Self.sharedStrings, styles: Self.styles)
        #expect(data.count < 10_000, "the sheet compresses to little")
        #expect(try XLSXReader.read(data, sheet: "数据").table.records.count == 2000)
        #expect { try XLSXReader.read(data, sheet: "数据", limit: 20_000) } throws: {
            "\($0)" == "the workbook's xl/worksheets/data.xml unpacks to more than 20000 bytes; save the sheet as CSV instead"
        }
        #expect(XLSXReader.largestPart == 256 * 1024 * 1024)
    }

    @Test("bytes that are a zip but not a workbook, and bytes that are no zip")
    func notWorkbooks() throws {
        let archive = try Archive(data: Data(), accessMode: .create)
        let data = Data("x".utf8)
        try archive.addEntry(with: "a.txt", type: .file, uncompressedSize: Int64(1)) { (_: Int64, _: Int) in data }
        let zip = try #require(archive.data)
        #expect { try XLSXReader.read(zip) } throws: { "\($0)" == "not an .xlsx workbook: it has no xl/workbook.xml" }
        #expect(throws: XLSXReader.Failure.self) { try XLSXReader.read(Data([0x50, 0x4B, 0x03, 0x04, 0, 0])) }
    }

    @Test("percent text moves the point exactly", arguments: [("0.653", "65.3"), ("1", "100"), ("-0.05", "-5"), ("6.53E-1", "65.3"), (".5", "50"), ("0.6509999999999999", "65.1")])
    func percentText(text: String, expected: String) {
        #expect(XLSXReader.percentText(text) == expected)
    }

    @Test("cell references", arguments: [("A1", 0), ("C5", 2), ("Z9", 25), ("AA10", 26), ("XFD1", 16383)])
    func references(reference: String, column: Int) {
        #expect(XLSXReader.column(ofReference: reference) == column)
        #expect(XLSXReader.columnName(column) == String(reference.prefix { $0.isLetter }))
    }
}
