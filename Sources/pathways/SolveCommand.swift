import ArgumentParser
import Foundation
import Reports
import Simulation

/// `pathways solve`: the growth an indicator needs for a target to be met.
struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the constant annual growth of an indicator that meets a target (goal seeking).",
        usage: "pathways solve [<study>] <target> --vary <indicator> [<options>]",
        discussion: """
            Example: pathways solve income-ratio-2025 --vary rural_income finds the rural income growth, from the \
            year after its last observation, that brings the urban-rural income ratio to 1.8 in 2025 at the median, \
            with urban income on its trend. --probability 0.8 asks for an 80% chance instead. The varied indicator \
            may be the target's own or any indicator it is derived from.
            """
    )

    @Argument(help: ArgumentHelp("[STUDY] TARGET: the study folder (default: the current folder when it holds study.yaml, else the bundled study), then the target id (pathways targets lists them).", valueName: "study-and-target"))
    var arguments: [String] = []
    @Option(help: "The indicator whose growth is solved for: the target's indicator or one of its formula's inputs.") var vary: String
    @Option(parsing: .unconditional, help: "Probability of meeting the target (default 0.5: the median path meets it).") var probability = 0.5
    @Option(help: "The scenario the other indicators follow (default: the study's first).") var scenario: String?
    @Option(parsing: .unconditional, help: "Monte Carlo paths (default: the scenario's, else 10000).") var paths: Int?
    @Option(parsing: .unconditional, help: "Random seed (default: the scenario's, else 2025).") var seed: UInt64?
    @OptionGroup var output: FormatOption

    func validate() throws {
        guard (1...2).contains(arguments.count) else {
            throw ValidationError("Give the target id, optionally after the study folder: pathways solve [STUDY] TARGET --vary INDICATOR.")
        }
        guard probability > 0 && probability < 1 else { throw ValidationError("--probability must lie strictly between 0 and 1.") }
        try SimulationArguments.check(paths: paths)
    }

    func run() throws {
        let study = StudyArgument.named(arguments.count == 2 ? arguments[0] : nil)
        let loaded = try study.load()
        let result = try StudyRunner.solve(loaded, target: arguments.last!, vary: vary, scenario: scenario, probability: probability,
                                           options: RunOptions(paths: paths, seed: seed))
        print(output.format == .table ? SolveText.summary(result) + "\n" : CommandOutput.solve(result, format: output.format), terminator: "")
    }
}
