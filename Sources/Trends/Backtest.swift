import Common
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
    /// Rolling-origin backtest over many series: every family in `families`; `select` choosing among
    /// `candidates` at each origin with only what was known then; and `auto`, the combination, its intervals
    /// calibrated at each origin year only by errors of forecasts whose target year is not after it (of every
    /// series of the call, as live calibration pools them).
    public static func backtest(
        _ series: [TrendSeries],
        families: [TrendFamily] = TrendFamily.all,
        candidates: [TrendFamily]? = nil,
        options: TrendOptions = .init(),
        validation: ValidationOptions = .init(),
        pool: ForecastPool = .standard,
        calibration: CalibrationOptions = .init(),
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
        let runs = RollingOrigin.run(series, families: evaluated, options: options, validation: validation, results: &placeholders,
                                     progress: progress.map { report in { report(0.7 * $0) } })
        var panelCalibration = PanelCalibration(runs: runs.panels(series))
        for (index, run) in runs.bySeries {
            let origins = run.origins.dropLast()
            if origins.isEmpty { skipped.append((run.id, "fewer than \(validation.minimumTrainingPoints + 1) observations")) }
            for origin in origins {
                for family in families {
                    if case .success(let outcome)? = run.outcomes[origin]?[family] { keep(family.name, family, run.id, outcome.records) }
                }
                let choice = run.choice(at: origin, candidates: candidates, validation: validation)
                if let chosen = choice.family, case .success(let outcome)? = run.outcomes[origin]?[chosen] {
                    let factors = panelCalibration.factors(chosen, panel: series[index].panelKey, at: origin, horizons: validation.horizon)
                    keep("select", chosen, run.id, outcome.records.map { $0.widened(by: PanelCalibration.factor(factors, yearsAhead: $0.horizon)) })
                }
            }
        }
        for (index, problem) in placeholders.enumerated() {
            if case .failure(let error)? = problem { skipped.append((series[index].id, error.description)) }
        }
        for (id, record) in combinationBacktest(series, options: options, validation: validation, pool: pool, calibration: calibration) {
            keep("auto", .combination, id, [record])
        }
        progress?(1)
        let methods = families.map(\.name) + ["select", "auto"]
        var rows: [Backtest.Row] = []
        for method in methods {
            let all = records[method] ?? []
            for horizon in 1...validation.horizon {
                rows.append(.init(method: method, horizon: horizon, accuracy: ForecastAccuracy(all.filter { $0.horizon == horizon })))
            }
            rows.append(.init(method: method, horizon: nil, accuracy: ForecastAccuracy(all)))
        }
        return Backtest(seriesCount: series.count, methods: methods, rows: rows, forecasts: methods.flatMap { forecasts[$0] ?? [] },
                        skipped: skipped)
    }

    /// The combination's out-of-sample forecasts from every origin with at least `minimumTrainingPoints`
    /// observations, each with the interval the law of that origin year gives: errors of every series whose
    /// target years are not after it (computed from origins with at least `calibration.minimumTrainingPoints`).
    static func combinationBacktest(_ series: [TrendSeries], options: TrendOptions, validation: ValidationOptions, pool: ForecastPool,
                                    calibration: CalibrationOptions) -> [(String, ForecastRecord)] {
        let horizons = validation.horizon
        let usable = series.map { try? $0.usable(excluding: options.excludedYears) }
        let histories = Parallel.map(series.count) { i -> CombinationHistory? in
            guard let u = usable[i] else { return nil }
            return CombinationHistory.of(years: u.years, values: u.values, options: options, pool: pool,
                                         minimumPoints: min(calibration.minimumTrainingPoints, validation.minimumTrainingPoints),
                                         maximumOrigins: nil, horizons: horizons)
        }
        let originYears = Set(histories.flatMap { $0?.origins.map(\.year) ?? [] }).sorted()
        let laws = Dictionary(uniqueKeysWithValues: Parallel.map(originYears.count) { k in
            (originYears[k], CalibrationLaws(histories: histories, series: series, horizons: horizons, upTo: originYears[k]))
        })
        // Each series' law at each of its origins: every distinct (origin year, panel, training length) computed once.
        var requests: [Int: [(index: Int, points: Int)?]] = [:]
        for (i, history) in histories.enumerated() {
            guard let history, let u = usable[i] else { continue }
            for origin in history.origins {
                let trained = u.years.filter { $0 <= origin.year }.count
                if trained >= validation.minimumTrainingPoints { requests[origin.year, default: []].append((i, trained)) }
            }
        }
        var originLaws: [Int: [Int: ScaledErrorLaw]] = [:]
        for (year, list) in requests {
            guard let laws = laws[year] else { continue }
            for (request, law) in zip(list, laws.laws(for: list)) { originLaws[year, default: [:]][request!.index] = law }
        }
        var out: [(String, ForecastRecord)] = []
        for (i, history) in histories.enumerated() {
            guard let history, let u = usable[i] else { continue }
            for origin in history.origins {
                let trained = u.years.filter { $0 <= origin.year }.count
                guard trained >= validation.minimumTrainingPoints, let originLaw = originLaws[origin.year]?[i] else { continue }
                let trainValues = Array(u.values.prefix(trained))
                let law = originLaw.forSeries(pointCount: trained).law
                let mase = RollingOrigin.meanAbsoluteChange(trainValues)
                let bounds = options.bounds(for: trainValues)
                for f in origin.forecasts {
                    let distribution = PredictiveDistribution(location: history.transform.forward(f.point), scale: origin.scale,
                                                              law: .empirical(law.at(yearsAhead: f.year - origin.year)),
                                                              transform: history.transform, bounds: bounds)
                    out.append((series[i].id, ForecastRecord(origin: origin.year, year: f.year, actual: f.actual, forecast: f.point,
                                                             distribution: distribution, scale: mase)))
                }
            }
        }
        return out
    }
}
