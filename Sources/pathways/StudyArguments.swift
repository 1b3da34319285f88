import ArgumentParser
import Foundation
import Reports
import Simulation
import Studies

/// Which study a command works on when none is named: the current folder when it holds `study.yaml`, else
/// the bundled Linhai study, found beside this package's sources (not the current folder), so that
/// `pathways` run from any folder finds it.
enum StudyLocation {
    /// `Scenarios/linhai-2025` of the package this binary was built from.
    static let bundled: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scenarios/linhai-2025")

    /// The folder to read, and the sentence that says why it was chosen (nil when it was named).
    static func resolve(_ given: String?) -> (folder: String, announcement: String?) {
        if let given {
            return (given.count > 1 && given.hasSuffix("/") ? String(given.dropLast()) : given, nil)
        }
        let cwd = FileManager.default.currentDirectoryPath
        if FileManager.default.fileExists(atPath: "\(cwd)/\(StudyLoader.studyFile)") {
            return (".", "Study: the current folder \(cwd) (it holds study.yaml).")
        }
        let path = displayPath(bundled.path, from: cwd)
        return (path, "Study: the bundled Linhai study \(path) (no study.yaml in the current folder; name a study folder to use another).")
    }

    /// `path` relative to `cwd` when it lies inside it, else as it is.
    static func displayPath(_ path: String, from cwd: String) -> String {
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// Prints each diagnostic as `folder/file:line:column: field: message` on standard error.
    static func report(_ diagnostics: [Diagnostic], folder: String) {
        for diagnostic in diagnostics {
            // "No study folder" is about the folder itself: do not put the folder in front of it twice.
            let text = diagnostic.file == folder || diagnostic.file.isEmpty ? "\(diagnostic)" : "\(folder)/\(diagnostic)"
            Console.error(text)
        }
    }

    /// Loads and validates the study; prints every problem with file:line (warnings too, unless `quiet`)
    /// and fails when there is an error.
    static func load(_ folder: String, quiet: Bool = false) throws -> Study {
        do {
            let study = try StudyLoader.load(at: URL(fileURLWithPath: folder))
            if !quiet { report(study.warnings, folder: folder) }
            return study
        } catch {
            report(error.diagnostics, folder: folder)
            Console.error("Error: the study at \(folder) has \(error.errors.count) error(s); nothing was run. "
                          + "See docs/FORMATS.md for every file and key of a study.")
            throw ExitCode.failure
        }
    }
}

/// Standard output as bytes, for output written in large blocks (print writes a string at a time).
enum StandardOutput {
    struct WriteError: Error, CustomStringConvertible {
        let code: Int32
        var description: String { "standard output could not be written: \(String(cString: strerror(code)))" }
    }

    static func write(_ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let written = Foundation.write(STDOUT_FILENO, bytes.baseAddress! + done, bytes.count - done)
            if written < 0 {
                if errno == EINTR { continue }
                throw WriteError(code: errno)
            }
            done += written
        }
    }
}

/// Standard error, a line at a time.
enum Console {
    static func error(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
}

/// The study a command works on: the first positional argument.
struct StudyArgument: ParsableArguments {
    @Argument(help: "The study folder (default: the current folder when it holds study.yaml, else the bundled Linhai study).")
    var study: String?

    /// A study argument set by a command that parses its positionals itself.
    static func named(_ study: String?) -> StudyArgument {
        var argument = StudyArgument()
        argument.study = study
        return argument
    }

    /// The folder, after the default is applied.
    var folder: String { StudyLocation.resolve(study).folder }

    /// Says which study is used when none was named (on standard error, so standard output stays data).
    func announce(quiet: Bool = false) {
        if !quiet, let line = StudyLocation.resolve(study).announcement { Console.error(line) }
    }

    /// Announces and loads the study.
    func load(quiet: Bool = false) throws -> Study {
        announce(quiet: quiet)
        return try StudyLocation.load(folder, quiet: quiet)
    }
}

/// `--format table|csv|json`: what a command prints.
struct FormatOption: ParsableArguments {
    @Option(help: "What to print: table (for people), csv or json.")
    var format: OutputFormat = .table
}

extension OutputFormat: ExpressibleByArgument {}

/// Options of the Monte Carlo shared by `run`, `check` and `solve`.
struct SimulationArguments: ParsableArguments {
    @Option(name: .customLong("scenario"), help: "Run only this scenario (repeatable; default: all).")
    var scenarios: [String] = []

    @Option(parsing: .unconditional, help: "Monte Carlo paths per scenario (default: the scenario's, else 10000).")
    var paths: Int?

    @Option(parsing: .unconditional, help: "Random seed, a whole number ≥ 0 (default: the scenario's, else 2025).")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Threads for the Monte Carlo (default: all cores; results do not depend on it).")
    var threads: Int?

    func validate() throws {
        try Self.check(paths: paths)
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, not \(threads).") }
    }

    /// `--paths` within `ScenarioSpec.Uncertainty.pathRange` (also for `solve`).
    static func check(paths: Int?) throws {
        let range = ScenarioSpec.Uncertainty.pathRange
        if let paths, !range.contains(paths) { throw ValidationError("--paths must be between \(range.lowerBound) and \(range.upperBound), not \(paths).") }
    }

    var runOptions: RunOptions {
        RunOptions(paths: paths, seed: seed, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount,
                   scenarios: scenarios.isEmpty ? nil : scenarios)
    }
}

/// `--csv FILE` and `--sheet NAME` of the commands that read a table of series.
struct TableInput: ParsableArguments {
    @Option(help: "A table of series: CSV or tab-separated text (UTF-8, UTF-16 or GB18030), or an .xlsx workbook; - reads standard input. Long (indicator,year,value[,region]) or wide (an indicator column, a column per year).")
    var csv: String?

    @Option(help: "The sheet of an .xlsx workbook (default: the first).")
    var sheet: String?

    @Flag(name: .shortAndLong, help: "Say how the table was read (encoding, separator or sheet).")
    var verbose = false

    /// The series of `--csv`, else of the study's history.csv.
    func series(study: StudyArgument, indicator: String?) throws -> [DataFile.Series] {
        let set = try seriesSet(study: study, indicator: indicator)
        return (0..<set.count).map(set.series)
    }

    /// ``series(study:indicator:)`` stored flat.
    func seriesSet(study: StudyArgument, indicator: String?) throws -> DataFile.SeriesSet {
        let path: String
        if let csv {
            path = csv
        } else {
            study.announce()
            path = URL(fileURLWithPath: study.folder).appendingPathComponent(StudyLoader.historyFile).relativePath
        }
        let loaded = try TableFile.read(path: path, sheet: sheet)
        if verbose { Console.error("Read \(loaded.name): \(loaded.format).") }
        return try DataFile.seriesSet(of: loaded, indicator: indicator)
    }
}
