import Common
import Foundation
import Studies
import ZIPFoundation

/// Writes a minimal `.xlsx` workbook (Office Open XML; read back by `XLSXReader`): sheets of text and number cells, the first row
/// frozen as a header. Text goes in as inline strings, so there is no shared-strings part; the zip entries
/// carry a fixed date, so the same sheets give the same bytes.
public enum XLSXWriter {
    /// One cell: text, or a number written with every digit it needs.
    public enum Cell: Sendable, Hashable {
        case text(String)
        case number(Double)
        case empty
    }

    /// A sheet: its name (at most 31 characters, none of `[]:*?/\`) and rows, the first being the header.
    public struct Sheet: Sendable {
        public var name: String
        public var rows: [[Cell]]
        /// Column widths in characters, first column first (missing: Excel's default).
        public var widths: [Double]

        public init(name: String, rows: [[Cell]], widths: [Double] = []) {
            self.name = name
            self.rows = rows
            self.widths = widths
        }
    }

    /// The workbook's bytes.
    public static func workbook(_ sheets: [Sheet]) -> Data {
        precondition(!sheets.isEmpty, "a workbook needs a sheet")
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes(sheets.count)),
            ("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """),
            ("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
                \(sheets.enumerated().map { "<sheet name=\"\(Markup.escapeAttribute($1.name))\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined())\
                </sheets></workbook>
                """),
            ("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                \(sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined())\
                </Relationships>
                """),
        ]
        for (k, sheet) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(k + 1).xml", sheetXML(sheet))) }
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            // 1 January 2020: any fixed date; the bytes must not depend on when the file was made.
            let date = Date(timeIntervalSince1970: 1_577_836_800)
            for (path, text) in parts {
                let data = Data(text.utf8)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                                     compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            return archive.data ?? Data()
        } catch {
            preconditionFailure("an in-memory zip archive could not be written: \(error)")
        }
    }

    private static func contentTypes(_ count: Int) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        \((1...count).map { "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined())\
        </Types>
        """
    }

    private static func sheetXML(_ sheet: Sheet) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0">\
            <pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>
            """
        if !sheet.widths.isEmpty {
            xml += "<cols>" + sheet.widths.enumerated().map { "<col min=\"\($0 + 1)\" max=\"\($0 + 1)\" width=\"\($1)\" customWidth=\"1\"/>" }.joined() + "</cols>"
        }
        xml += "<sheetData>"
        for (r, row) in sheet.rows.enumerated() {
            xml += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                let reference = "\(XLSXReader.columnName(c))\(r + 1)"
                switch cell {
                case .text(let text): xml += "<c r=\"\(reference)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(Markup.escapeText(text))</t></is></c>"
                case .number(let value) where value.isFinite: xml += "<c r=\"\(reference)\"><v>\(NumberText.csv(value))</v></c>"
                case .number, .empty: break
                }
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }
}
