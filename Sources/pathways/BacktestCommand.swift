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
    @Option(name: .customLong("cap-limit"), help: "Upper bound for the logistic cap, e.g. 100 for percentages.") var capLimit: Double?
    @Option(parsing: .upToNextOption, help: "Years left out of the fits.") var exclude: [Int] = []
    @Option(help: "Also write every scored forecast to this CSV file (series, method, origin, year, bounds).") var forecasts: String?
    @Flag(name: .shortAndLong, help: "No progress bar.") var quiet = false
    @OptionGroup var output: FormatOption

    func run() throws {
        let series = try input.series(study: study, indicator: indicator)
        guard !series.isEmpty else { throw ValidationError("\(input.csv ?? "history.csv") has no series\(indicator.map { " for indicator '\($0)'" } ?? "").") }
        let options = TrendOptions(excludedYears: Set(exclude), capLimit: capLimit)
        let reporter = ProgressReporter.commandLine(quiet: quiet, verbose: false)
        let result = TrendFitter.backtest(series.map { TrendSeries(id: $0.id, years: $0.years, values: $0.values, panel: $0.indicator) }, options: options,
                                          progress: { reporter.update("backtesting \(series.count) series", fraction: $0) })
        reporter.finish()
        if let forecasts {
            let url = URL(fileURLWithPath: forecasts)
            var file = AtomicOutput(folder: url.deletingLastPathComponent())
            file.add(url.lastPathComponent, text: BacktestText.forecastsCSV(result))
            try file.commit()
        }
        switch output.format {
        case .table: print(BacktestText.table(result), terminator: "")
        default: print(CommandOutput.backtest(result, format: output.format), terminator: "")
        }
    }
}
