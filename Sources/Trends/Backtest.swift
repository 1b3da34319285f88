/// Out-of-sample accuracy of each family, and of `auto`, by forecast horizon.
public struct Backtest: Sendable {
    /// One line of the table: a method (a family's name or `auto`) at one horizon, or all horizons (`nil`).
    public struct Row: Sendable {
        public let method: String
        public let horizon: Int?
        public let accuracy: ForecastAccuracy
    }

    /// One out-of-sample forecast of one series by one method; for `auto`, `family` is the family it chose.
    public struct Forecast: Sendable {
        public let series: String
        public let method: String
        public let family: String
        public let record: ForecastRecord
    }

    public let seriesCount: Int
    /// Methods in display order: each family, then `auto`.
    public let methods: [String]
    public let rows: [Row]
    /// Every forecast scored, by method in display order, then series, origin and year.
    public let forecasts: [Forecast]
    /// Series that could not be evaluated, with the reason.
    public let skipped: [(series: String, reason: String)]

    /// The row for a method over all horizons.
    public func overall(_ method: String) -> ForecastAccuracy? {
        rows.first { $0.method == method && $0.horizon == nil }?.accuracy
    }
}

extension TrendFitter {
    /// Rolling-origin backtest over many series: every family in `families`, and `auto` choosing among
    /// `candidates` at each origin with only what was known then.
    public static func backtest(
        _ series: [TrendSeries],
        families: [TrendFamily] = TrendFamily.all,
        candidates: [TrendFamily]? = nil,
        options: TrendOptions = .init(),
        progress: (@Sendable (Double) -> Void)? = nil
    ) -> Backtest {
        let candidates = candidates ?? options.autoCandidates
        let evaluated = families + candidates.filter { !families.contains($0) }
        var records: [String: [ForecastRecord]] = [:]
        var forecasts: [String: [Backtest.Forecast]] = [:]
        func keep(_ method: String, _ family: TrendFamily, _ id: String, _ new: [ForecastRecord]) {
            records[method, default: []] += new
            forecasts[method, default: []] += new.map { .init(series: id, method: method, family: family.name, record: $0) }
        }
        var skipped: [(String, String)] = []
        var placeholders = [Result<TrendFit, TrendError>?](repeating: nil, count: series.count)
        let runs = RollingOrigin.run(series, families: evaluated, options: options, results: &placeholders, progress: progress)
        var calibration = PanelCalibration(runs: runs.panels(series))
        for (index, run) in runs.bySeries {
            let origins = run.origins.dropLast()
            if origins.isEmpty { skipped.append((run.id, "fewer than \(options.minimumTrainingPoints + 1) observations")) }
            for origin in origins {
                for family in families {
                    if case .success(let outcome)? = run.outcomes[origin]?[family] { keep(family.name, family, run.id, outcome.records) }
                }
                let choice = run.choice(at: origin, candidates: candidates, options: options)
                if let chosen = choice.family, case .success(let outcome)? = run.outcomes[origin]?[chosen] {
                    let factors = calibration.factors(chosen, panel: series[index].panelKey, at: origin, horizons: options.horizon)
                    keep("auto", chosen, run.id, outcome.records.map { $0.widened(by: PanelCalibration.factor(factors, yearsAhead: $0.horizon)) })
                }
            }
        }
        for (index, problem) in placeholders.enumerated() {
            if case .failure(let error)? = problem { skipped.append((series[index].id, error.description)) }
        }
        let methods = families.map(\.name) + ["auto"]
        var rows: [Backtest.Row] = []
        for method in methods {
            let all = records[method] ?? []
            for horizon in 1...options.horizon {
                rows.append(.init(method: method, horizon: horizon, accuracy: ForecastAccuracy(all.filter { $0.horizon == horizon })))
            }
            rows.append(.init(method: method, horizon: nil, accuracy: ForecastAccuracy(all)))
        }
        return Backtest(seriesCount: series.count, methods: methods, rows: rows, forecasts: methods.flatMap { forecasts[$0] ?? [] },
                        skipped: skipped)
    }
}
