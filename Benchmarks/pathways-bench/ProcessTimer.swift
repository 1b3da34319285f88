import Foundation

/// Whole-process measurements: a command run as its own process, its wall time and peak memory (the largest
/// resident set of the child, from `wait4`), standard output to a file or nowhere.
enum ProcessTimer {
    struct Measurement {
        let seconds: Double
        /// Peak resident memory of the process, in bytes.
        let peakBytes: Int
    }

    struct Failure: Error, CustomStringConvertible {
        let command: [String]
        let status: Int32
        var description: String { "\(command.joined(separator: " ")) exited with status \(status)" }
    }

    /// Runs `command` (the program found on the PATH when it has no slash) with standard output to `output`
    /// (nil: /dev/null) and standard error to /dev/null.
    static func run(_ command: [String], output: String? = nil) throws -> Measurement {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let arguments = command.map { strdup($0) } + [nil]
        defer { for a in arguments { free(a) } }
        var pid = pid_t()
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawnp(&pid, command[0], &actions, nil, arguments, environ)
        guard spawned == 0 else { throw Failure(command: command, status: spawned) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // Exited normally with status 0 (WIFEXITED and WEXITSTATUS spelt out: the macros are not imported).
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else { throw Failure(command: command, status: status) }
        return Measurement(seconds: seconds, peakBytes: Int(usage.ru_maxrss) * 1024)
    }

    /// The median of a list of measurements' seconds, and the largest peak.
    static func median(_ runs: [Measurement]) -> Measurement {
        let sorted = runs.map(\.seconds).sorted()
        let middle = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        return Measurement(seconds: middle, peakBytes: runs.map(\.peakBytes).max() ?? 0)
    }

    /// The release build of `pathways` beside this bench, built first (a no-op when up to date).
    static func pathwaysBinary() throws -> String {
        let packageRoot = peersDirectory.deletingLastPathComponent().deletingLastPathComponent()
        try RunBench.execute("/usr/bin/env", ["swift", "build", "-c", "release", "--product", "pathways", "--package-path", packageRoot.path], quiet: true)
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pathways").path
    }
}
