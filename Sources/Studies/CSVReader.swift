import Foundation

/// One record of a CSV file and the line it starts on.
public struct CSVRecord: Sendable, Hashable {
    /// The 1-based line where the record starts (a quoted field may run over several lines).
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// A syntax problem in a CSV file.
public struct CSVProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public var description: String { "line \(line): \(message)" }
}

/// The records of a CSV file and the syntax problems found; the reader recovers from each problem and goes on.
public struct CSVTable: Sendable {
    public var records: [CSVRecord]
    public var problems: [CSVProblem]
}

/// An RFC 4180 reader: comma-separated fields, `"` quoting with `""` for a quote, quoted fields may hold commas
/// and line breaks. Tolerates a UTF-8 byte-order mark, CRLF or CR line ends, and blank lines (skipped).
public enum CSVReader {
    /// Reads CSV text.
    public static func read(_ text: String) -> CSVTable {
        var records: [CSVRecord] = []
        var problems: [CSVProblem] = []
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }

        var line = 1
        var recordLine = 1
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var quotedFieldLine = 1
        var afterClosingQuote = false
        var fieldWasQuoted = false

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
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

        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func nextScalar() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }

        while let c = nextScalar() {
            if inQuotes {
                if c == "\"" {
                    let following = nextScalar()
                    if following == "\"" {
                        field.append("\"")
                    } else {
                        inQuotes = false
                        afterClosingQuote = true
                        pending = following
                    }
                } else {
                    if c == "\n" { line += 1 }
                    if c == "\r" {
                        let following = nextScalar()
                        if following != "\n" { pending = following }
                        field.append("\n")
                        line += 1
                        continue
                    }
                    field.append(c)
                }
                continue
            }
            switch c {
            case ",":
                endField()
            case "\n", "\r":
                if c == "\r" {
                    let following = nextScalar()
                    if following != "\n" { pending = following }
                }
                endRecord()
                line += 1
                recordLine = line
            case "\"":
                if field.isEmpty && !fieldWasQuoted && !afterClosingQuote {
                    inQuotes = true
                    fieldWasQuoted = true
                    quotedFieldLine = line
                } else {
                    problems.append(CSVProblem(line: line, message: "a quote (\") inside an unquoted field; quote the whole field and double the quote"))
                    field.append(c)
                }
            default:
                if afterClosingQuote {
                    problems.append(CSVProblem(line: line, message: "text after the closing quote of a field; put a comma after the quote"))
                    afterClosingQuote = false
                }
                field.append(c)
            }
        }
        if inQuotes {
            problems.append(CSVProblem(line: quotedFieldLine, message: "a quoted field is never closed (missing \")"))
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted {
            endRecord()
        }
        return CSVTable(records: records, problems: problems)
    }

    /// Reads CSV bytes as UTF-8.
    /// - Throws: `CSVProblem` at line 1 when the bytes are not UTF-8.
    public static func read(data: Data) throws(CSVProblem) -> CSVTable {
        guard let text = String(data: data, encoding: .utf8) else {
            throw CSVProblem(line: 1, message: "the file is not UTF-8 text")
        }
        return read(text)
    }

    /// Reads CSV text and fails on the first syntax problem.
    public static func parse(_ text: String) throws(CSVProblem) -> [CSVRecord] {
        let table = read(text)
        if let first = table.problems.first { throw first }
        return table.records
    }
}
