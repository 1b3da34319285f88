import Common
import Foundation
import LeastSquares

/// Fits trend families to series. Series that share their years are fitted together through
/// ``BatchRegression`` (one factorization, one LAPACK call per family and grid point), so a whole
/// yearbook of series costs little more than one.
public enum TrendFitter {
    /// Fits one family to one series.
    /// - Throws: `TrendError` when the family cannot apply (too few points, values outside its domain,
    ///   a constant series, a level shift outside the data).
    public static func fit(_ series: TrendSeries, family: TrendFamily, options: TrendOptions = .init()) throws(TrendError) -> TrendFit {
        try fit([series], family: family, options: options)[0].get()
    }

    /// Fits one family to many series; one result per series, in order.
    ///
    /// Series sharing their years are fitted in batches of up to `chunkSize`, the batches spread over all
    /// cores; each batch is fitted exactly as it would be alone, so results do not depend on the threads.
    public static func fit(_ series: [TrendSeries], family: TrendFamily, options: TrendOptions = .init()) -> [Result<TrendFit, TrendError>] {
        var results = [Result<TrendFit, TrendError>?](repeating: nil, count: series.count)
        // A random walk of a series with published growth rates counts them as changes: fitted alone.
        if family == .drift || family == .naive, options.scale != .original {
            for s in series.indices where !series[s].publishedGrowth.isEmpty {
                results[s] = randomWalkWithGrowthFit(series[s], drift: family == .drift, options: options)
            }
        }
        // The others (usually all) in batches; `pooled` maps their positions back when some were fitted alone.
        let pooled: [Int]? = results.allSatisfy({ $0 == nil }) ? nil : series.indices.filter { results[$0] == nil }
        let rest = pooled.map { $0.map { series[$0] } } ?? series
        var chunks: [(years: [Int], members: ArraySlice<Int>, values: ArraySlice<[Double]>)] = []
        var restResults = [Result<TrendFit, TrendError>?](repeating: nil, count: rest.count)
        for group in groupBySharedYears(rest, options: options, results: &restResults) {
            let size = family.isRegression || family == .drift || family == .naive ? chunkSize : 64
            for start in stride(from: 0, to: group.members.count, by: size) {
                let end = min(start + size, group.members.count)
                chunks.append((group.years, group.members[start..<end], group.values[start..<end]))
            }
        }
        let batches = chunks
        // Exponential smoothing is fitted series by series: smaller batches keep every core busy.
        let fitted = Parallel.map(batches.count) { c in
            let chunk = batches[c]
            return fitGroup(years: chunk.years, ids: chunk.members.map { rest[$0].id }, values: Array(chunk.values),
                            family: family, options: options)
        }
        for (c, chunk) in chunks.enumerated() {
            for (k, index) in chunk.members.enumerated() { restResults[index] = fitted[c][k] }
        }
        for (k, result) in restResults.enumerated() { results[pooled?[k] ?? k] = result }
        return results.map { $0! }
    }

    /// Most series fitted in one batch (one LAPACK call per family and grid point).
    static let chunkSize = 8192

    /// Series with the same usable years, fitted as one batch.
    struct SharedYears {
        let years: [Int]
        var members: [Int] = []
        var values: [[Double]] = []
    }

    /// Groups series by their usable years (in first-seen order, so results are deterministic);
    /// series whose years are malformed get their error in `results`.
    static func groupBySharedYears(_ series: [TrendSeries], options: TrendOptions, results: inout [Result<TrendFit, TrendError>?]) -> [SharedYears] {
        var usable = [(years: [Int], values: [Double])?](repeating: nil, count: series.count)
        for (index, s) in series.enumerated() {
            do { usable[index] = try s.usable(excluding: options.excludedYears) } catch { results[index] = .failure(error) }
        }
        return groupedInOrder(series.count) { usable[$0]?.years }.map { group in
            var shared = SharedYears(years: group.key)
            shared.members = group.members
            shared.values = group.members.map { usable[$0]!.values }
            return shared
        }
    }

