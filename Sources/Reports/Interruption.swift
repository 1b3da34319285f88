import Dispatch
import Foundation

/// Ends a command cleanly on SIGINT (Ctrl-C), SIGTERM or SIGHUP.
///
/// The clean-ups registered at that moment run (an output commit removes its unfinished folder and says
/// what the output folder holds), the last one's line is written to standard error, and the process
/// then ends by the same signal, so a shell or a script sees that it was interrupted (status 128 + n).
/// A step of an output commit runs inside ``critical(_:)``: a signal waits for the step under way, and
/// the process ends before the next one starts, so no step is ever cut in half by the handler.
public final class Interruption: @unchecked Sendable {
    /// The one instance: signals are process-wide.
    public static let shared = Interruption()

    /// The signals handled: interrupt, terminate, hang-up.
    public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    private let lock = NSRecursiveLock()
    private var sources: [DispatchSourceSignal] = []
    private var cleanups: [(token: Int, run: @Sendable () -> String?)] = []
    private var nextToken = 0
    private var message = "Interrupted."

    private init() {}

    /// Handles the signals from now on; `message` is written when no registered clean-up has a line of
    /// its own (e.g. "Interrupted; nothing was written.").
    public func install(message: String) {
        lock.lock()
        defer { lock.unlock() }
        self.message = message
        guard sources.isEmpty else { return }
        for number in Self.signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in stop(number) }
            source.resume()
            sources.append(source)
        }
    }

    /// Adds a clean-up to run if a signal arrives; it returns the line to write, or nil.
    /// - Returns: a token for ``unregister(_:)``.
    public func register(_ cleanup: @escaping @Sendable () -> String?) -> Int {
        lock.lock()
        defer { lock.unlock() }
        nextToken += 1
        cleanups.append((nextToken, cleanup))
        return nextToken
    }

    public func unregister(_ token: Int) {
        lock.lock()
        defer { lock.unlock() }
        cleanups.removeAll { $0.token == token }
    }

    /// Runs `body` with the handler held off until it returns.
    public func critical<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Runs the clean-ups (newest first), writes the line, and ends the process by `number`.
    /// The lock is never released: no critical step starts after this.
    private func stop(_ number: Int32) -> Never {
        lock.lock()
        var line: String?
        for cleanup in cleanups.reversed() {
            let said = cleanup.run()
            if line == nil { line = said }
        }
        // On a terminal the line starts after the "^C" the terminal echoed. Written from another thread and
        // waited for at most a second: a standard error nobody reads (a full pipe) must not keep the process alive.
        let text = "\(isatty(2) == 1 ? "\n" : "")\(line ?? message)\n"
        let written = DispatchSemaphore(value: 0)
        Thread {
            FileHandle.standardError.write(Data(text.utf8))
            written.signal()
        }.start()
        _ = written.wait(timeout: .now() + 1)
        signal(number, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, number)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(number)
        _exit(128 + number)
    }
}
