import Common
/// Interval calibration for `auto`, from the out-of-sample errors of a panel's series (the same indicator
/// in several regions; a series without a panel is its own).
///
/// Trend models' forecast errors are autocorrelated and grow with the horizon faster than the i.i.d.-error
/// interval allows; the empirical correction widens the interval by the root mean square of the family's
/// standardized out-of-sample errors (empirical prediction intervals, Williams & Goodman 1971). One series
/// has a handful of such errors per horizon, and the family `auto` picks is the one whose past errors were
/// smallest, so its own errors understate the next ones; pooling them over the panel (as Lee & Scholtes
/// 2014 pool them over series) steadies the estimate. Only errors of forecasts whose target year is not
/// after the origin are used, so a backtest stays honest.
struct PanelCalibration {
    /// Each panel's rolling-origin runs.
    let runs: [String: [RollingOrigin.SeriesRun]]
    private struct Key: Hashable {
        let panel: String, family: TrendFamily, origin: Int, horizons: Int
    }
    private var cache: [Key: [Double]] = [:]

    init(runs: [String: [RollingOrigin.SeriesRun]]) { self.runs = runs }

    /// The factors for `family` in `panel` at `origin`, per horizon 1…`horizons`: the root mean square of
    /// the standardized errors `(f(y) − location)/scale` at that horizon, at least 1 (intervals are widened,
    /// never narrowed) and at least the factor a year nearer (a sparse horizon's outliers must not make a
    /// later interval narrower than an earlier one). A horizon with fewer than three errors takes the
    /// factor of the longest horizon that has them, grown like √h. Empty when the panel has no such errors.
    mutating func factors(_ family: TrendFamily, panel: String, at origin: Int, horizons: Int) -> [Double] {
        let key = Key(panel: panel, family: family, origin: origin, horizons: horizons)
        if let known = cache[key] { return known }
        var squares: [Int: [Double]] = [:]
        for run in runs[panel] ?? [] {
            for r in run.innerRecords(family, before: origin) {
                guard let d = r.distribution, d.scale > 0, d.transform.accepts(r.actual) else { continue }
                let z = (d.transform.forward(r.actual) - d.location) / d.scale
                squares[r.horizon, default: []].append(z * z)
            }
        }
        var factors: [Double] = []
        var last: (horizon: Int, factor: Double)? = nil
        for h in 1...max(1, horizons) where !squares.isEmpty {
            if let s = squares[h], s.count >= 3 {
                let f = max(factors.last ?? 1, (s.reduce(0, +) / Double(s.count)).squareRoot())
                last = (h, f)
                factors.append(f)
            } else if let last {
                factors.append(last.factor * (Double(h) / Double(last.horizon)).squareRoot())
            } else {
                factors.append(1)
            }
        }
        cache[key] = factors
        return factors
    }

    /// The factor `h` years ahead from a list of factors for 1, 2, … years: 1 at or before the last
    /// observation and without factors, the last factor beyond the list.
    static func factor(_ factors: [Double], yearsAhead h: Int) -> Double {
        guard h >= 1, let last = factors.last else { return 1 }
        return h <= factors.count ? factors[h - 1] : last
    }
}

/// Which family `auto` chose for a series, among which, and why.
public struct TrendSelection: Sendable {
    public let seriesID: String
    /// The chosen family; nil when no candidate could be fitted.
    public let chosen: TrendFamily?
    /// Why: the criterion, its value and the number of points it rests on.
    public let reason: String
    /// Every candidate (or member of the combination) that could be fitted on all the data, in order.
    public let fits: [TrendFit]
    /// The fit of the chosen family, its intervals calibrated (the combination itself for `auto`).
    public let chosenFit: TrendFit?
    /// Candidates that could not apply, with the reason.
    public let skipped: [(family: TrendFamily, error: TrendError)]
    /// Rolling-origin accuracy of each fitted candidate (empty when there were too few points).
    public let accuracy: [TrendFamily: ForecastAccuracy]
    /// Factors by which the chosen family's intervals are widened 1, 2, … years past its last observation:
    /// the root mean square of the family's standardized out-of-sample errors at each horizon over the
    /// series' panel (at least 1; empty when there are no such errors). See ``PanelCalibration``.
    public let intervalCalibration: [Double]

}

extension RollingOrigin.SeriesRun {
    /// The `auto` choice with the information available at `origin`: by rolling-origin MASE over forecasts
    /// whose target years are not after `origin` when at least `pointsForCrossValidation` points are known,
    /// otherwise by AICc; ties go to the lower AICc.
    /// Forecasts of `family` from origins before `origin` whose target years are not after it.
    func innerRecords(_ family: TrendFamily, before origin: Int) -> [ForecastRecord] {
        outcomes.filter { $0.key < origin }.sorted { $0.key < $1.key }.flatMap { entry -> [ForecastRecord] in
            guard case .success(let outcome)? = entry.value[family] else { return [] }
            return outcome.records.filter { $0.year <= origin }
        }
    }

