import Common
import Foundation
import LeastSquares

/// Where `auto`'s calibration errors come from: rolling origins inside each series' own history.
public struct CalibrationOptions: Sendable, Equatable {
    /// Fewest observations at a rolling origin.
    public var minimumTrainingPoints: Int
    /// Latest origins used per series (older origins add little and cost a fit of the pool each).
    public var maximumOrigins: Int
    /// Most series whose errors are computed: beyond this many, an evenly spaced sample of the series (a
    /// law of quantiles needs thousands of errors, not millions).
    public var maximumSeries: Int

    public init(minimumTrainingPoints: Int = 4, maximumOrigins: Int = 12, maximumSeries: Int = 2000) {
        self.minimumTrainingPoints = minimumTrainingPoints
        self.maximumOrigins = maximumOrigins
        self.maximumSeries = maximumSeries
    }
}

/// One series' combination forecasts from rolling origins inside its history: what calibration and
/// backtests of `auto` are made of.
struct CombinationHistory: Sendable {
    struct Origin: Sendable {
        let year: Int
        /// The series' scale `s` at this origin (see ``ScaledErrorLaw/errorScale(_:_:)``).
        let scale: Double
        /// Held-out years, actual values and the combination's point forecasts.
        let forecasts: [(year: Int, actual: Double, point: Double)]
    }

    let transform: ResponseTransform
    let origins: [Origin]

    /// Scaled errors `(g(actual) − g(point)) / s`, by horizon (index h − 1, h ≤ `horizons`), of forecasts
    /// whose target year is not after `latest`.
    func errors(upTo latest: Int = .max, horizons: Int, into errors: inout [[Double]]) {
        for origin in origins where origin.scale > 0 && origin.scale.isFinite {
            for f in origin.forecasts where f.year <= latest {
                let h = f.year - origin.year
                guard h >= 1, h <= horizons, transform.accepts(f.actual), transform.accepts(f.point) else { continue }
                let z = (transform.forward(f.actual) - transform.forward(f.point)) / origin.scale
                if z.isFinite { errors[h - 1].append(z) }
            }
        }
    }

    /// Rolling-origin forecasts of the pool's median for one series: origins with at least
    /// `minimumPoints` observations, the latest `maximumOrigins` of them (all when nil), up to `horizons`
    /// years ahead.
    static func of(years: [Int], values: [Double], options: TrendOptions, pool: ForecastPool, minimumPoints: Int,
                   maximumOrigins: Int?, horizons: Int) -> CombinationHistory {
        let transform = ForecastPool.workingTransform(for: values, options: options)
        let n = years.count
        var first = max(minimumPoints, 2) - 1
        if let maximumOrigins { first = max(first, n - 1 - maximumOrigins) }
        var origins: [Origin] = []
        if first <= n - 2 {
            for o in first...(n - 2) {
                let targets = ((o + 1)..<n).filter { years[$0] - years[o] <= horizons }
                guard !targets.isEmpty else { continue }
                let trainYears = Array(years[0...o]), trainValues = Array(values[0...o])
                let members = pool.members(id: "", years: trainYears, values: trainValues, options: options).fits
                guard !members.isEmpty else { continue }
                let targetYears = targets.map { years[$0] }
                let points = members.map { $0.forecast(targetYears).point }
                let forecasts = targets.indices.map { k in
                    (year: targetYears[k], actual: values[targets[k]], point: TrendFit.median(points.map { $0[k] }))
                }
                let scale = ScaledErrorLaw.errorScale(trainYears, trainValues.map(transform.forward))
                origins.append(Origin(year: years[o], scale: scale, forecasts: forecasts))
            }
        }
        return CombinationHistory(transform: transform, origins: origins)
    }
}

extension TrendFitter {
    /// `auto`: forecasts every series by the median of its ``ForecastPool`` with intervals calibrated by the
    /// scaled out-of-sample errors of that median (see ``ScaledErrorLaw``), pooled over every series of the
    /// call (cross-learning), or over a series' panel (the same indicator in other regions) when the panel
    /// has more than one series; where the errors are few they are blended with the default law measured on
    /// the development collections (``ScaledErrorLaw/benchmarkDefault``). A series with fewer than five
    /// points gets intervals widened for it and says so.
    ///
    /// The result has the shape of ``select(_:candidates:options:)``'s, `chosen` being `.combination`.
    public static func auto(_ series: [TrendSeries], options: TrendOptions = .init(), pool: ForecastPool = .standard,
                            calibration: CalibrationOptions = .init()) -> [TrendSelection] {
        auto(series, options: Array(repeating: options, count: series.count), pool: pool, calibration: calibration)
    }

    /// `auto` with options per series (each indicator of a study has its own cap and excluded years).
    public static func auto(_ series: [TrendSeries], options: [TrendOptions], pool: ForecastPool = .standard,
                            calibration: CalibrationOptions = .init()) -> [TrendSelection] {
        precondition(options.count == series.count, "one TrendOptions per series")
        let horizons = options.map(\.horizon).max() ?? 5
        let usable = series.indices.map { i in Result { () throws(TrendError) in try series[i].usable(excluding: options[i].excludedYears) } }
        // The calibration sample: every series, or an evenly spaced subset of a very large call.
        let count = series.count, cap = max(1, calibration.maximumSeries)
        let sampled = Set(count <= cap ? Array(0..<count) : (0..<cap).map { $0 * count / cap })
        let histories = Parallel.map(count) { i -> CombinationHistory? in
            guard sampled.contains(i), case .success(let u) = usable[i] else { return nil }
            return CombinationHistory.of(years: u.years, values: u.values, options: options[i], pool: pool,
                                         minimumPoints: calibration.minimumTrainingPoints, maximumOrigins: calibration.maximumOrigins,
                                         horizons: horizons)
        }
        let laws = CalibrationLaws(histories: histories, series: series, horizons: horizons)
        return Parallel.map(count) { i -> TrendSelection in
            switch usable[i] {
            case .failure(let error):
                return TrendSelection(seriesID: series[i].id, chosen: nil, reason: error.description, fits: [], chosenFit: nil,
                                      skipped: pool.families.map { ($0, error) }, accuracy: [:], intervalCalibration: [])
            case .success(let u):
                return combination(id: series[i].id, years: u.years, values: u.values, options: options[i], pool: pool,
                                   law: laws.law(for: i))
            }
        }
    }

