import ArgumentParser
import Foundation
import Reports
import Studies
import Trends

/// `pathways backtest`: how well each family, and `auto`, would have forecast.
struct Backtest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rolling-origin backtest of every trend family and of auto over the series of a table or a study's history.",
        discussion: """
            For every origin with at least 6 training points, each family is fitted on the years up to the origin \
            and forecasts 1-5 years ahead; auto chooses with only what was known at the origin. Prints sMAPE, MASE \
            and the coverage of the 80% and 95% prediction intervals by horizon.
            """
    )

    @OptionGroup var study: StudyArgument
    @OptionGroup var input: TableInput
    @Option(help: "Only this indicator (default: all).") var indicator: String?
    @Option(name: .customLong("cap-limit"), parsing: .unconditional, help: "Upper bound for the logistic cap, e.g. 100 for percentages.") var capLimit: Double?
    @Option(parsing: .upToNextOption, help: "Years left out of the fits.") var exclude: [Int] = []
    @Option(parsing: .upToNextOption, help: ArgumentHelp("Only these methods: family names, select, auto (default: all).",
                                                         discussion: "Families: \(TrendFamily.all.map(\.name).joined(separator: ", ")).")) var methods: [String] = []
    @Option(help: "Also write every scored forecast to this CSV file (series, method, origin, year, bounds).") var forecasts: String?
    @Flag(name: .shortAndLong, help: "No progress bar.") var quiet = false
    @OptionGroup var output: FormatOption

    func validate() throws {
        if let forecasts, forecasts.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--forecasts needs a file name, not an empty text.") }
        if let capLimit, !(capLimit.isFinite && capLimit > 0) { throw ValidationError("--cap-limit must be a finite number above 0, not \(capLimit).") }
        for name in methods where name != "select" && name != "auto" && !TrendFamily.all.contains(where: { $0.name == name }) {
            throw ValidationError("--methods: unknown method '\(name)'; use \((TrendFamily.all.map(\.name) + ["select", "auto"]).joined(separator: ", ")).")
        }
    }

    func run() throws {
        let series = try input.series(study: study, indicator: indicator)
        guard !series.isEmpty else { throw ValidationError("\(input.csv ?? "history.csv") has no series\(indicator.map { " for indicator '\($0)'" } ?? "").") }
        let options = TrendOptions(excludedYears: Set(exclude), capLimit: capLimit)
        let reporter = ProgressReporter.commandLine(quiet: quiet, verbose: false)
        let all = methods.isEmpty
        let families = TrendFamily.all.filter { family in all || methods.contains(family.name) }
        let result = TrendFitter.backtest(series.map { TrendSeries(id: $0.id, years: $0.years, values: $0.values, panel: $0.indicator) },
                                          families: families, options: options, select: all || methods.contains("select"),
                                          auto: all || methods.contains("auto"), keepForecasts: forecasts != nil,
                                          progress: { reporter.update("backtesting \(series.count) series", fraction: $0) })
        reporter.finish()
        if let forecasts {
            try AtomicFile.write(Data(BacktestText.forecastsCSV(result).utf8), to: URL(fileURLWithPath: forecasts))
        }
        switch output.format {
        case .table: print(BacktestText.table(result), terminator: "")
        default: print(CommandOutput.backtest(result, format: output.format), terminator: "")
        }
        if result.scoredCount == 0 {
            FileHandle.standardError.write(Data("Error: no forecast of \(input.csv ?? "history.csv") could be scored (see the skipped series above).\n".utf8))
            throw ExitCode.failure
        }
    }
}