    /// Indices `0..<count` grouped by `key`, groups in first-seen order (so results are deterministic); an
    /// index whose key is nil is left out. Neighbouring indices usually share their key (often one array),
    /// so the last group is compared before hashing.
    static func groupedInOrder<Key: Hashable>(_ count: Int, by key: (Int) -> Key?) -> [(key: Key, members: [Int])] {
        var groups: [(key: Key, members: [Int])] = []
        var position: [Key: Int] = [:]
        for index in 0..<count {
            guard let k = key(index) else { continue }
            if let last = groups.indices.last, groups[last].key == k {
                groups[last].members.append(index)
            } else if let known = position[k] {
                groups[known].members.append(index)
            } else {
                position[k] = groups.count
                groups.append((k, [index]))
            }
        }
        return groups
    }

    /// One point of a profile grid (or the only one), fitted for every active series of a group.
    struct GridFit {
        let dampingFactor: Double?
        let fit: BatchFit
        /// With φ profiled: the linearized design in (a, b, φ), for prediction leverages.
        var jacobian: BatchRegression?
        /// The response transform of each column (each active series).
        let transforms: [ResponseTransform]
    }

    /// A regression family fitted to series sharing their years, before anything per series is built:
    /// each series' error, or its best grid point, column and original-scale log-likelihood.
    struct GroupKernel {
        let family: TrendFamily
        let years: [Int]
        let options: TrendOptions
        /// Coefficients of the regression, and 1 when a cap or φ is profiled.
        let coefficients: Int
        let profiled: Int
        var grid: [GridFit] = []
        var errors: [Int: TrendError] = [:]
        /// Per series: (grid point, column, log-likelihood) of its best fit.
        var best: [(grid: Int, column: Int, logLikelihood: Double)?]
        /// The linearized design whose leverages carry a profiled φ's uncertainty, if any.
        func jacobian(_ s: Int) -> BatchRegression? {
            best[s].flatMap { grid[$0.grid].jacobian }
        }

        var degreesOfFreedom: Int { years.count - coefficients - profiled }

        func model(_ s: Int) -> TrendModel? {
            guard let b = best[s] else { return nil }
            return TrendModel(family: family, origin: years.last!, firstYear: years[0], transform: grid[b.grid].transforms[b.column],
                              dampingFactor: grid[b.grid].dampingFactor, levelShiftYears: options.levelShiftYears)
        }
    }

