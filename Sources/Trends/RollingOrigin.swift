import LeastSquares

/// Rolling-origin evaluation: for every origin with enough training points, fit each family on the years
/// up to the origin and forecast the observed years up to `horizon` years ahead.
///
/// Fits at an origin are shared by all series observed in the same years (one batch per family).
/// The same runs serve model choice (`auto`) and backtests, so `auto` can be scored honestly: its choice at
/// an origin uses only forecasts whose target years are not later than that origin.
struct RollingOrigin {
    /// What one family did at one origin for one series.
    struct Outcome {
        var aicc: Double
        var records: [ForecastRecord]
        /// The fit (nil when the run was asked not to keep fits: a backtest needs only the forecasts).
        var fit: TrendFit?
    }

    /// Per origin (last training year), per family: the outcome, or the reason the family could not apply.
    struct SeriesRun {
        let id: String
        let years: [Int]
        var outcomes: [Int: [TrendFamily: Result<Outcome, TrendError>]] = [:]

        /// Origins in increasing order.
        var origins: [Int] { outcomes.keys.sorted() }
    }

    /// Every series' run, by series index, in series order.
    struct Runs {
        var bySeries: [(index: Int, run: SeriesRun)] = []

        /// The runs grouped by panel (see ``TrendSeries/panel``).
        func panels(_ series: [TrendSeries]) -> [String: [SeriesRun]] {
            Dictionary(grouping: bySeries, by: { series[$0.index].panelKey }).mapValues { $0.map(\.run) }
        }
    }

    /// Runs `families` on every series, a batch per group of series sharing their years; series whose
    /// years are malformed get their error in `results`. `progress` hears the share of series done.
    static func run(_ series: [TrendSeries], families: [TrendFamily], options: TrendOptions, validation: ValidationOptions,
                    keepFits: Bool = true, results: inout [Result<TrendFit, TrendError>?], progress: ((Double) -> Void)? = nil) -> Runs {
        var runs = Runs()
        var done = 0
        for group in TrendFitter.groupBySharedYears(series, options: options, results: &results) {
            let groupRuns = run(years: group.years, ids: group.members.map { series[$0].id }, values: group.values, families: families, options: options,
                                validation: validation, keepFits: keepFits)
            runs.bySeries += zip(group.members, groupRuns).map { ($0, $1) }
            done += group.members.count
            progress?(Double(done) / Double(max(1, series.count)))
        }
        runs.bySeries.sort { $0.index < $1.index }
        return runs
    }

    /// Runs `families` on a group of series sharing `years`; the final origin (the last year) gives the
    /// fits on all data.
    static func run(years: [Int], ids: [String], values: [[Double]], families: [TrendFamily], options: TrendOptions,
                    validation: ValidationOptions, keepFits: Bool = true) -> [SeriesRun] {
        var runs = ids.map { SeriesRun(id: $0, years: years) }
        let n = years.count
        let firstOrigin = min(max(validation.minimumTrainingPoints, 1), n) - 1
        for s in runs.indices { runs[s].outcomes.reserveCapacity(n - firstOrigin) }
        for o in firstOrigin..<n {
            let training = Array(years[0...o])
            let trainingValues = values.map { Array($0[0...o]) }
            let scales = trainingValues.map(meanAbsoluteChange)
            let targets = (o + 1..<n).filter { years[$0] - years[o] <= validation.horizon }
            let targetYears = targets.map { years[$0] }
            // Each series' outcomes at this origin, built whole and stored once.
            var here = [[TrendFamily: Result<Outcome, TrendError>]](repeating: [:], count: ids.count)
            for s in here.indices { here[s].reserveCapacity(families.count) }
            for family in families {
                let fits = TrendFitter.fitGroup(years: training, ids: ids, values: trainingValues, family: family, options: options)
                for (s, result) in fits.enumerated() {
                    here[s][family] = result.map { fit in
                        let forecast = fit.forecast(targetYears)
                        var records: [ForecastRecord] = []
                        records.reserveCapacity(targets.count)
                        for (k, i) in targets.enumerated() {
                            records.append(ForecastRecord(origin: years[o], year: years[i], actual: values[s][i], forecast: forecast.point[k],
                                                          distribution: forecast.distributions?[k], scale: scales[s]))
                        }
                        return Outcome(aicc: fit.aicc ?? .nan, records: records, fit: keepFits ? fit : nil)
                    }
                }
            }
            for s in runs.indices { runs[s].outcomes[years[o]] = here[s] }
        }
        return runs
    }

    /// Mean absolute change between consecutive observations (the naive one-step error).
    static func meanAbsoluteChange(_ values: [Double]) -> Double {
        guard values.count > 1 else { return .nan }
        var total = 0.0
        for i in 1..<values.count { total += abs(values[i] - values[i - 1]) }
        return total / Double(values.count - 1)
    }
}
