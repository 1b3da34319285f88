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
        /// Observations up to the origin.
        let points: Int
        /// The series' scale `s` at this origin (see ``ScaledErrorLaw/errorScale(_:_:)``).
        let scale: Double
        /// Held-out years, actual values and the combination's point forecasts.
        let forecasts: [(year: Int, actual: Double, point: Double)]
    }

    let transform: ResponseTransform
    let origins: [Origin]

    /// Scaled errors `(g(actual) − g(point)) / s` of forecasts `h ≤ horizons` years ahead whose target year is
    /// not after `latest`, each handed to `body` with the training length it was made from.
    func errors(upTo latest: Int = .max, horizons: Int, _ body: (_ points: Int, _ horizon: Int, _ z: Double) -> Void) {
        for origin in origins where origin.scale > 0 && origin.scale.isFinite {
            for f in origin.forecasts where f.year <= latest {
                let h = f.year - origin.year
                guard h >= 1, h <= horizons, transform.accepts(f.actual), transform.accepts(f.point) else { continue }
                let z = (transform.forward(f.actual) - transform.forward(f.point)) / origin.scale
                if z.isFinite { body(origin.points, h, z) }
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
                origins.append(Origin(year: years[o], points: o + 1, scale: scale, forecasts: forecasts))
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
    public static func auto(_ series: [TrendSeries], options: TrendOptions = .init(), validation: ValidationOptions = .init(),
                            pool: ForecastPool = .standard, calibration: CalibrationOptions = .init()) -> [TrendSelection] {
        auto(series, options: Array(repeating: options, count: series.count), validation: validation, pool: pool, calibration: calibration)
    }

    /// `auto` with options per series (each indicator of a study has its own cap and excluded years).
    public static func auto(_ series: [TrendSeries], options: [TrendOptions], validation: ValidationOptions = .init(),
                            pool: ForecastPool = .standard, calibration: CalibrationOptions = .init()) -> [TrendSelection] {
        [TrendSelection](unsafeUninitializedCapacity: series.count) { buffer, initialized in
            let out = DisjointWrites(buffer)
            forEachCombination(series, options: options, validation: validation, pool: pool, calibration: calibration) { i, selection in out.initialize(i, to: selection) }
            initialized = series.count
        }
    }

    /// `auto`'s forecasts of every series for `years`, as columns (family `.combination`, no parameters): the
    /// numbers of ``auto(_:options:validation:pool:calibration:)`` and `forecast(years)` of its fits, each series' fits
    /// made, forecast and dropped, so that memory grows with the series, not with their fits. A series `auto`
    /// cannot forecast has NaN cells and its reason in `errors`.
    public static func autoColumns(_ series: [TrendSeries], options: TrendOptions = .init(), validation: ValidationOptions = .init(),
                                   pool: ForecastPool = .standard,
                                   calibration: CalibrationOptions = .init(), years forecastYears: [Int],
                                   levels: [Double] = [0.8, 0.95]) -> TrendColumns {
        let m = series.count, h = forecastYears.count
        var failures = [TrendError?](repeating: nil, count: m)
        let columns = failures.withUnsafeMutableBufferPointer { failureBuffer in
            let failed = DisjointWrites(failureBuffer)
            return ColumnBuffers.filled(parameters: 0, years: h, levels: levels.count, series: m) { out in
                forEachCombination(series, options: Array(repeating: options, count: m), validation: validation, pool: pool,
                                   calibration: calibration) { s, selection in
                    guard let fit = selection.chosenFit else {
                        out.clear(s)
                        failed[s] = .leastSquares(series: selection.seriesID, family: TrendFamily.combination.name, message: selection.reason)
                        return
                    }
                    out.aicc[s] = .nan
                    let forecast = fit.forecast(forecastYears)
                    for t in 0..<h { out.point[out.cell(s, t)] = forecast.point[t] }
                    for (l, level) in levels.enumerated() {
                        let intervals = forecast.intervals(level: level)
                        for t in 0..<h {
                            out.lower[l][out.cell(s, t)] = intervals?[t].lower ?? .nan
                            out.upper[l][out.cell(s, t)] = intervals?[t].upper ?? .nan
                        }
                    }
                }
            }
        }
        var errors: [Int: TrendError] = [:]
        for (s, failure) in failures.enumerated() { if let failure { errors[s] = failure } }
        return TrendColumns(family: .combination, rows: .series(series), forecastYears: forecastYears, levels: levels,
                            parameters: Matrix(rows: m, columns: 0, storage: columns.parameters),
                            standardErrors: Matrix(rows: m, columns: 0, storage: columns.standardErrors),
                            aicc: columns.aicc, point: Matrix(rows: m, columns: h, storage: columns.point),
                            lower: columns.lower.map { Matrix(rows: m, columns: h, storage: $0) },
                            upper: columns.upper.map { Matrix(rows: m, columns: h, storage: $0) },
                            errors: errors)
    }

    /// Calls `body` (in parallel) with every series' `auto` selection: the calibration laws from the rolling-origin
    /// errors of the run's series (or of a sample of a very large run), then each series' combination.
    private static func forEachCombination(_ series: [TrendSeries], options: [TrendOptions], validation: ValidationOptions, pool: ForecastPool,
                                           calibration: CalibrationOptions,
                                           _ body: @Sendable (Int, TrendSelection) -> Void) {
        precondition(options.count == series.count, "one TrendOptions per series")
        let horizons = validation.horizon
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
        let seriesLaws = laws.laws(for: usable.indices.map { i in (try? usable[i].get()).map { (i, $0.values.count) } })
        Parallel.forEach(count) { i in
            switch usable[i] {
            case .failure(let error):
                body(i, TrendSelection(seriesID: series[i].id, chosen: nil, reason: error.description, fits: [], chosenFit: nil,
                                       skipped: pool.families.map { ($0, error) }, accuracy: [:], intervalCalibration: []))
            case .success(let u):
                body(i, combination(id: series[i].id, years: u.years, values: u.values, options: options[i], pool: pool, law: seriesLaws[i]!))
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
        let (law, note) = law.forSeries(pointCount: values.count)
        let notes = note.map { [$0] } ?? []
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

/// The laws of scaled errors for the series of one `auto` call, conditioned on training length (Mondrian
/// calibration, Vovk, Lindsay, Nouretdinov & Gammerman 2003: calibrate within categories of similar cases).
/// A forecast from 4 points errs far more, relative to its own scale, than one from 15, so the interval of a
/// series with n points comes from errors of forecasts made from at most n points (never narrower than
/// what forecasts from as little data did) and, unless n itself is smaller, from at least
/// ``minimumComparablePoints`` (so the wild errors of 4-point forecasts do not widen every long series').
/// The run's law is blended with the default law where its errors are few; a panel's (the same indicator in
/// several regions) with the run's.
struct CalibrationLaws {
    static let minimumComparablePoints = 6

    /// Each series' errors, with the training length they were made from.
    private let errors: [(points: Int, horizon: Int, z: Double)?]
    private let histories: Int
    private let horizons: Int
    private let panelOf: [String]
    private let panelMembers: [String: [Int]]
    private let prior: ScaledErrorLaw

    init(histories: [CombinationHistory?], series: [TrendSeries], horizons: Int, upTo latest: Int = .max,
         prior: ScaledErrorLaw = .benchmarkDefault) {
        var errors: [[(points: Int, horizon: Int, z: Double)]] = []
        for history in histories {
            var list: [(points: Int, horizon: Int, z: Double)] = []
            history?.errors(upTo: latest, horizons: horizons) { list.append(($0, $1, $2)) }
            errors.append(list)
        }
        self.seriesErrors = errors
        self.errors = []
        self.histories = histories.compactMap { $0 }.count
        self.horizons = horizons
        panelOf = series.map(\.panelKey)
        panelMembers = Dictionary(grouping: series.indices, by: { series[$0].panelKey }).filter { $0.value.count > 1 }
        self.prior = prior
    }

    private let seriesErrors: [[(points: Int, horizon: Int, z: Double)]]

    /// Errors, by horizon, of forecasts from `range` training points, of the series `members` (all when nil).
    private func collect(_ range: ClosedRange<Int>, members: [Int]?) -> (errors: [[Double]], series: Int) {
        var out = [[Double]](repeating: [], count: horizons)
        var contributing = 0
        for i in members ?? Array(seriesErrors.indices) {
            var any = false
            for e in seriesErrors[i] where range.contains(e.points) { out[e.horizon - 1].append(e.z); any = true }
            if any { contributing += 1 }
        }
        return (out, contributing)
    }

    /// What a law depends on: the panel whose errors it pools (nil: the run's alone) and the training length.
    private struct Key: Hashable {
        let panel: String?
        let points: Int
    }

    private func key(for index: Int, points: Int) -> Key {
        Key(panel: panelMembers[panelOf[index]] == nil ? nil : panelOf[index], points: points)
    }

    /// The law for series `index` forecasting from `points` observations.
    func law(for index: Int, points: Int) -> ScaledErrorLaw { law(key(for: index, points: points)) }

    /// The laws of many series (nil for nil), each distinct law computed once (in parallel): series of one
    /// length and panel share theirs.
    func laws(for requests: [(index: Int, points: Int)?]) -> [ScaledErrorLaw?] {
        var distinct: [Key] = [], position: [Key: Int] = [:]
        let keys = requests.map { request in
            request.map { request -> Int in
                let k = key(for: request.index, points: request.points)
                if let known = position[k] { return known }
                position[k] = distinct.count
                distinct.append(k)
                return distinct.count - 1
            }
        }
        let all = distinct
        let computed = Parallel.map(all.count) { law(all[$0]) }
        return keys.map { $0.map { computed[$0] } }
    }

    private func law(_ key: Key) -> ScaledErrorLaw {
        let points = key.points
        let range = min(points, Self.minimumComparablePoints)...max(points, 1)
        let span = range.lowerBound == range.upperBound ? "\(range.lowerBound) points" : "\(range.lowerBound)-\(range.upperBound) points"
        let (all, contributing) = collect(range, members: nil)
        let count = all.reduce(0) { $0 + $1.count }
        let run = ScaledErrorLaw(errors: all, prior: prior, source: count == 0 ? prior.source
            : "\(count) scaled out-of-sample errors of forecasts from \(span) in \(contributing) series of this run, blended with \(prior.source) where they are few")
        guard let panel = key.panel, let members = panelMembers[panel] else { return run }
        let (own, _) = collect(range, members: members)
        let panelCount = own.reduce(0) { $0 + $1.count }
        guard panelCount > 0 else { return run }
        return ScaledErrorLaw(errors: own, prior: run,
                              source: "\(panelCount) scaled out-of-sample errors of forecasts from \(span) in panel \(panel), blended with the run's where they are few")
    }
}

extension ScaledErrorLaw {
    /// The law of `auto`'s scaled out-of-sample errors over `series` (every rolling origin ``CalibrationOptions``
    /// allows, every training length), with no prior: how the default law is measured.
    public static func measured(on series: [TrendSeries], horizons: Int, options: TrendOptions = .init(),
                                pool: ForecastPool = .standard, calibration: CalibrationOptions = .init()) -> ScaledErrorLaw {
        let histories = Parallel.map(series.count) { i -> CombinationHistory? in
            guard let u = try? series[i].usable(excluding: options.excludedYears) else { return nil }
            return CombinationHistory.of(years: u.years, values: u.values, options: options, pool: pool,
                                         minimumPoints: calibration.minimumTrainingPoints, maximumOrigins: calibration.maximumOrigins,
                                         horizons: horizons)
        }
        var errors = [[Double]](repeating: [], count: horizons)
        for history in histories { history?.errors(horizons: horizons) { _, h, z in errors[h - 1].append(z) } }
        return ScaledErrorLaw(errors: errors, prior: nil, source: "\(errors.reduce(0) { $0 + $1.count }) errors of \(series.count) series")
    }
}