    /// Fits a regression family (not `drift` or `endpointCAGR`) to series observed in the same `years`:
    /// one batch per grid point, each series keeping the grid point of highest likelihood.
    static func kernel(years: [Int], ids: [String], values: [[Double]], family: TrendFamily, options: TrendOptions) -> GroupKernel {
        let m = ids.count, n = years.count
        let profiledCap = family == .logistic && options.cap == nil
        let profiledPhi = family == .damped && options.dampingFactor == nil
        let profiled = (profiledCap || profiledPhi) ? 1 : 0
        let coefficients = family.coefficientCount(levelShifts: options.levelShiftYears.count)
        var kernel = GroupKernel(family: family, years: years, options: options, coefficients: coefficients, profiled: profiled,
                                 best: Array(repeating: nil, count: m))
        func failAll(_ active: [Int], _ message: String) {
            for s in active { kernel.errors[s] = .leastSquares(series: ids[s], family: family.name, message: message) }
        }
        guard let first = years.first, let last = years.last else {
            for s in 0..<m { kernel.errors[s] = .tooFewPoints(series: ids[s], family: family.name, points: 0, needed: coefficients + 1) }
            return kernel
        }
        if let shift = options.levelShiftYears.first(where: { !(first < $0 && $0 <= last) }) {
            for s in 0..<m { kernel.errors[s] = .levelShiftOutOfRange(series: ids[s], year: shift) }
            return kernel
        }
        var capLimits = [Double](repeating: 0, count: m)
        for s in 0..<m {
            if let problem = domainProblem(id: ids[s], family: family, years: years, values: values[s], options: options,
                                           needed: coefficients + 1 + profiled) {
                kernel.errors[s] = problem
            } else if profiledCap {
                capLimits[s] = options.capLimit ?? 3 * values[s].max()!
            }
        }
        let active = (0..<m).filter { kernel.errors[$0] == nil }
        guard !active.isEmpty else { return kernel }

        // The profile grid: one point unless the cap or φ is profiled.
        let gridCount = profiledCap ? TrendOptions.capGrid.count : (profiledPhi ? TrendOptions.dampingGrid.count : 1)
        for g in 0..<gridCount {
            let phi = family == .damped ? (profiledPhi ? TrendOptions.dampingGrid[g] : options.dampingFactor) : nil
            let transforms: [ResponseTransform] = active.map { s in
                guard family == .logistic else { return family.transform(cap: nil) }
                if !profiledCap { return .logit(cap: options.cap!) }
                let top = values[s].max()!
                return .logit(cap: top + (capLimits[s] - top) * TrendOptions.capGrid[g])
            }
            let shape = TrendModel(family: family, origin: last, firstYear: first, transform: .identity,
                                   dampingFactor: phi, levelShiftYears: options.levelShiftYears)
            var responses = Matrix(rows: n, columns: active.count)
            for (k, s) in active.enumerated() { for i in 0..<n { responses[i, k] = transforms[k].forward(values[s][i]) } }
            let fitted: BatchFit
            do { fitted = try BatchRegression(shape.design(years)).fit(responses) } catch {
                failAll(active, error.description)
                return kernel
            }
            kernel.grid.append(GridFit(dampingFactor: phi, fit: fitted, jacobian: nil, transforms: transforms))
            for (k, s) in active.enumerated() {
                if let error = fitted.errors[k] {
                    if kernel.best[s] == nil, g == gridCount - 1 { kernel.errors[s] = .leastSquares(series: ids[s], family: family.name, message: error.description) }
                    continue
                }
                var jacobian = 0.0
                if transforms[k] != .identity { for v in values[s] { jacobian += transforms[k].logJacobian(v) } }
                let logLikelihood = fitted.logLikelihood(k) + jacobian
                if kernel.best[s].map({ logLikelihood > $0.logLikelihood }) ?? true {
                    kernel.best[s] = (g, k, logLikelihood)
                }
            }
        }
        if profiledPhi {
            // The linearized design at each φ that some series chose.
            for g in Set(kernel.best.compactMap { $0?.grid }) {
                let model = TrendModel(family: family, origin: last, firstYear: first, transform: .identity,
                                       dampingFactor: kernel.grid[g].dampingFactor, levelShiftYears: options.levelShiftYears)
                kernel.grid[g].jacobian = try? BatchRegression(model.jacobianDesign(years))
            }
        }

        return kernel
    }

    /// Fits `family` to series observed in the same `years`.
    static func fitGroup(years: [Int], ids: [String], values: [[Double]], family: TrendFamily, options: TrendOptions) -> [Result<TrendFit, TrendError>] {
        let fits = unboundedFits(years: years, ids: ids, values: values, family: family, options: options)
        return fits.indices.map { s in
            fits[s].map { fit in
                var bounded = fit
                bounded.bounds = options.bounds(for: values[s])
                return bounded
            }
        }
    }

