import ArgumentParser
import Foundation
import Reports
import Simulation
import Studies

/// `pathways validate [STUDY]`: checks a study folder and prints every problem with file, line and field.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a study's files and print every problem with its file, line and field.",
        discussion: """
            STUDY is a study folder holding study.yaml, targets.yaml, history.csv and optionally scenarios/*.yaml \
            (docs/FORMATS.md describes every file and key). Each problem is printed to standard error as \
            'file:line:column: field: message' (the column for table cells); a summary line follows. \
            A study that loads is also checked against its trends: an assumption that barely differs from the trend it \
            replaces, or goes the other way from its sibling scenarios, and linked indicators simulated as uncorrelated \
            for want of a declared correlation, are warnings. With --format csv or json the problems are printed to \
            standard output instead. The exit status is 0 when there is no error (warnings allowed) and 1 otherwise.
            """
    )

    @OptionGroup var study: StudyArgument
    @OptionGroup var output: FormatOption

    func run() throws {
        study.announce()
        let folder = study.folder
        let validation = StudyLoader.validate(at: URL(fileURLWithPath: folder))
        // What the files allow but the data do not: the review of assumptions, and indicators no trend fits.
        let review = validation.study.map { StudyRunner.review($0) + StudyRunner.trendDiagnostics($0) } ?? []
        if output.format != .table {
            print(CommandOutput.validation(validation, review: review, folder: folder, format: output.format), terminator: "")
            if validation.study == nil { throw ExitCode.failure }
            return
        }
        StudyLocation.report(validation.diagnostics + review, folder: folder)
        let errors = validation.errors.count
        let warnings = validation.warnings.count + review.count
        let problems = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        if let study = validation.study {
            print("\(folder): \(study.indicators.count) indicators, \(study.targets.count) targets, "
                  + "\(study.observations.count) observations, \(study.scenarios.count) scenarios; \(problems).")
        } else {
            print("\(folder): \(problems). Every file and key of a study: docs/FORMATS.md.")
            throw ExitCode.failure
        }
    }
}