    func choice(at origin: Int, candidates: [TrendFamily], validation: ValidationOptions) -> (family: TrendFamily?, reason: String, accuracy: [TrendFamily: ForecastAccuracy]) {
        guard let here = outcomes[origin] else { return (nil, "no fit at \(origin)", [:]) }
        let points = years.filter { $0 <= origin }.count
        let fitted = candidates.compactMap { family -> (TrendFamily, RollingOrigin.Outcome)? in
            guard case .success(let outcome)? = here[family] else { return nil }
            return (family, outcome)
        }
        guard !fitted.isEmpty else { return (nil, "no candidate family could be fitted", [:]) }
        var accuracy: [TrendFamily: ForecastAccuracy] = [:]
        if points >= validation.pointsForCrossValidation {
            for (family, _) in fitted {
                let records = innerRecords(family, before: origin)
                if !records.isEmpty { accuracy[family] = ForecastAccuracy(records) }
            }
            let scored = fitted.filter { accuracy[$0.0].map { $0.mase.isFinite } ?? false }
            if let best = scored.min(by: { lhs, rhs in
                let (a, b) = (accuracy[lhs.0]!.mase, accuracy[rhs.0]!.mase)
                return a != b ? a < b : lhs.1.aicc < rhs.1.aicc
            }) {
                let score = accuracy[best.0]!
                let reason = "cross-validation: lowest MASE \(Self.format(score.mase)) over \(score.count) rolling-origin forecasts (\(points) points)"
                return (best.0, reason, accuracy)
            }
        }
        let ranked = fitted.filter { $0.1.aicc.isFinite }
        guard let best = ranked.min(by: { $0.1.aicc < $1.1.aicc }) else {
            return (fitted[0].0, "AICc undefined with \(points) points; the simplest candidate, \(fitted[0].0.name), used", accuracy)
        }
        let why = points >= validation.pointsForCrossValidation ? "no cross-validation score" : "fewer than \(validation.pointsForCrossValidation) points for cross-validation"
        return (best.0, "AICc: lowest \(Self.format(best.1.aicc)) (\(points) points; \(why))", accuracy)
    }

    /// A criterion in a reason: three decimals at most, as people read them.
    static func format(_ x: Double) -> String { NumberText.plain((x * 1000).rounded() / 1000) }
}

extension TrendFitter {
    /// Chooses a family per series among `candidates` (`auto`), recording every fit, every skipped family
    /// with its reason, and the cross-validation scores behind the choice.
    public static func select(_ series: [TrendSeries], candidates: [TrendFamily]? = nil,
                              options: TrendOptions = .init(), validation: ValidationOptions = .init()) -> [TrendSelection] {
        let candidates = candidates ?? options.autoCandidates
        var placeholders = [Result<TrendFit, TrendError>?](repeating: nil, count: series.count)
        var selections = [TrendSelection?](repeating: nil, count: series.count)
        let runs = RollingOrigin.run(series, families: candidates, options: options, validation: validation, results: &placeholders)
        var calibration = PanelCalibration(runs: runs.panels(series))
        for (index, run) in runs.bySeries {
            selections[index] = selection(from: run, panel: series[index].panelKey, calibration: &calibration, candidates: candidates, validation: validation)
        }
        for (index, problem) in placeholders.enumerated() {
            if case .failure(let error)? = problem {
                selections[index] = TrendSelection(seriesID: series[index].id, chosen: nil, reason: error.description, fits: [], chosenFit: nil,
                                                   skipped: candidates.map { ($0, error) }, accuracy: [:], intervalCalibration: [])
            }
        }
        return selections.map { $0! }
    }

    /// `select` for one series.
    public static func select(_ series: TrendSeries, candidates: [TrendFamily]? = nil,
                              options: TrendOptions = .init(), validation: ValidationOptions = .init()) -> TrendSelection {
        select([series], candidates: candidates, options: options, validation: validation)[0]
    }

    static func selection(from run: RollingOrigin.SeriesRun, panel: String, calibration panelCalibration: inout PanelCalibration,
                          candidates: [TrendFamily], validation: ValidationOptions) -> TrendSelection {
        guard let last = run.years.last, let final = run.outcomes[last] else {
            let error = TrendError.tooFewPoints(series: run.id, family: "auto", points: run.years.count, needed: 1)
            return TrendSelection(seriesID: run.id, chosen: nil, reason: error.description, fits: [], chosenFit: nil, skipped: candidates.map { ($0, error) }, accuracy: [:], intervalCalibration: [])
        }
        let choice = run.choice(at: last, candidates: candidates, validation: validation)
        var fits: [TrendFit] = [], skipped: [(TrendFamily, TrendError)] = []
        for family in candidates {
            switch final[family] {
            case .success(let outcome)?: if let fit = outcome.fit { fits.append(fit) }
            case .failure(let error)?: skipped.append((family, error))
            case nil: break
            }
        }
        let calibration = choice.family.map { panelCalibration.factors($0, panel: panel, at: last, horizons: validation.horizon) } ?? []
        var reason = choice.reason
        if calibration.contains(where: { $0 > 1 }) {
            let pooled = panelCalibration.runs[panel]?.count ?? 1
            reason += "; intervals widened ×" + calibration.map(RollingOrigin.SeriesRun.format).joined(separator: "/") + " (1-\(calibration.count) years ahead) to match "
                + (pooled > 1 ? "the family's out-of-sample errors over the \(pooled) series of panel \(panel)" : "its out-of-sample errors")
        }
        let chosenFit = fits.first { $0.family == choice.family }?.calibrated(by: calibration)
        return TrendSelection(seriesID: run.id, chosen: choice.family, reason: reason, fits: fits, chosenFit: chosenFit, skipped: skipped,
                              accuracy: choice.accuracy, intervalCalibration: calibration)
    }
}