    /// `fitGroup` before the bounds of the quantity are attached.
    private static func unboundedFits(years: [Int], ids: [String], values: [[Double]], family: TrendFamily, options: TrendOptions) -> [Result<TrendFit, TrendError>] {
        if family == .endpointCAGR {
            return ids.indices.map { endpointFit(id: ids[$0], years: years, values: values[$0]) }
        }
        if family == .drift || family == .naive {
            // One batch per scale (a series with a non-positive value stays on the original scale).
            var results = [Result<TrendFit, TrendError>?](repeating: nil, count: ids.count)
            let transforms = values.map(options.transform(for:))
            for group in groupedInOrder(ids.count, by: { transforms[$0] }) {
                let fits = randomWalkFits(years: years, ids: group.members.map { ids[$0] },
                                          values: group.members.map { s in values[s].map(group.key.forward) },
                                          original: group.members.map { values[$0] }, transform: group.key, drift: family == .drift)
                for (k, s) in group.members.enumerated() { results[s] = fits[k] }
            }
            return results.map { $0! }
        }
        if family.isSmoothing {
            return ids.indices.map { smoothingFit(id: ids[$0], years: years, values: values[$0], family: family, options: options) }
        }
        if family == .combination {
            return ids.map { .failure(.leastSquares(series: $0, family: family.name, message: "the combination is fitted by TrendFitter.auto, not alone")) }
        }
        let kernel = kernel(years: years, ids: ids, values: values, family: family, options: options)
        let parameterNames = kernel.grid.first.map { _ in
            TrendModel(family: family, origin: 0, firstYear: 0, transform: .identity, dampingFactor: nil, levelShiftYears: options.levelShiftYears).parameterNames
        } ?? []
        return ids.indices.map { s in
            if let error = kernel.errors[s] { return .failure(error) }
            guard let b = kernel.best[s], let model = kernel.model(s) else {
                return .failure(.leastSquares(series: ids[s], family: family.name, message: "no fit"))
            }
            let fitted = kernel.grid[b.grid].fit
            var trendFit = TrendFit(
                family: family, seriesID: ids[s], years: years, values: values[s], model: model,
                parameterNames: parameterNames, parameters: fitted.parameters(b.column), standardErrors: fitted.standardErrors(b.column),
                residualStandardDeviation: fitted.residualVariance(b.column).squareRoot(), degreesOfFreedom: kernel.degreesOfFreedom,
                logLikelihood: b.logLikelihood, parameterCount: kernel.coefficients + 1 + kernel.profiled,
                conditionNumber: fitted.conditionNumber, engine: .regression(fitted.predictor(b.column)))
            trendFit.profileJacobian = kernel.jacobian(s)
            return .success(trendFit)
        }
    }

    /// Why `family` cannot apply to a series, or nil when it can.
    static func domainProblem(id: String, family: TrendFamily, years: [Int], values: [Double], options: TrendOptions, needed: Int) -> TrendError? {
        guard values.count >= needed else { return .tooFewPoints(series: id, family: family.name, points: values.count, needed: needed) }
        guard values.contains(where: { $0 != values[0] }) else { return .constantSeries(series: id) }
        switch family {
        case .compound, .damped:
            if let i = values.firstIndex(where: { $0 <= 0 }) { return .nonPositiveValue(series: id, family: family.name, year: years[i], value: values[i]) }
        case .logistic:
            let cap = options.cap ?? options.capLimit ?? .infinity
            if let i = values.firstIndex(where: { !($0 > 0 && $0 < cap) }) { return .outsideCap(series: id, year: years[i], value: values[i], cap: cap) }
        default:
            break
        }
        return nil
    }

    /// The two-point compound growth rate between the first and last observation.
    static func endpointFit(id: String, years: [Int], values: [Double]) -> Result<TrendFit, TrendError> {
        guard values.count >= 2 else { return .failure(.tooFewPoints(series: id, family: TrendFamily.endpointCAGR.name, points: values.count, needed: 2)) }
        if let i = [0, values.count - 1].first(where: { values[$0] <= 0 }) {
            return .failure(.nonPositiveValue(series: id, family: TrendFamily.endpointCAGR.name, year: years[i], value: values[i]))
        }
        let rate = CompoundGrowth.rate(from: values[0], to: values.last!, years: years.last! - years[0])
        let model = TrendModel(family: .endpointCAGR, origin: years.last!, firstYear: years[0], transform: .log, dampingFactor: nil, levelShiftYears: [])
        return .success(TrendFit(
            family: .endpointCAGR, seriesID: id, years: years, values: values, model: model,
            parameterNames: ["rate"], parameters: [rate], standardErrors: [.nan], residualStandardDeviation: .nan,
            degreesOfFreedom: 0, logLikelihood: .nan, parameterCount: 1, conditionNumber: .nan, engine: .endpoint(rate: rate)))
    }

