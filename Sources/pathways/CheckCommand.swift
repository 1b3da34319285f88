import ArgumentParser
import Common
import Foundation
import Reports
import Simulation

/// `pathways check`: the feasibility table in the terminal.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print whether each target will be met under each scenario, with the probability of meeting it."
    )

    @OptionGroup var study: StudyArgument
    @OptionGroup var simulation: SimulationArguments
    @Option(parsing: .unconditional, help: "Table width in columns (60-1000).") var width = 100
    @OptionGroup var output: FormatOption

    func validate() throws {
        if let problem = TerminalText.widthProblem(width) { throw ValidationError(problem) }
    }

    func run() throws {
        let result = try StudyRunner.run(try study.load(), options: simulation.runOptions)
        StudyLocation.report(StudyRunner.diagnostics(of: result), folder: study.folder)
        for note in result.notes { FileHandle.standardError.write(Data("Note: \(note)\n".utf8)) }
        switch output.format {
        case .table: print(DashboardText.table(result, width: width, colour: isatty(STDOUT_FILENO) != 0), terminator: "")
        case .csv: print(RunTables.feasibility(result).text(), terminator: "")
        case .json: print(CommandOutput.feasibilityJSON(result), terminator: "")
        }
    }
}
