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
    @OptionGroup var written: RunOutputArguments
    @OptionGroup var output: FormatOption

    func run() throws {
        let reporter = ProgressReporter.commandLine(quiet: written.quiet, verbose: written.verbose)
        let loaded = try written.load(study, reporter: reporter)
        let result = try StudyRunner.run(loaded, options: written.options(simulation, reporter: reporter))
        let files = try written.write(loaded, reporter: reporter) { RunReport.add(result, to: &$0, byteOrderMark: written.bom) }
        guard !written.quiet else { return }
        StudyLocation.report(StudyRunner.diagnostics(of: result), folder: study.folder)
        written.printNotes(result.notes)
        guard output.format == .table else {
            print(CommandOutput.run(result, output: files, format: output.format), terminator: "")
            return
        }
        let scenarios = result.scenarios.map(\.spec.name).joined(separator: ", ")
        print("Ran \(loaded.id): \(result.scenarios.count) scenarios (\(scenarios)), \(loaded.targets.count) targets, "
              + "\(result.scenarios.first?.paths ?? 0) paths each.")
        for line in RunReport.summary(of: files, detailed: written.verbose) { print(line) }
    }
}
