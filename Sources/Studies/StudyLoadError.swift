/// Why a study could not be loaded: every problem found, not just the first.
public struct StudyLoadError: Error, Sendable, CustomStringConvertible {
    /// The study folder as it was given.
    public var path: String
    /// All diagnostics, errors first; warnings are included for context.
    public var diagnostics: [Diagnostic]

    public init(path: String, diagnostics: [Diagnostic]) {
        self.path = path
        self.diagnostics = diagnostics
    }

    /// The diagnostics of severity `error`.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    public var description: String {
        let count = errors.count
        let lines = diagnostics.map { "\(path)/\($0)" }
        return "The study at \(path) has \(count) error\(count == 1 ? "" : "s"):\n" + lines.joined(separator: "\n")
    }
}