    /// Random walks (with drift, or `naive` without) for series sharing `years`, on the scale `transform` (the
    /// `values` given already transformed; `original` are the untransformed ones the fit keeps). A change over
    /// a gap of g years has mean g·c and variance g·σ², so `Δz/√g = c·√g + ε` is ordinary least squares without
    /// intercept in one regressor, solved in closed form: ĉ = ΣΔz / Σg, the total change over the total span
    /// (one column has condition number 1, so the ratio of sums is as accurate as a QR), σ̂² the residual
    /// variance with m − 1 df and se(ĉ) = σ̂/√Σg. Without drift, σ̂² is the mean of (Δz/√g)² with m df.
    static func randomWalkFits(years: [Int], ids: [String], values: [[Double]], original: [[Double]], transform: ResponseTransform,
                               drift: Bool) -> [Result<TrendFit, TrendError>] {
        let n = years.count, family: TrendFamily = drift ? .drift : .naive
        let needed = drift ? 3 : 2
        guard n >= needed else { return ids.map { .failure(.tooFewPoints(series: $0, family: family.name, points: n, needed: needed)) } }
        let gaps = (1..<n).map { Double(years[$0] - years[$0 - 1]) }
        let roots = gaps.map { $0.squareRoot() }
        let span = gaps.reduce(0, +)
        let model = TrendModel(family: family, origin: years.last!, firstYear: years[0], transform: transform, dampingFactor: nil, levelShiftYears: [])
        return ids.indices.map { s in
            if original[s].allSatisfy({ $0 == original[s][0] }) { return .failure(.constantSeries(series: ids[s])) }
            let z = values[s]
            return randomWalkFit(id: ids[s], years: years, values: original[s], model: model, drift: drift, span: span,
                                 changes: n - 1, change: { z[$0 + 1] - z[$0] }, root: { roots[$0] })
        }
    }

    /// The estimates of ``randomWalkFits(years:ids:values:original:transform:drift:)`` from `m` changes, the k-th
    /// `change(k)` over a gap whose square root is `root(k)` (`span` years in all), as a fit of `values`.
    @inline(__always)
    static func randomWalkFit(id: String, years: [Int], values: [Double], model: TrendModel, drift: Bool, span: Double,
                              changes m: Int, change: (Int) -> Double, root: (Int) -> Double) -> Result<TrendFit, TrendError> {
        let family: TrendFamily = drift ? .drift : .naive
        var total = 0.0
        if drift { for k in 0..<m { total += change(k) } }
        let c = drift ? total / span : 0
        var squares = 0.0
        for k in 0..<m {
            let r = change(k) / root(k) - c * root(k)
            squares += r * r
        }
        guard squares.isFinite else {
            return .failure(.leastSquares(series: id, family: family.name, message: "the changes of the series are not finite"))
        }
        let df = drift ? m - 1 : m
        let sigma = (squares / Double(df)).squareRoot()
        let se = drift ? sigma / span.squareRoot() : 0
        return .success(TrendFit(
            family: family, seriesID: id, years: years, values: values, model: model,
            parameterNames: drift ? ["drift"] : [], parameters: drift ? [c] : [], standardErrors: drift ? [se] : [],
            residualStandardDeviation: sigma, degreesOfFreedom: df, logLikelihood: .nan,
            parameterCount: drift ? 2 : 1, conditionNumber: 1, engine: .drift(drift: c, driftStandardError: se, sigma: sigma)))
    }

    /// The yearly changes of a positive series on the log scale that its levels and published growth rates
    /// give, each with the number of years it spans. Between consecutive levels: the change over the gap, or,
    /// where rates are published for some years inside the gap, one change per rate (`log(1 + rate)`) and one
    /// for the rest of the gap; a gap whose every year has a rate is the levels' change (the rates add nothing).
    /// Rates before the first level or after the last are one-year changes of their own; those after the last
    /// are also returned as `after`, the known steps of a forecast.
    struct ObservedChanges: Equatable {
        var spans: [Double] = []
        var changes: [Double] = []
        /// Years of the rates that entered as changes.
        var ratesUsed: [Int] = []
        /// Rates after the last level, as log changes, by year.
        var after: [Int: Double] = [:]
    }

