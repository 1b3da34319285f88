/// A problem found in a study's files, located by file, line and field.
///
/// The loader collects every diagnostic before it gives up, so a person fixes a study in one pass
/// instead of one error per run.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious the problem is.
    public enum Severity: String, Sendable, Hashable, Comparable {
        /// The study cannot be used until it is fixed.
        case error
        /// The study loads, but something is probably not what was meant.
        case warning

        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var severity: Severity
    /// What is wrong, as a sentence.
    public var message: String
    /// The file, relative to the study folder (`targets.yaml`, `scenarios/baseline.yaml`).
    public var file: String
    /// The 1-based line, when the problem has one (for a workbook sheet, the row).
    public var line: Int?
    /// The 1-based column of a table cell (the field's position in its row: Excel's column A is 1), when known.
    public var column: Int?
    /// The key path of the offending field (`indicators[gdp].kind`, `rule.op`, `value`); empty for the whole file.
    public var field: String

    public init(_ severity: Severity = .error, _ message: String, file: String, line: Int?, column: Int? = nil, field: String) {
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.field = field
    }

    /// `file:line:column: field: message` (column for table cells only); a warning's message starts with `warning: `.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if line != nil, let column { text += ":\(column)" }
        text += ":"
        if !field.isEmpty { text += " \(field):" }
        text += severity == .warning ? " warning: \(message)" : " \(message)"
        return text
    }
}

/// Collects the diagnostics of one file.
struct DiagnosticLog {
    let file: String
    var items: [Diagnostic] = []

    init(file: String) { self.file = file }

    mutating func error(_ line: Int?, _ field: String, _ message: String) {
        items.append(Diagnostic(.error, message, file: file, line: line, field: field))
    }

    mutating func warning(_ line: Int?, _ field: String, _ message: String) {
        items.append(Diagnostic(.warning, message, file: file, line: line, field: field))
    }

    /// An error in a table cell, at its line and 1-based column.
    mutating func error(_ line: Int, column: Int?, _ field: String, _ message: String) {
        items.append(Diagnostic(.error, message, file: file, line: line, column: column, field: field))
    }

    mutating func warning(_ line: Int, column: Int?, _ field: String, _ message: String) {
        items.append(Diagnostic(.warning, message, file: file, line: line, column: column, field: field))
    }
}
