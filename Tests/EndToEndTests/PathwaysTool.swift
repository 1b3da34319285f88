import Foundation
import Testing

/// Runs the `pathways` binary built with the tests (next to the test bundle: the test target depends on the
/// executable, so `swift test` builds it first and never runs a stale one).
enum PathwaysTool {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL {
        get throws {
            // PATHWAYS_BINARY when set (a release build for long runs), else the one built with the tests.
            if let given = ProcessInfo.processInfo.environment["PATHWAYS_BINARY"] { return URL(fileURLWithPath: given) }
            // In the build's products folder, beside the test runner.
            var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            if folder.pathExtension == "xctest" || folder.lastPathComponent == "Contents" { folder.deleteLastPathComponent() }
            for _ in 0..<4 where !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("pathways").path) {
                folder.deleteLastPathComponent()
            }
            let url = folder.appendingPathComponent("pathways")
            return try #require(FileManager.default.isExecutableFile(atPath: url.path) ? url : nil,
                                "the pathways binary built with the tests is not beside the test runner (\(CommandLine.arguments[0]))")
        }
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// The signal that ended the process, or nil when it exited.
        var signal: Int32? = nil
    }

    /// Runs `pathways arguments…` from the repository root, with `environment` added to this process's.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        try run(arguments, in: root, environment: environment)
    }

    /// Runs `pathways arguments…` in `directory`, with `input` on standard input (none: an empty one).
    static func run(_ arguments: [String], in directory: URL, input: Data? = nil, environment: [String: String] = [:]) throws -> Result {
        try run(executable: try binary, arguments, in: directory, input: input, environment: environment)
    }

    /// Runs any program (`python3 -m json.tool`) the same way.
    static func run(executable: URL, _ arguments: [String], in directory: URL, input: Data? = nil,
                    environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        // Standard error is read on another thread, so neither pipe can fill up and stall the tool.
        let stderrData = StderrBox()
        Thread { stderrData.data = err.fileHandleForReading.readDataToEndOfFile(); stderrData.done.signal() }.start()
        inPipe.fileHandleForWriting.write(input ?? Data())
        try inPipe.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        stderrData.done.wait()
        let stderr = stderrData.data
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self),
                      signal: process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil)
    }

    /// What the standard-error thread read.
    final class StderrBox: @unchecked Sendable {
        var data = Data()
        let done = DispatchSemaphore(value: 0)
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pathways-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