    static func randomWalkChanges(years: [Int], logValues z: [Double], growth: [Int: Double]) -> ObservedChanges {
        var out = ObservedChanges()
        func rate(_ year: Int) { out.spans.append(1); out.changes.append(Foundation.log1p(growth[year]!)); out.ratesUsed.append(year) }
        guard let first = years.first, let last = years.last else { return out }
        for year in growth.keys.sorted() where year <= first { rate(year) }
        for i in 1..<max(1, years.count) {
            let (a, b) = (years[i - 1], years[i])
            let inside = ((a + 1)...b).filter { growth[$0] != nil }
            let total = z[i] - z[i - 1]
            if inside.isEmpty || inside.count == b - a {
                out.spans.append(Double(b - a)); out.changes.append(total)
                continue
            }
            var known = 0.0
            for year in inside { rate(year); known += out.changes.last! }
            out.spans.append(Double(b - a - inside.count)); out.changes.append(total - known)
        }
        for year in growth.keys.sorted() where year > last {
            rate(year)
            out.after[year] = out.changes.last!
        }
        return out
    }

    /// A random walk (with drift, or `naive`) on the log scale of a series with published growth rates: the
    /// changes of ``randomWalkChanges(years:logValues:growth:)`` in the gap-aware least squares of
    /// ``randomWalkFits(years:ids:values:original:transform:drift:)`` (ĉ = ΣΔ/Σg, σ̂² with m − 1 df for m
    /// changes), and the rates after the last level as known steps of the forecast.
    static func randomWalkWithGrowthFit(_ series: TrendSeries, drift: Bool, options: TrendOptions) -> Result<TrendFit, TrendError> {
        let family: TrendFamily = drift ? .drift : .naive
        let usable: (years: [Int], values: [Double])
        do { usable = try series.usable(excluding: options.excludedYears) } catch { return .failure(error) }
        let (years, values) = usable
        guard values.allSatisfy({ $0 > 0 }) else {
            return .failure(.leastSquares(series: series.id, family: family.name,
                                          message: "published growth rates are changes of the logarithm, and the series has a value at or below 0"))
        }
        if let year = series.publishedGrowth.keys.sorted().first(where: { !(series.publishedGrowth[$0]! > -1) || !YearRange.contains($0) }) {
            return .failure(.leastSquares(series: series.id, family: family.name,
                                          message: "the published growth of \(year) is not a rate above -100%"))
        }
        let observed = randomWalkChanges(years: years, logValues: values.map(Foundation.log), growth: series.publishedGrowth)
        let m = observed.changes.count, needed = drift ? 2 : 1
        guard m >= needed else {
            return .failure(.tooFewPoints(series: series.id, family: family.name, points: years.count, needed: drift ? 3 : 2))
        }
        if values.allSatisfy({ $0 == values[0] }), observed.changes.allSatisfy({ $0 == 0 }) { return .failure(.constantSeries(series: series.id)) }
        let model = TrendModel(family: family, origin: years.last!, firstYear: years[0], transform: .log, dampingFactor: nil, levelShiftYears: [])
        let roots = observed.spans.map { $0.squareRoot() }
        let result = randomWalkFit(id: series.id, years: years, values: values, model: model, drift: drift, span: observed.spans.reduce(0, +),
                                   changes: m, change: { observed.changes[$0] }, root: { roots[$0] })
        guard case .success(var fit) = result else { return result }
        fit.publishedGrowthUsed = observed.ratesUsed
        fit.knownChanges = observed.after
        fit.bounds = options.bounds(for: values)
        return .success(fit)
    }

    /// An exponential smoothing family (or Theta) fitted to one series by maximum likelihood on the scale
    /// ``TrendOptions/transform(for:)`` chooses.
    static func smoothingFit(id: String, years: [Int], values: [Double], family: TrendFamily, options: TrendOptions) -> Result<TrendFit, TrendError> {
        smoothingFits(id: id, years: years, values: values, family: family, options: [options])[0]
    }

