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
        let set = try input.seriesSet(study: study, indicator: indicator)
        guard set.count > 0 else { throw ValidationError("\(input.csv ?? "history.csv") has no rows for indicator '\(indicator)'.") }
        let options = TrendOptions(excludedYears: Set(exclude), levelShiftYears: levelShifts, cap: cap, capLimit: capLimit ?? cap, scale: scale)
        let method = TrendMethod(name: model)!
        // Series sharing their years: forecast as columns and written in blocks (the same bytes).
        // A series auto cannot forecast takes the general path, which words its reason.
        if format == .csv, let columns = TrendProjection.columns(set, method: method, options: options, to: to, horizon: horizon ?? 5),
           columns.errors.isEmpty || method != .auto {
            try TrendText.writeCSV(columns) { bytes in try StandardOutput.write(bytes) }
            try reportUnfitted(columns.errors.sorted { $0.key < $1.key }.map(\.value.description), of: set.count)
            return
        }
        let outcomes = TrendProjection.project((0..<set.count).map { s in
            let one = set.series(s)
            return TrendSeries(id: one.id, years: one.years, values: one.values, panel: one.indicator)
        }, method: method, options: options, to: to, horizon: horizon ?? 5)
        switch format {
        case .table: print(TrendText.table(outcomes), terminator: "")
        case .csv: print(TrendText.csv(outcomes).text(), terminator: "")
        case .json: print(TrendText.json(outcomes), terminator: "")
        }
        try reportUnfitted(outcomes.filter { $0.forecast == nil }.map(\.reason), of: outcomes.count)
    }

    /// The table says why a series has no fit; the machine formats leave it out, so say it on standard error,
    /// and fail when no series could be fitted.
    private func reportUnfitted(_ reasons: [String], of count: Int) throws {
        if format != .table {
            for reason in reasons { FileHandle.standardError.write(Data("warning: no fit: \(reason)\n".utf8)) }
        }
        if reasons.count == count {
            FileHandle.standardError.write(Data("Error: no series of \(input.csv ?? "history.csv") could be fitted.\n".utf8))
            throw ExitCode.failure
        }
    }
}
