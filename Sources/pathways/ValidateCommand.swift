import ArgumentParser
import Foundation
import Simulation
import Studies

/// `pathways validate PATH`: checks a study folder and prints every problem with file, line and field.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a study's files and print every problem with its file, line and field.",
        discussion: """
            PATH is a study folder holding study.yaml, targets.yaml, history.csv and optionally scenarios/*.yaml. \
            Each problem is printed to standard error as 'file:line: field: message'; a summary line follows. \
            The exit status is 0 when there is no error (warnings allowed) and 1 otherwise.
            """
    )

    @Argument(help: "The study folder, e.g. Scenarios/linhai-2025.")
    var path: String

    func run() throws {
        let folder = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        var validation = StudyLoader.validate(at: URL(fileURLWithPath: folder))
        // What the study's files allow but the data do not: indicators no trend can be fitted to.
        if let study = validation.study { validation.diagnostics += StudyRunner.trendDiagnostics(study) }
        for diagnostic in validation.diagnostics {
            FileHandle.standardError.write(Data("\(diagnostic.description(in: folder))\n".utf8))
        }
        let errors = validation.errors.count
        let warnings = validation.warnings.count
        let problems = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        if let study = validation.study {
            print("\(folder): \(study.indicators.count) indicators, \(study.targets.count) targets, "
                  + "\(study.observations.count) observations, \(study.scenarios.count) scenarios; \(problems).")
        } else {
            print("\(folder): \(problems).")
            throw ExitCode.failure
        }
    }
}
