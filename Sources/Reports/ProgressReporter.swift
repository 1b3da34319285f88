import Common
import Foundation
import Studies

/// Keeps a person at a terminal informed during a long run: a one-line progress bar on standard error,
/// redrawn in place, and with `verbose` a line for each step.
///
/// The bar is drawn only when standard error is a terminal and the user did not ask for quiet
/// (`shouldShowProgress(isTerminal:quiet:)`); to a pipe or a file nothing but plain lines is written,
/// without carriage returns or escape sequences, so logs stay clean.
public final class ProgressReporter: @unchecked Sendable {
    /// Whether to draw the bar: only on a terminal, and never when quiet.
    public static func shouldShowProgress(isTerminal: Bool, quiet: Bool) -> Bool {
        isTerminal && !quiet
    }

    /// Whether standard error is a terminal (`isatty(2)`).
    public static var standardErrorIsTerminal: Bool { isatty(2) == 1 }

    public let showsBar: Bool
    public let verbose: Bool
    private let write: @Sendable (String) -> Void
    private let lock = NSLock()
    private var drawn: String?
    private var lastStage: String?

    /// Width of the bar in characters.
    static let barWidth = 24

    /// - Parameters:
    ///   - showsBar: draw the bar (see `shouldShowProgress`).
    ///   - verbose: write a line for each new step and each `explain` message.
    ///   - write: where text goes; standard error by default.
    public init(showsBar: Bool, verbose: Bool, write: @escaping @Sendable (String) -> Void = ProgressReporter.standardError) {
        self.showsBar = showsBar
        self.verbose = verbose
        self.write = write
    }

    /// A reporter for the command line: the bar when standard error is a terminal and not `quiet`,
    /// step lines when `verbose` and not `quiet`.
    public static func commandLine(quiet: Bool, verbose: Bool) -> ProgressReporter {
        ProgressReporter(showsBar: shouldShowProgress(isTerminal: standardErrorIsTerminal, quiet: quiet), verbose: verbose && !quiet)
    }

    @Sendable public static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// The text of the bar for `stage` at `fraction` (0...1): `[#######-----------------]  30% stage`.
    public static func bar(_ stage: String, fraction: Double) -> String {
        let f = min(1, max(0, fraction.isFinite ? fraction : 0))
        let filled = Int((f * Double(barWidth)).rounded(.down))
        let percent = NumberText.percent(f, decimals: 0)
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled) + "] "
            + String(repeating: " ", count: max(0, 4 - percent.count)) + percent + " " + stage
    }

    /// Reports that `stage` is `fraction` done. Safe to call from any thread; the bar is redrawn only when
    /// its text changes.
    public func update(_ stage: String, fraction: Double) {
        lock.lock()
        defer { lock.unlock() }
        if verbose, stage != lastStage {
            clearBar()
            write(stage + "\n")
        }
        lastStage = stage
        guard showsBar else { return }
        let text = Self.bar(stage, fraction: fraction)
        guard text != drawn else { return }
        write("\r\u{1B}[2K" + text)
        drawn = text
    }

    /// With `verbose`, writes `message` as a line (above the bar, which is then redrawn).
    public func explain(_ message: String) {
        guard verbose else { return }
        lock.lock()
        defer { lock.unlock() }
        let bar = drawn
        clearBar()
        write(message + "\n")
        if let bar {
            write(bar)
            drawn = bar
        }
    }

    /// Removes the bar, leaving the cursor at the start of an empty line.
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        clearBar()
    }

    /// The callback to hand to a long job: `(stage, fraction)`.
    public var callback: @Sendable (String, Double) -> Void {
        { [self] stage, fraction in update(stage, fraction: fraction) }
    }

    private func clearBar() {
        guard drawn != nil else { return }
        write("\r\u{1B}[2K")
        drawn = nil
    }
}
