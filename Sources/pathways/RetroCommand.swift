import ArgumentParser
import Foundation
import Reports
import Simulation
import Studies

/// `pathways retro`: how the study's own verdicts would have fared, vintage by vintage.
struct Retro: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-run the assessment at every vintage with only the history published by then, and score it against the outcomes.",
        discussion: """
            For every vintage year from the study's base year to the year before its target year (and no later than \
            its last observation), runs every scenario with only the rows of history.csv of the years up to the \
            vintage, with the same seed, and compares each target's p_meet with its outcome in the history. Writes \
            everything `pathways run` writes (the run with the whole history) plus retro.csv, retro-scores.csv, \
            retro-reliability.csv, retro-projections.csv and charts/retrospective.svg, and a retrospective section in \
            report.html; prints what can be scored, the Brier and log scores of p_meet against the Eurostat status and \
            a straight line, and the projections of the target year against its outcomes (see Notebooks-out/README.md). \
            --format csv prints retro-scores.csv, --format json the scores and what can be scored.
            """
    )

    @OptionGroup var study: StudyArgument
    @OptionGroup var simulation: SimulationArguments
    @OptionGroup var written: RunOutputArguments
    @OptionGroup var output: FormatOption

    func run() throws {
        let reporter = ProgressReporter.commandLine(quiet: written.quiet, verbose: written.verbose)
        let loaded = try written.load(study, reporter: reporter)
        let retro = try Retrospective.run(loaded, options: written.options(simulation, reporter: reporter))
        let files = try written.write(loaded, reporter: reporter) {
            RunReport.add(retro.current, retrospective: retro, to: &$0, byteOrderMark: written.bom)
        }
        guard !written.quiet else { return }
        written.printNotes(retro.current.notes)
        guard output.format == .table else {
            print(CommandOutput.retro(retro, output: files, format: output.format), terminator: "")
            return
        }
        print(RetroText.summary(retro), terminator: "")
        for line in RunReport.summary(of: files, detailed: written.verbose) { print(line) }
    }
}
