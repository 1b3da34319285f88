import ArgumentParser
import Foundation
import Reports
import Simulation
import Studies

/// `pathways run`: the main job.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Project every indicator under every scenario, assess every target, and write the results.",
        discussion: """
            With no argument, runs the study in the current folder when it holds study.yaml, else the bundled Linhai \
            study (Scenarios/linhai-2025), into Notebooks-out/<study> under the current folder. \
            Writes projections.csv, feasibility.csv, fits.csv, one SVG chart per indicator with data under charts/, \
            report.html and analysis.ipynb (see Notebooks-out/README.md). Outputs are written into a folder beside the \
            output folder and swapped with it in one step once all are written: a failed or interrupted run (Ctrl-C, \
            SIGTERM, a kill) leaves the earlier outputs whole, and files the run no longer writes are removed. The same inputs \
            and seed give byte-identical files. A progress bar is drawn on standard error when it is a terminal.
            """
    )

    @OptionGroup var study: StudyArgument
    @OptionGroup var simulation: SimulationArguments

    @Option(help: "Output folder (default: Notebooks-out/<study>).")
    var out: String?

    @Flag(help: "Start CSV files with a UTF-8 byte-order mark, so Excel reads Chinese text correctly.")
    var bom = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors: no progress bar, notes or summary.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Explain each step (how history.csv was read), and list every file written with its size.")
    var verbose = false

    @OptionGroup var output: FormatOption

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together.") }
        if let out, out.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--out needs a folder name, not an empty text.") }
    }

    func run() throws {
        let reporter = ProgressReporter.commandLine(quiet: quiet, verbose: verbose)
        Interruption.shared.install(message: "Interrupted: nothing was written.")
        _ = Interruption.shared.register { reporter.finish(); return nil }
        let loaded = try study.load(quiet: quiet)
        reporter.explain("Loaded \(loaded.id): \(loaded.indicators.count) indicators, \(loaded.observations.count) observations, "
                         + "\(loaded.targets.count) targets, \(max(1, loaded.scenarios.count)) scenario(s).")
        if let format = loaded.historyFormat { reporter.explain("Read \(StudyLoader.historyFile) as \(format).") }
        var options = simulation.runOptions
        options.progress = reporter.callback
        let result = try StudyRunner.run(loaded, options: options)
        reporter.update("writing outputs", fraction: 1)
        var files = AtomicOutput(folder: URL(fileURLWithPath: out ?? "Notebooks-out/\(loaded.id)"))
        RunReport.add(result, to: &files, byteOrderMark: bom)
        defer { reporter.finish() }
        try files.commit()
        reporter.finish()
        guard !quiet else { return }
        StudyLocation.report(StudyRunner.diagnostics(of: result), folder: study.folder)
        for note in result.notes { FileHandle.standardError.write(Data("Note: \(note)\n".utf8)) }
        guard output.format == .table else {
            print(CommandOutput.run(result, output: files, format: output.format), terminator: "")
            return
        }
        let scenarios = result.scenarios.map(\.spec.name).joined(separator: ", ")
        print("Ran \(loaded.id): \(result.scenarios.count) scenarios (\(scenarios)), \(loaded.targets.count) targets, "
              + "\(result.scenarios.first?.paths ?? 0) paths each.")
        for line in RunReport.summary(of: files, detailed: verbose) { print(line) }
    }
}
