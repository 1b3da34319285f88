import Common
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads one sheet of an Excel workbook (`.xlsx`, Office Open XML) as a table of text cells.
///
/// The zip container is opened with ZIPFoundation; the workbook, its relationships, shared strings, styles
/// and the sheet are parsed with Foundation's `XMLParser`. A cell becomes the text a CSV export would hold:
/// a shared or inline string as it is, a number as the digits Excel stored (`1234.5`, `6.5E-2`), a number
/// formatted as a percentage as that percentage (`0.653` shown as `65.3%` becomes `65.3%`), `TRUE`/`FALSE`
/// for booleans, the error text (`#N/A`) for an error, and an empty string for an empty or absent cell.
/// Formulas are read by their cached value. Each record's line is the sheet's row number.
public enum XLSXReader {
    /// A workbook that cannot be read, or a sheet that is not in it.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The names of the workbook's sheets, in order.
    public static func sheetNames(_ data: Data) throws(Failure) -> [String] {
        try sheets(of: try archive(data)).map(\.name)
    }

    /// The sheet named `sheet` (default: the first) as a table.
    /// - Parameter limit: the most a part of the workbook may unpack to (default `largestPart`).
    public static func read(_ data: Data, sheet wanted: String? = nil, limit: Int = largestPart) throws(Failure) -> (sheet: String, table: CSVTable) {
        let archive = try archive(data)
        let sheets = try sheets(of: archive)
        guard let first = sheets.first else { throw Failure(message: "the workbook has no sheet") }
        var chosen = first
        if let wanted {
            guard let named = sheets.first(where: { $0.name == wanted }) else {
                throw Failure(message: "the workbook has no sheet named '\(wanted)'; its sheets are \(sheets.map { "'\($0.name)'" }.joined(separator: ", "))")
            }
            chosen = named
        }
        var shared: [String] = []
        if let xml = try optionalEntry(archive, "xl/sharedStrings.xml", limit: limit) { shared = try parse(xml, SharedStringsParser()).strings }
        var percentStyles: Set<Int> = []
        if let xml = try optionalEntry(archive, "xl/styles.xml", limit: limit) { percentStyles = try parse(xml, StylesParser()).percentStyles }
        guard let sheetXML = try optionalEntry(archive, chosen.path, limit: limit) else {
            throw Failure(message: "the workbook lists sheet '\(chosen.name)' at \(chosen.path), but the file is not in it")
        }
        let sheetParser = try parse(sheetXML, SheetParser(shared: shared, percentStyles: percentStyles))
        if let problem = sheetParser.problem { throw Failure(message: "sheet '\(chosen.name)': \(problem)") }
        let records = sheetParser.rows.sorted { $0.key < $1.key }.compactMap { row, cells -> CSVRecord? in
            guard let last = cells.keys.max() else { return nil }
            var fields = [String](repeating: "", count: last + 1)
            for (column, text) in cells { fields[column] = text }
            while let end = fields.last, end.isEmpty { fields.removeLast() }
            return fields.isEmpty ? nil : CSVRecord(line: row, fields: fields)
        }
        return (chosen.name, CSVTable(records: records, problems: [], format: "sheet '\(chosen.name)' of an .xlsx workbook", rowsMayBeShort: true))
    }

    /// `A`, `B`, … `Z`, `AA`, … for a 0-based column.
    public static func columnName(_ column: Int) -> String {
        var letters = ""
        var n = column + 1
        while n > 0 { letters = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + letters; n = (n - 1) / 26 }
        return letters
    }

    /// Whether bytes start like a zip archive (`PK\3\4`), as every .xlsx does.
    public static func looksLikeZip(_ data: Data) -> Bool { data.starts(with: zipSignature) }

    /// The first bytes of a zip archive (a local file header).
    public static let zipSignature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

    private static func archive(_ data: Data) throws(Failure) -> Archive {
        do {
            return try Archive(data: data, accessMode: .read)
        } catch {
            throw Failure(message: "not an .xlsx workbook: the zip container cannot be read (\(error))")
        }
    }

