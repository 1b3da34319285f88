import Foundation
import Testing
@testable import Reports
#if canImport(Glibc)
import Glibc
#endif

/// Collects what a reporter writes.
final class Transcript: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [String] = []
    func append(_ s: String) { lock.lock(); parts.append(s); lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return parts.joined() }
}

/// ESC, carriage return and the other C0 controls but line feed and tab.
func controlCharacters(_ s: String) -> [UInt32] {
    s.unicodeScalars.map(\.value).filter { ($0 < 0x20 && $0 != 0x0A && $0 != 0x09) || $0 == 0x7F }
}

@Suite("Progress on the terminal")
struct ProgressReporterTests {
    @Test("the bar's text")
    func barText() {
        #expect(ProgressReporter.bar("simulating baseline (1/4)", fraction: 0.05) == "[#-----------------------]   5% simulating baseline (1/4)")
        #expect(ProgressReporter.bar("done", fraction: 1) == "[########################] 100% done")
        #expect(ProgressReporter.bar("x", fraction: .nan).hasPrefix("[------------------------]   0%"))
    }

    @Test("on a terminal the bar is redrawn in place and cleared at the end")
    func terminal() {
        let out = Transcript()
        let reporter = ProgressReporter(showsBar: true, verbose: false, write: out.append)
        reporter.update("fitting trends", fraction: 0)
        reporter.update("fitting trends", fraction: 0)
        reporter.update("simulating", fraction: 0.5)
        reporter.finish()
        #expect(out.text == "\r\u{1B}[2K[------------------------]   0% fitting trends\r\u{1B}[2K[############------------]  50% simulating\r\u{1B}[2K")
    }

    @Test("to a pipe: nothing without --verbose, plain lines with it, never a control character")
    func pipe() {
        let silent = Transcript()
        let quiet = ProgressReporter(showsBar: false, verbose: false, write: silent.append)
        quiet.update("fitting trends", fraction: 0)
        quiet.explain("Loaded")
        quiet.finish()
        #expect(silent.text.isEmpty)

        let lines = Transcript()
        let verbose = ProgressReporter(showsBar: false, verbose: true, write: lines.append)
        verbose.update("fitting trends", fraction: 0)
        verbose.update("fitting trends", fraction: 0.01)
        verbose.explain("Loaded linhai-2025")
        verbose.update("simulating baseline (1/1)", fraction: 0.5)
        verbose.finish()
        #expect(lines.text == "fitting trends\nLoaded linhai-2025\nsimulating baseline (1/1)\n")
        #expect(controlCharacters(lines.text).isEmpty)
    }
}

/// Runs the built `pathways` binary, when it is there (it is built with the tests by `swift test`).
enum PathwaysBinary {
    static let url: URL? = {
        var folders = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(), Bundle.main.bundleURL.deletingLastPathComponent(),
                       Bundle.main.bundleURL]
        folders.append(ReportsFixture.root.appendingPathComponent(".build/debug"))
        for folder in folders {
            let url = folder.appendingPathComponent("pathways")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }()

    static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pathways-reports-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

@Suite("pathways run on the command line", .enabled(if: PathwaysBinary.url != nil))
struct RunCommandOutputTests {
    static let arguments = ["run", ReportsFixture.study("linhai-2025").path, "--paths", "300", "--scenario", "baseline"]

    @Test("to pipes: no control characters, and the last line says what was written and where", arguments: [[String](), ["--verbose"]])
    func pipes(extra: [String]) throws {
        let folder = PathwaysBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = PathwaysBinary.url
        process.arguments = Self.arguments + ["--out", folder.path] + extra
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(stderr)")
        #expect(controlCharacters(stdout).isEmpty)
        #expect(controlCharacters(stderr).isEmpty, "\(stderr.debugDescription)")
        let lines = stdout.split(separator: "\n").map(String.init)
        if extra.isEmpty {
            #expect(lines.last?.hasPrefix("Wrote 22 files to \(folder.path)/: projections.csv, feasibility.csv, fits.csv, correlations.csv, charts/ (16 SVG), report.html, analysis.ipynb.") == true,
                    "\(stdout)")
        } else {
            #expect(stderr.contains("simulating baseline (1/1)"))
            #expect(stdout.contains("  report.html  ("))
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.html").path))
    }

    @Test("--quiet prints nothing")
    func quiet() throws {
        let folder = PathwaysBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = PathwaysBinary.url
        process.arguments = Self.arguments + ["--out", folder.path, "--quiet"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(stdout.isEmpty && stderr.isEmpty)
    }

    #if canImport(Glibc)
    @Test("under a pseudo-terminal the bar is drawn on standard error")
    func pseudoTerminal() throws {
        let folder = PathwaysBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var master: Int32 = -1, slave: Int32 = -1
        try #require(openpty(&master, &slave, nil, nil, nil) == 0)
        let process = Process()
        process.executableURL = PathwaysBinary.url
        process.arguments = Self.arguments + ["--out", folder.path]
        process.standardOutput = Pipe()
        process.standardError = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        let stdout = process.standardOutput as! Pipe
        try process.run()
        close(slave)
        var captured = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(master, &buffer, buffer.count)
            if n <= 0 { break }   // EIO once the child has closed the terminal
            captured.append(buffer, count: n)
        }
        close(master)
        _ = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let text = String(decoding: captured, as: UTF8.self)
        #expect(text.contains("\r\u{1B}[2K["), "\(text.debugDescription)")
        #expect(text.contains("% simulating baseline (1/1)"))
    }
    #endif
}
