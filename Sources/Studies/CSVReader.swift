import Foundation

/// One record of a table and the line it starts on.
public struct CSVRecord: Sendable, Hashable {
    /// The 1-based line where the record starts (a quoted field may run over several lines); for a
    /// workbook sheet, the row number.
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// A syntax problem in a CSV file, at a line and (when known) a 1-based field number.
public struct CSVProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int?
    public var message: String

    public init(line: Int, column: Int? = nil, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "line \(line)\(column.map { ":\($0)" } ?? ""): \(message)" }
}

/// The records of a table and the syntax problems found; the reader recovers from each problem and goes on.
public struct CSVTable: Sendable {
    public var records: [CSVRecord]
    public var problems: [CSVProblem]
    /// How the table was read, for `--verbose` ("UTF-8, comma-separated"; "sheet 数据 of a workbook").
    public var format: String
    /// Whether a row may have fewer fields than the header (a workbook sheet leaves out empty trailing cells;
    /// in CSV text a short row is a mistake).
    public var rowsMayBeShort: Bool

    public init(records: [CSVRecord], problems: [CSVProblem] = [], format: String = "", rowsMayBeShort: Bool = false) {
        self.records = records
        self.problems = problems
        self.format = format
        self.rowsMayBeShort = rowsMayBeShort
    }
}

/// An RFC 4180 reader over UTF-8 bytes: fields separated by a comma (or a tab, as in Excel's "Unicode
/// text"), `"` quoting with `""` for a quote, quoted fields may hold separators and line breaks. Tolerates
/// a UTF-8 byte-order mark, CRLF or CR line ends, and blank lines (skipped). Separators, quotes and line
/// ends are ASCII, so the bytes are scanned without decoding; only fields become strings.
public enum CSVReader {
    /// Reads comma-separated text.
    public static func read(_ text: String) -> CSVTable {
        read(utf8: Array(text.utf8), separator: UInt8(ascii: ","))
    }

    /// The separator of a table: a tab when the first line has more tabs than commas, else a comma.
    public static func detectSeparator(_ bytes: [UInt8]) -> UInt8 {
        var commas = 0, tabs = 0
        for b in bytes {
            if b == 0x0A || b == 0x0D { if commas + tabs > 0 { break } else { continue } }
            if b == UInt8(ascii: ",") { commas += 1 } else if b == 0x09 { tabs += 1 }
        }
        return tabs > commas ? 0x09 : UInt8(ascii: ",")
    }

    /// Reads UTF-8 bytes separated by `separator` (default: detected from the first line).
    public static func read(utf8 input: [UInt8], separator: UInt8? = nil) -> CSVTable {
        var start = 0
        if input.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let separator = separator ?? detectSeparator(Array(input[start...]))
        var records: [CSVRecord] = []
        var problems: [CSVProblem] = []

        var line = 1
        var recordLine = 1
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var quotedFieldLine = 1
        var afterClosingQuote = false
        var fieldWasQuoted = false

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            afterClosingQuote = false
            fieldWasQuoted = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields = []
        }

        let quote = UInt8(ascii: "\""), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        var i = start
        let n = input.count
        while i < n {
            let c = input[i]
            i += 1
            if inQuotes {
                if c == quote {
                    if i < n && input[i] == quote {
                        field.append(quote)
                        i += 1
                    } else {
                        inQuotes = false
                        afterClosingQuote = true
                    }
                } else if c == cr {
                    if i < n && input[i] == lf { i += 1 }
                    field.append(lf)
                    line += 1
                } else {
                    if c == lf { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case separator:
                endField()
            case lf, cr:
                if c == cr && i < n && input[i] == lf { i += 1 }
                endRecord()
                line += 1
                recordLine = line
            case quote:
                if field.isEmpty && !fieldWasQuoted && !afterClosingQuote {
                    inQuotes = true
                    fieldWasQuoted = true
                    quotedFieldLine = line
                } else {
                    problems.append(CSVProblem(line: line, column: fields.count + 1, message: "a quote (\") inside an unquoted field; quote the whole field and double the quote"))
                    field.append(c)
                }
            default:
                if afterClosingQuote {
                    problems.append(CSVProblem(line: line, column: fields.count + 1, message: "text after the closing quote of a field; put a separator after the quote"))
                    afterClosingQuote = false
                }
                field.append(c)
            }
        }
        if inQuotes {
            problems.append(CSVProblem(line: quotedFieldLine, column: fields.count + 1, message: "a quoted field is never closed (missing \")"))
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted {
            endRecord()
        }
        let format = separator == 0x09 ? "tab-separated" : "comma-separated"
        return CSVTable(records: records, problems: problems, format: format)
    }

    /// Reads CSV text and fails on the first syntax problem.
    public static func parse(_ text: String) throws(CSVProblem) -> [CSVRecord] {
        let table = read(text)
        if let first = table.problems.first { throw first }
        return table.records
    }
}
