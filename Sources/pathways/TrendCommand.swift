import ArgumentParser
import Common
import Foundation
import Reports
import Studies
import Trends

extension ResponseScale: ExpressibleByArgument {}

/// `pathways trend`: fit and project series of a long-format CSV.
struct Trend: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit trend families to series of a table (or a study's history) and project them with intervals.",
        discussion: """
            The table (--csv, else the study's history.csv) is long, with columns indicator,year,value (others \
            ignored; with a region column each region is its own series, named region/indicator), or wide, with an \
            indicator column and a column per year; see docs/FORMATS.md. --indicator all projects every series, fitting series that share their \
            years in one batch. Forecasts of the log and logit families are medians.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @OptionGroup var study: StudyArgument
    @OptionGroup var input: TableInput
    @Option(help: "An indicator id, or all.") var indicator: String
    @Option(help: ArgumentHelp("The method: \(TrendMethod.names.joined(separator: ", ")).",
                               discussion: "auto is the median of naive, drift and Holt forecasts with calibrated intervals; select chooses one family per series by cross-validation."))
    var model = "auto"
    @Option(help: "The scale of drift, naive and exponential smoothing: automatic (logit of the cap for a bounded series), original or log.")
    var scale: ResponseScale = .automatic
    @Option(parsing: .unconditional, help: "Project to this year.") var to: Int?
    @Option(parsing: .unconditional, help: "Project this many years past each series' last year (1-100, default 5).") var horizon: Int?
    @Option(parsing: .upToNextOption, help: "Years left out of the fit.") var exclude: [Int] = []
    @Option(name: .customLong("level-shift"), parsing: .upToNextOption, help: "Years from which a level-shift dummy enters the fit.") var levelShifts: [Int] = []
    @Option(parsing: .unconditional, help: "Logistic cap (default: profiled up to --cap-limit).") var cap: Double?
    @Option(name: .customLong("cap-limit"), parsing: .unconditional, help: "Upper bound of the logistic cap, e.g. 100 for percentages; makes logistic an auto candidate.") var capLimit: Double?
    @Option(help: "table, csv or json.") var format: Format = .table

    func validate() throws {
        if to != nil && horizon != nil { throw ValidationError("Give --to or --horizon, not both.") }
        if TrendMethod(name: model) == nil {
            throw ValidationError("Unknown model '\(model)'; use \(TrendMethod.names.joined(separator: ", ")).")
        }
        let horizons = TrendProjection.horizonRange
        if let horizon, !horizons.contains(horizon) {
            throw ValidationError("--horizon must be between \(horizons.lowerBound) and \(horizons.upperBound) years, not \(horizon).")
        }
        if let to, !YearRange.contains(to) { throw ValidationError("--to: \(YearRange.outside(to)).") }
        for (name, value) in [("--cap", cap), ("--cap-limit", capLimit)] {
            if let value, !(value.isFinite && value > 0) { throw ValidationError("\(name) must be a finite number above 0, not \(value).") }
        }
    }

    func run() throws {
        let series = try input.series(study: study, indicator: indicator)
        guard !series.isEmpty else { throw ValidationError("\(input.csv ?? "history.csv") has no rows for indicator '\(indicator)'.") }
        let options = TrendOptions(excludedYears: Set(exclude), levelShiftYears: levelShifts, cap: cap, capLimit: capLimit ?? cap, scale: scale)
        let outcomes = TrendProjection.project(series.map { TrendSeries(id: $0.id, years: $0.years, values: $0.values, panel: $0.indicator) },
                                               method: TrendMethod(name: model)!, options: options, to: to, horizon: horizon ?? 5)
        switch format {
        case .table: print(TrendText.table(outcomes), terminator: "")
        case .csv: print(TrendText.csv(outcomes).text(), terminator: "")
        case .json: print(TrendText.json(outcomes), terminator: "")
        }
        // The table says why a series has no fit; the machine formats leave it out, so say it here.
        let unfitted = outcomes.filter { $0.forecast == nil }
        if format != .table {
            for outcome in unfitted { FileHandle.standardError.write(Data("warning: no fit: \(outcome.reason)\n".utf8)) }
        }
        if unfitted.count == outcomes.count {
            FileHandle.standardError.write(Data("Error: no series of \(input.csv ?? "history.csv") could be fitted.\n".utf8))
            throw ExitCode.failure
        }
    }
}