    /// The combination fit of one series, with the law its intervals come from.
    static func combination(id: String, years: [Int], values: [Double], options: TrendOptions, pool: ForecastPool,
                            law: ScaledErrorLaw) -> TrendSelection {
        let (members, skipped) = pool.members(id: id, years: years, values: values, options: options)
        let transform = ForecastPool.workingTransform(for: values, options: options)
        let scale = ScaledErrorLaw.errorScale(years, values.map(transform.forward))
        guard !members.isEmpty, scale > 0, scale.isFinite else {
            let reason = skipped.first?.1.description ?? "\(id): no member of the pool could be fitted"
            return TrendSelection(seriesID: id, chosen: nil, reason: reason, fits: [], chosenFit: nil, skipped: skipped, accuracy: [:],
                                  intervalCalibration: [])
        }
        var law = law
        var notes: [String] = []
        if values.count < 5 {
            // So few points say little about the series' own variability: widen by the ratio of the t to the
            // normal 97.5% quantile with one degree of freedom per change less one (×6.5 for 2 points, ×2.2
            // for 3, ×1.6 for 4).
            let df = Double(max(1, values.count - 2))
            let factor = StudentT(degreesOfFreedom: df).quantile(0.975) / Normal.standard.quantile(0.975)
            law = law.inflated(by: factor, source: law.source)
            notes.append("only \(values.count) points: intervals widened ×\(NumberText.fixed(factor, decimals: 2)) for so few")
        }
        let names = Set(members.map(\.family.name)).sorted { a, b in
            (pool.families.firstIndex { $0.name == a } ?? 0) < (pool.families.firstIndex { $0.name == b } ?? 0)
        }
        let scales = Set(members.map(\.transform))
        let scaleText = scales.count > 1 ? "on the original and log scales" : (members[0].transform == .identity ? "on the original scale" : "on the \(members[0].transform) scale")
        var reason = "median of \(members.count) forecasts (\(names.joined(separator: ", ")) \(scaleText)); intervals from \(law.source)"
        if !notes.isEmpty { reason += "; " + notes.joined(separator: "; ") }
        let model = TrendModel(family: .combination, origin: years.last!, firstYear: years[0], transform: transform, dampingFactor: nil, levelShiftYears: [])
        var fit = TrendFit(
            family: .combination, seriesID: id, years: years, values: values, model: model, parameterNames: [], parameters: [],
            standardErrors: [], residualStandardDeviation: .nan, degreesOfFreedom: 0, logLikelihood: .nan, parameterCount: 0,
            conditionNumber: .nan, engine: .combination(.init(members: members, law: law, scale: scale)))
        fit.bounds = options.bounds(for: values)
        return TrendSelection(seriesID: id, chosen: .combination, reason: reason, fits: members, chosenFit: fit, skipped: skipped,
                              accuracy: [:], intervalCalibration: [])
    }
}

/// The laws of scaled errors for the series of one `auto` call: one for the whole call, one per panel of
/// more than one series.
struct CalibrationLaws {
    let run: ScaledErrorLaw
    let panels: [String: ScaledErrorLaw]
    let panelOf: [String]

    init(histories: [CombinationHistory?], series: [TrendSeries], horizons: Int, upTo latest: Int = .max,
         prior: ScaledErrorLaw = .benchmarkDefault) {
        var all = [[Double]](repeating: [], count: horizons)
        var byPanel: [String: [[Double]]] = [:]
        var panelSizes: [String: Int] = [:]
        for s in series { panelSizes[s.panelKey, default: 0] += 1 }
        var contributing = 0
        for (i, history) in histories.enumerated() {
            guard let history else { continue }
            var errors = [[Double]](repeating: [], count: horizons)
            history.errors(upTo: latest, horizons: horizons, into: &errors)
            if errors.contains(where: { !$0.isEmpty }) { contributing += 1 }
            for h in 0..<horizons { all[h] += errors[h] }
            let panel = series[i].panelKey
            if panelSizes[panel, default: 0] > 1 {
                var known = byPanel[panel] ?? [[Double]](repeating: [], count: horizons)
                for h in 0..<horizons { known[h] += errors[h] }
                byPanel[panel] = known
            }
        }
        let total = all.reduce(0) { $0 + $1.count }
        let runSource = total == 0
            ? prior.source
            : "\(total) scaled out-of-sample errors of \(contributing) series of this run, blended with \(prior.source) where they are few"
        run = ScaledErrorLaw(errors: all, prior: prior, source: runSource)
        var panelLaws: [String: ScaledErrorLaw] = [:]
        for (panel, errors) in byPanel {
            let count = errors.reduce(0) { $0 + $1.count }
            guard count > 0 else { continue }
            panelLaws[panel] = ScaledErrorLaw(errors: errors, prior: run,
                                              source: "\(count) scaled out-of-sample errors of panel \(panel), blended with the run's where they are few")
        }
        panels = panelLaws
        panelOf = series.map(\.panelKey)
    }

    func law(for index: Int) -> ScaledErrorLaw { panels[panelOf[index]] ?? run }
}
