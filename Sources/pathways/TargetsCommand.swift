import ArgumentParser
import Common
import Foundation
import Reports
import Studies

/// `pathways targets [STUDY]`: the study's target catalog as a table.
struct Targets: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: "List a study's targets: id, rule, year, observations behind it, indicator names in Chinese and English."
    )

    @OptionGroup var study: StudyArgument

    @Option(parsing: .unconditional, help: "The table width in terminal columns, 60-1000 (CJK characters count as two).")
    var width: Int = 100

    @OptionGroup var output: FormatOption

    func validate() throws {
        if let problem = TerminalText.widthProblem(width) { throw ValidationError(problem) }
    }

    func run() throws {
        let loaded = try study.load()
        guard output.format == .table else {
            print(CommandOutput.targets(loaded, format: output.format), terminator: "")
            return
        }
        let catalog = loaded.targetCatalog()
        print("\(loaded.title.zh)  \(loaded.title.en)")
        print("\(loaded.region.zh) \(loaded.region.en), \(loaded.baseYear)–\(loaded.targetYear)")
        print("")
        print(TargetCatalogTable.render(catalog, width: width))
        let backed = catalog.filter { $0.observationCount > 0 }.count
        print("")
        print("\(catalog.count) targets on \(Set(loaded.targets.map(\.indicator)).count) indicators; "
              + "\(backed) with observations behind them, \(catalog.count - backed) with none (no data).")
    }
}
