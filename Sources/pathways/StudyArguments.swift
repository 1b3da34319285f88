import ArgumentParser
import Foundation
import Simulation
import Studies

/// The study a command works on, and how to load it.
struct StudyArgument: ParsableArguments {
    static let defaultStudy = "Scenarios/linhai-2025"

    @Argument(help: "The study folder.")
    var study: String = StudyArgument.defaultStudy

    /// Loads and validates the study; prints every problem with file:line (warnings too, unless `quiet`)
    /// and fails when there is an error.
    func load(quiet: Bool = false) throws -> Study { try Self.load(study, quiet: quiet) }

    static func load(_ study: String, quiet: Bool = false) throws -> Study {
        let folder = Self.folder(study)
        do {
            let loaded = try StudyLoader.load(at: URL(fileURLWithPath: folder))
            if !quiet { report(loaded.warnings, study: study) }
            return loaded
        } catch {
            for diagnostic in error.diagnostics { FileHandle.standardError.write(Data("\(diagnostic.description(in: folder))\n".utf8)) }
            FileHandle.standardError.write(Data("Error: the study at \(folder) has \(error.diagnostics.count) problem(s); nothing was run.\n".utf8))
            throw ExitCode.failure
        }
    }

    /// The folder as given, without a trailing slash.
    static func folder(_ study: String) -> String { study.hasSuffix("/") && study.count > 1 ? String(study.dropLast()) : study }

    /// Writes diagnostics (warnings of a loaded study, what a run could not project) to standard error.
    static func report(_ diagnostics: [Diagnostic], study: String) {
        for diagnostic in diagnostics { FileHandle.standardError.write(Data("\(diagnostic.description(in: folder(study)))\n".utf8)) }
    }
}

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
