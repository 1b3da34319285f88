/// Writes a table as CSV (RFC 4180): a header, one line a row, fields quoted when they hold a comma,
/// a quote or a line break; `\n` line ends; optionally a UTF-8 byte-order mark for Excel.
public struct CSVTableWriter: Sendable {
    public let header: [String]
    public private(set) var rows: [[String]] = []

    public init(header: [String]) { self.header = header }

    public mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "A row needs one field per column")
        rows.append(row)
    }

    /// The file's text.
    public func text(byteOrderMark: Bool = false) -> String {
        var out = byteOrderMark ? "\u{FEFF}" : ""
        for row in [header] + rows {
            out += row.map(Self.quoted).joined(separator: ",")
            out += "\n"
        }
        return out
    }

    /// The field as a CSV cell: quoted (inner quotes doubled) when it holds a comma, a quote, a line feed or a
    /// carriage return (looked for byte by byte, so a CRLF inside a field is seen too).
    static func quoted(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        guard field.utf8.contains(0x22) else { return "\"" + field + "\"" }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

import Foundation
