import ArgumentParser
import Foundation
import Reports
import Simulation

/// `pathways solve`: the growth an indicator needs for a target to be met.
struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the constant annual growth of an indicator that meets a target (goal seeking).",
        discussion: """
            Example: pathways solve income-ratio-2025 --vary rural_income finds the rural income growth, from the \
            year after its last observation, that brings the urban-rural income ratio to 1.8 in 2025 at the median, \
            with urban income on its trend. --probability 0.8 asks for an 80% chance instead.
            """
    )

    @Argument(help: "The target id (pathways targets lists them).") var target: String
    @Option(help: "The indicator whose growth is solved for.") var vary: String
    @Option(parsing: .unconditional, help: "Probability of meeting the target (default 0.5: the median path meets it).") var probability = 0.5
    @Option(help: "The study folder.") var study = StudyArgument.defaultStudy
    @Option(help: "The scenario the other indicators follow (default: the study's first).") var scenario: String?
    @Option(parsing: .unconditional, help: "Monte Carlo paths (default: the scenario's, else 10000).") var paths: Int?
    @Option(parsing: .unconditional, help: "Random seed (default: the scenario's, else 2025).") var seed: UInt64?

    func validate() throws {
        guard probability > 0 && probability < 1 else { throw ValidationError("--probability must lie strictly between 0 and 1.") }
        try SimulationArguments.check(paths: paths)
    }

    func run() throws {
        let loaded = try StudyArgument.load(study)
        let result = try StudyRunner.solve(loaded, target: target, vary: vary, scenario: scenario, probability: probability,
                                           options: RunOptions(paths: paths, seed: seed))
        print(SolveText.summary(result))
    }
}