    /// The most a part of a workbook may unpack to: 256 MiB, far above any sheet a study needs, so that a
    /// small file that unpacks to gigabytes (a "zip bomb") is refused instead of filling memory.
    public static let largestPart = 256 << 20

    private struct TooLarge: Error {}

    private static func optionalEntry(_ archive: Archive, _ path: String, limit: Int = largestPart) throws(Failure) -> Data? {
        guard let entry = archive[path] else { return nil }
        let tooLarge = Failure(message: "the workbook's \(path) unpacks to more than \(limit) bytes; save the sheet as CSV instead")
        guard entry.uncompressedSize <= UInt64(limit) else { throw tooLarge }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                // The declared size can lie: count what is really unpacked.
                guard data.count + chunk.count <= limit else { throw TooLarge() }
                data.append(chunk)
            }
        } catch is TooLarge {
            throw tooLarge
        } catch {
            throw Failure(message: "the workbook's \(path) cannot be unpacked (\(error))")
        }
        return data
    }

    private struct SheetEntry { var name: String; var path: String }

    private static func sheets(of archive: Archive) throws(Failure) -> [SheetEntry] {
        guard let workbook = try optionalEntry(archive, "xl/workbook.xml") else {
            throw Failure(message: "not an .xlsx workbook: it has no xl/workbook.xml")
        }
        let listed = try parse(workbook, WorkbookParser()).sheets
        var targets: [String: String] = [:]
        if let xml = try optionalEntry(archive, "xl/_rels/workbook.xml.rels") { targets = try parse(xml, RelationshipsParser()).targets }
        return listed.map { sheet in
            var path = targets[sheet.relationship] ?? "worksheets/sheet\(sheet.index + 1).xml"
            if path.hasPrefix("/") { path.removeFirst() } else if !path.hasPrefix("xl/") { path = "xl/" + path }
            return SheetEntry(name: sheet.name, path: path)
        }
    }

    private static func parse<P: XMLParserDelegate>(_ data: Data, _ delegate: P) throws(Failure) -> P {
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else {
            throw Failure(message: "the workbook holds XML that does not parse (line \(parser.lineNumber): \(parser.parserError.map { "\($0)" } ?? "unknown error"))")
        }
        return delegate
    }

    /// The 0-based column of a cell reference (`C5` → 2), or nil.
    static func column(ofReference reference: String) -> Int? {
        var column = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { break }
            column = column * 26 + Int(scalar.value - 64)
            letters += 1
        }
        return letters > 0 && letters <= 3 ? column - 1 : nil
    }

    /// A fraction cell's text as a percentage, to the 15 significant digits Excel keeps: `0.653` → `65.3`,
    /// `0.6509999999999999` (65.1/100 in binary) → `65.1`. The point is moved in the text first, so no
    /// rounding enters but the final one.
    static func percentText(_ text: String) -> String {
        let shifted = shiftedPoint(text)
        guard let value = Double(shifted), value.isFinite else { return shifted }
        return NumberText.csv(Double(String(format: "%.15g", value)) ?? value)
    }

    /// Decimal text multiplied by 100 by moving its point: `0.653` → `65.3`, `6.53E-1` → `6.53E1`.
    static func shiftedPoint(_ text: String) -> String {
        if let e = text.firstIndex(where: { $0 == "E" || $0 == "e" }), let exponent = Int(text[text.index(after: e)...]) {
            return "\(text[..<e])E\(exponent + 2)"
        }
        var sign = ""
        var body = Substring(text)
        if body.hasPrefix("-") || body.hasPrefix("+") { sign = String(body.removeFirst()) }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts[0]
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        while fraction.count < 2 { fraction += "0" }
        var digits = String(whole) + fraction.prefix(2)
        let rest = fraction.dropFirst(2)
        while digits.count > 1 && digits.hasPrefix("0") { digits.removeFirst() }
        return sign + digits + (rest.isEmpty ? "" : "." + rest)
    }
}

// MARK: - XML parts

private final class WorkbookParser: NSObject, XMLParserDelegate {
    var sheets: [(name: String, relationship: String, index: Int)] = []

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        guard element == "sheet" || element.hasSuffix(":sheet") else { return }
        let relationship = attributes.first { $0.key == "r:id" || $0.key.hasSuffix(":id") }?.value ?? ""
        sheets.append((attributes["name"] ?? "Sheet\(sheets.count + 1)", relationship, sheets.count))
    }
}