    /// `smoothingFit` under several options (one series on several scales, as ``ForecastPool`` fits it): the
    /// trend models of two scales are estimated in one pass of the kernel, each fit the same as alone.
    static func smoothingFits(id: String, years: [Int], values: [Double], family: TrendFamily, options: [TrendOptions]) -> [Result<TrendFit, TrendError>] {
        let trend: ExponentialSmoothing.Trend
        switch family {
        case .holt: trend = .additive
        case .dampedTrend: trend = .damped
        default: trend = .none
        }
        let needed = family.coefficientCount(levelShifts: 0) + 2 - (family == .theta ? 1 : 0)
        guard values.count >= needed else {
            return options.map { _ in .failure(.tooFewPoints(series: id, family: family.name, points: values.count, needed: needed)) }
        }
        guard values.contains(where: { $0 != values[0] }) else { return options.map { _ in .failure(.constantSeries(series: id)) } }
        let transforms = options.map { $0.transform(for: values) }
        let scaled = transforms.map { values.map($0.forward) }
        let steps = [1] + (1..<years.count).map { years[$0] - years[$0 - 1] }
        let models = ExponentialSmoothing.estimate(scaled, steps: steps.contains { $0 != 1 } ? steps : nil, trend: trend)
        return options.indices.map { k in
            smoothingFit(id: id, years: years, values: values, family: family, transform: transforms[k], z: scaled[k], model: models[k])
        }
    }

    /// The fit of an estimated smoothing model (nil: it could not be estimated).
    private static func smoothingFit(id: String, years: [Int], values: [Double], family: TrendFamily, transform: ResponseTransform, z: [Double],
                                     model: ExponentialSmoothing?) -> Result<TrendFit, TrendError> {
        guard let model else {
            return .failure(.leastSquares(series: id, family: family.name, message: "exponential smoothing could not be estimated"))
        }
        let run = model.filter(z, years: years)
        let n = values.count, np = model.parameterCount
        var thetaDrift: Double? = nil
        var names: [String], parameters: [Double]
        switch model.trend {
        case .none:
            names = ["alpha", "level0"]; parameters = [model.alpha, model.initialLevel]
        case .additive:
            names = ["alpha", "beta", "level0", "slope0"]; parameters = [model.alpha, model.beta, model.initialLevel, model.initialSlope]
        case .damped:
            names = ["alpha", "beta", "phi", "level0", "slope0"]
            parameters = [model.alpha, model.beta, model.phi, model.initialLevel, model.initialSlope]
        }
        if family == .theta {
            // Half the least-squares slope of the values on time (LAPACK, as every regression here).
            let time = years.map { Double($0 - years[0]) }
            guard let slope = try? LinearRegression.fit(.columns([time], names: ["t"]), response: z).parameters[1] else {
                return .failure(.leastSquares(series: id, family: family.name, message: "the trend line could not be fitted"))
            }
            thetaDrift = slope / 2
            names.append("drift"); parameters.append(slope / 2)
        }
        let sigma2 = run.sse / Double(max(1, n - np))
        var jacobian = 0.0
        if transform != .identity { for v in values { jacobian += transform.logJacobian(v) } }
        let logLikelihood = -0.5 * Double(n) * (Foundation.log(2 * Double.pi * run.sse / Double(n)) + 1) + jacobian
        let forecaster = SmoothingForecaster(model: model, level: run.level, slope: run.slope, sigma2: sigma2, thetaDrift: thetaDrift,
                                             observationCount: n, firstYear: years[0], lastYear: years.last!, fitted: run.fitted)
        let trendModel = TrendModel(family: family, origin: years.last!, firstYear: years[0], transform: transform, dampingFactor: nil, levelShiftYears: [])
        return .success(TrendFit(
            family: family, seriesID: id, years: years, values: values, model: trendModel,
            parameterNames: names, parameters: parameters, standardErrors: parameters.map { _ in .nan },
            residualStandardDeviation: sigma2.squareRoot(), degreesOfFreedom: max(1, n - np), logLikelihood: logLikelihood,
            parameterCount: np + 1, conditionNumber: .nan, engine: .smoothing(forecaster)))
    }
}
