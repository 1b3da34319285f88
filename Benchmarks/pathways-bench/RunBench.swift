import Foundation

/// W-RUN: the whole `pathways run` process on the bundled study against what a Python user pays before
/// any work starts, `python3 -c "import pandas, statsmodels.api"`. Best of five runs each.
enum RunBench {
    static func run(repeats: Int = 5) throws {
        let packageRoot = peersDirectory.deletingLastPathComponent().deletingLastPathComponent()
        // The bench does not depend on the executable target, so build it (a no-op when up to date).
        try execute("/usr/bin/env", ["swift", "build", "-c", "release", "--product", "pathways", "--package-path", packageRoot.path], quiet: true)
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pathways")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("pathways-wrun-\(getpid())")
        defer { try? FileManager.default.removeItem(at: out) }
        let study = packageRoot.appendingPathComponent("Scenarios/linhai-2025").path
        let pathways = try bestTime(repeats: repeats) {
            try execute(binary.path, ["run", study, "--out", out.path], quiet: true)
        }
        let python = try bestTime(repeats: repeats) {
            try execute("/usr/bin/env", ["python3", "-c", "import pandas, statsmodels.api"], quiet: true)
        }
        print("W-RUN workload: `pathways run` on Scenarios/linhai-2025 (whole process, outputs to a temporary folder) "
              + "against `python3 -c \"import pandas, statsmodels.api\"`, best of \(repeats)")
        print("W-RUN: pathways \(String(format: "%.3f", pathways)) s, python-import \(String(format: "%.3f", python)) s, ratio \(String(format: "%.3f", pathways / python))")
    }

    static func execute(_ program: String, _ arguments: [String], quiet: Bool) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if quiet {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError.peerFailed(([program] + arguments).joined(separator: " "), process.terminationStatus) }
    }
}