private final class RelationshipsParser: NSObject, XMLParserDelegate {
    var targets: [String: String] = [:]

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if element == "Relationship", let id = attributes["Id"], let target = attributes["Target"] { targets[id] = target }
    }
}

/// `xl/sharedStrings.xml`: each `<si>` is the text of its `<t>` elements (rich-text runs joined), without
/// phonetic guides (`<rPh>`).
private final class SharedStringsParser: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var phoneticDepth = 0

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch element {
        case "si": current = ""
        case "rPh": phoneticDepth += 1
        case "t": inText = phoneticDepth == 0
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch element {
        case "si": strings.append(current)
        case "rPh": phoneticDepth -= 1
        case "t": inText = false
        default: break
        }
    }
}

/// `xl/styles.xml`: the indices of the cell formats (`<cellXfs><xf>`) whose number format is a percentage
/// (built-in formats 9 and 10, or a custom format code with `%` outside quotes).
private final class StylesParser: NSObject, XMLParserDelegate {
    var percentStyles: Set<Int> = []
    private var customPercent: Set<Int> = []
    private var inCellFormats = false
    private var index = 0

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch element {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"], Self.isPercent(code) {
                customPercent.insert(id)
            }
        case "cellXfs": inCellFormats = true; index = 0
        case "xf" where inCellFormats:
            let id = attributes["numFmtId"].flatMap(Int.init) ?? 0
            if id == 9 || id == 10 || customPercent.contains(id) { percentStyles.insert(index) }
            index += 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        if element == "cellXfs" { inCellFormats = false }
    }

    static func isPercent(_ code: String) -> Bool {
        var quoted = false
        var escaped = false
        for c in code {
            if escaped { escaped = false; continue }
            if c == "\\" { escaped = true } else if c == "\"" { quoted.toggle() } else if c == "%" && !quoted { return true }
        }
        return false
    }
}

/// A worksheet: the text of every cell by row number and 0-based column.
private final class SheetParser: NSObject, XMLParserDelegate {
    let shared: [String]
    let percentStyles: Set<Int>
    var rows: [Int: [Int: String]] = [:]
    var problem: String?

    private var row = 0
    private var nextColumn = 0
    private var cellColumn = 0
    private var cellType = "n"
    private var cellStyle = 0
    private var value = ""
    private var inline = ""
    private var inValue = false
    private var inInlineText = false
    private var inInline = false

    init(shared: [String], percentStyles: Set<Int>) {
        self.shared = shared
        self.percentStyles = percentStyles
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch element {
        case "row":
            row = attributes["r"].flatMap(Int.init) ?? row + 1
            nextColumn = 0
        case "c":
            cellColumn = attributes["r"].flatMap(XLSXReader.column(ofReference:)) ?? nextColumn
            nextColumn = cellColumn + 1
            cellType = attributes["t"] ?? "n"
            cellStyle = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
            inline = ""
        case "v": inValue = true
        case "is": inInline = true
        case "t" where inInline: inInlineText = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue { value += string } else if inInlineText { inline += string }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch element {
        case "v": inValue = false
        case "t": inInlineText = false
        case "is": inInline = false
        case "c":
            let text: String
            switch cellType {
            case "s":
                guard let k = Int(value), shared.indices.contains(k) else {
                    problem = problem ?? "cell \(Self.reference(row: row, column: cellColumn)) names shared string \(value), which the workbook does not hold"
                    return
                }
                text = shared[k]
            case "inlineStr": text = inline
            case "b": text = value == "1" ? "TRUE" : value == "0" ? "FALSE" : value
            case "str", "e": text = value
            default: text = percentStyles.contains(cellStyle) && !value.isEmpty ? XLSXReader.percentText(value) + "%" : value
            }
            if !text.isEmpty { rows[row, default: [:]][cellColumn] = text }
        default: break
        }
    }

    static func reference(row: Int, column: Int) -> String { "\(XLSXReader.columnName(column))\(row)" }
}
