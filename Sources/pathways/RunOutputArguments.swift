import ArgumentParser
import Foundation
import Reports
import Simulation
import Studies

/// Where `run` and `retro` write, and how much they say: shared so the two commands take the same options.
struct RunOutputArguments: ParsableArguments {
    @Option(help: "Output folder (default: Notebooks-out/<study>).")
    var out: String?

    @Flag(help: "Start CSV files with a UTF-8 byte-order mark, so Excel reads Chinese text correctly.")
    var bom = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors: no progress bar, notes or summary.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Explain each step (how history.csv was read), and list every file written with its size.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together.") }
        if let out, out.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--out needs a folder name, not an empty text.") }
    }

    /// The output set of `study` (`--out`, else `Notebooks-out/<study id>` under the current folder) with what `add`
    /// puts in it, written all at once; the progress bar is cleared whatever happens.
    func write(_ study: Study, reporter: ProgressReporter, _ add: (inout AtomicOutput) -> Void) throws -> AtomicOutput {
        reporter.update("writing outputs", fraction: 1)
        var files = AtomicOutput(folder: URL(fileURLWithPath: out ?? "Notebooks-out/\(study.id)"))
        add(&files)
        defer { reporter.finish() }
        try files.commit()
        return files
    }

    /// The Monte Carlo options, reporting progress to `reporter`.
    func options(_ simulation: SimulationArguments, reporter: ProgressReporter) -> RunOptions {
        var options = simulation.runOptions
        options.progress = reporter.callback
        return options
    }

    /// Loads the study, saying how `history.csv` was read under `--verbose`.
    /// From here on, Ctrl-C, SIGTERM and SIGHUP clear the bar, remove an unfinished output folder and say what
    /// the output folder holds (`Interruption`).
    func load(_ study: StudyArgument, reporter: ProgressReporter) throws -> Study {
        Interruption.shared.install(message: "Interrupted: nothing was written.")
        _ = Interruption.shared.register { reporter.finish(); return nil }
        let loaded = try study.load(quiet: quiet)
        reporter.explain("Loaded \(loaded.id): \(loaded.indicators.count) indicators, \(loaded.observations.count) observations, "
                         + "\(loaded.targets.count) targets, \(max(1, loaded.scenarios.count)) scenario(s).")
        if let format = loaded.historyFormat { reporter.explain("Read \(StudyLoader.historyFile) as \(format).") }
        return loaded
    }

    /// Prints the notes of a run on standard error, unless `--quiet`.
    func printNotes(_ notes: [String]) {
        guard !quiet else { return }
        for note in notes { FileHandle.standardError.write(Data("Note: \(note)\n".utf8)) }
    }
}
