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
    /// The 1-based line, when the problem has one.
    public var line: Int?
    /// The key path of the offending field (`indicators[gdp].kind`, `rule.op`, `value`); empty for the whole file.
    public var field: String

    public init(_ severity: Severity = .error, _ message: String, file: String, line: Int?, field: String) {
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.field = field
    }

    /// `folder/file:line: field: message` for a study in `folder`; `folder: message` for a problem of the
    /// folder itself (no file).
    public func description(in folder: String) -> String {
        file.isEmpty ? "\(folder): \(severity == .warning ? "warning: " : "")\(message)" : "\(folder)/\(self)"
    }

    /// `file:line: field: message`; a warning's message starts with `warning: `.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
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
}
