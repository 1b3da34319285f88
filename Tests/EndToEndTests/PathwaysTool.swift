import Foundation
import Testing

/// Runs the `pathways` binary built with the tests (next to the test bundle: the test target depends on the
/// executable, so `swift test` builds it first and never runs a stale one).
enum PathwaysTool {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL {
        get throws {
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
    }

    /// Runs `pathways arguments…` from the repository root.
    static func run(_ arguments: [String]) throws -> Result {
        try run(arguments, in: root)
    }

    /// Runs `pathways arguments…` in `directory`, with `input` on standard input (none: an empty one).
    static func run(_ arguments: [String], in directory: URL, input: Data? = nil) throws -> Result {
        try run(executable: try binary, arguments, in: directory, input: input)
    }

    /// Runs any program (`python3 -m json.tool`) the same way.
    static func run(executable: URL, _ arguments: [String], in directory: URL, input: Data? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        inPipe.fileHandleForWriting.write(input ?? Data())
        try inPipe.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pathways-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
