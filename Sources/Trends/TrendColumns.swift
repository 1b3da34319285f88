import Foundation
import LeastSquares

/// Forecasts of many series by one family, column by column: what projecting a whole statistical yearbook
/// needs, without building a fit object per series.
///
/// Matrices have one column per series; `point`, `lower`, `upper` one row per forecast year. Point
/// forecasts of the log and logit families are medians, as in ``TrendForecast``.
public struct TrendColumns: Sendable {
    public let family: TrendFamily
    /// The series fitted, one per column (kept whole: copying a hundred thousand ids would cost more than
    /// some fits).
    public let series: [TrendSeries]
    /// Each column's series id.
    public var seriesIDs: [String] { series.map(\.id) }
    public let forecastYears: [Int]
    /// Interval levels of `lower` and `upper`, in order.
    public let levels: [Double]
    /// Parameters and standard errors on the fitted scale, one column per series (NaN where it failed).
    public let parameters: Matrix
    public let standardErrors: Matrix
    /// AICc on the original scale per series (NaN where it failed or the family has none).
    public let aicc: [Double]
    public let point: Matrix
    public let lower: [Matrix]
    public let upper: [Matrix]
    /// Series that could not be fitted, by column, with the reason.
    public let errors: [Int: TrendError]
}

extension TrendFitter {
    /// Fits `family` to every series and forecasts `forecastYears` with central intervals at `levels`.
    ///
    /// Under a family whose design does not depend on the series, series observed in the same years go
    /// through ``FixedDesignForecaster``: one factorization per set of years, then each series on its own, in
    /// parallel. The rest (and every series of the other families) are fitted in one batch per shared usable
    /// years and grid point (as ``fit(_:family:options:)``, with the same numbers) and forecast in bulk: the
    /// leverage of a forecast year is computed once for the batch, each series adds a dot product, a square
    /// root and the inverse transform. Batches run in parallel; each writes only its own series' columns.
    public static func forecastColumns(_ series: [TrendSeries], family: TrendFamily, options: TrendOptions = .init(),
                                       years forecastYears: [Int], levels: [Double] = [0.8, 0.95]) -> TrendColumns {
        let m = series.count, h = forecastYears.count
        let p = family.coefficientCount(levelShifts: options.levelShiftYears.count)
        var errors: [Int: TrendError] = [:]
        let columns = ColumnBuffers.filled(parameters: p, years: h, levels: levels.count, series: m) { out in
            var rest: [Int] = []
            if FixedDesignForecaster.applies(to: family, options: options) {
                // Usually every series has the same years: then no grouping at all.
                let first = series.first?.years ?? []
                let groups = series.allSatisfy({ $0.years == first }) ? [(key: first, members: Array(series.indices))]
                    : groupedInOrder(series.count, by: { series[$0].years })
                for (years, members) in groups {
                    if let fast = FixedDesignForecaster(family: family, options: options, years: years, forecastYears: forecastYears, levels: levels) {
                        rest += fast.forecast(series, members: members, into: out)
                    } else {
                        rest += members
                    }
                }
                rest.sort()
            } else {
                rest = Array(0..<m)
            }
            errors = forecastGrouped(series, members: rest, family: family, options: options, forecastYears: forecastYears,
                                     levels: levels, parameterCount: p, into: out)
        }
        return TrendColumns(family: family, series: series, forecastYears: forecastYears, levels: levels,
                            parameters: Matrix(rows: p, columns: m, storage: columns.parameters),
                            standardErrors: Matrix(rows: p, columns: m, storage: columns.standardErrors),
                            aicc: columns.aicc, point: Matrix(rows: h, columns: m, storage: columns.point),
                            lower: columns.lower.map { Matrix(rows: h, columns: m, storage: $0) },
                            upper: columns.upper.map { Matrix(rows: h, columns: m, storage: $0) },
                            errors: errors)
    }

    /// Fits and forecasts the series at `members` (indices into `series`) in batches of shared years, after
    /// clearing their columns; returns the failures by series index.
    private static func forecastGrouped(_ series: [TrendSeries], members: [Int], family: TrendFamily, options: TrendOptions,
                                        forecastYears: [Int], levels: [Double], parameterCount p: Int, into out: ColumnBuffers) -> [Int: TrendError] {
        for s in members { out.clear(s) }
        guard !members.isEmpty else { return [:] }
        var placeholders = [Result<TrendFit, TrendError>?](repeating: nil, count: members.count)
        var chunks: [SharedYears] = []
        for group in groupBySharedYears(members.map { series[$0] }, options: options, results: &placeholders) {
            for start in stride(from: 0, to: group.members.count, by: chunkSize) {
                let end = min(start + chunkSize, group.members.count)
                var chunk = SharedYears(years: group.years)
                chunk.members = group.members[start..<end].map { members[$0] }
                chunk.values = Array(group.values[start..<end])
                chunks.append(chunk)
            }
        }
        let batches = chunks
        let chunkErrors = UnsafeMutableBufferPointer<[Int: TrendError]>.allocate(capacity: max(1, batches.count))
        chunkErrors.initialize(repeating: [:])
        defer { chunkErrors.deinitialize(); chunkErrors.deallocate() }
        nonisolated(unsafe) let errorsOut = chunkErrors
        let work: @Sendable (Int) -> Void = { c in
            errorsOut[c] = forecastBatch(batches[c], series: series, family: family, options: options, forecastYears: forecastYears,
                                         levels: levels, parameterCount: p, into: out)
        }
        if batches.count == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: batches.count, execute: work) }

        var errors: [Int: TrendError] = [:]
        for (k, problem) in placeholders.enumerated() { if case .failure(let e)? = problem { errors[members[k]] = e } }
        for chunk in chunkErrors { errors.merge(chunk) { first, _ in first } }
        return errors
    }

    /// Fits and forecasts one batch of series sharing their years; returns the failures by series index.
    private static func forecastBatch(_ group: SharedYears, series: [TrendSeries], family: TrendFamily, options: TrendOptions,
                                      forecastYears: [Int], levels: [Double], parameterCount p: Int, into out: ColumnBuffers) -> [Int: TrendError] {
        let ids = group.members.map { series[$0].id }
        let h = forecastYears.count
        var errors: [Int: TrendError] = [:]
        guard family != .drift && family != .endpointCAGR else {
            // No shared regression: forecast fit by fit.
            for (k, result) in fitGroup(years: group.years, ids: ids, values: group.values, family: family, options: options).enumerated() {
                let s = group.members[k]
                switch result {
                case .failure(let e): errors[s] = e
                case .success(let fit):
                    for j in 0..<p { out.parameters[s * p + j] = fit.parameters[j]; out.standardErrors[s * p + j] = fit.standardErrors[j] }
                    let f = fit.forecast(forecastYears)
                    for t in 0..<h { out.point[s * h + t] = f.point[t] }
                    for (l, level) in levels.enumerated() {
                        guard let intervals = f.intervals(level: level) else { continue }
                        for t in 0..<h { out.lower[l][s * h + t] = intervals[t].lower; out.upper[l][s * h + t] = intervals[t].upper }
                    }
                }
            }
            return errors
        }
        let kernel = kernel(years: group.years, ids: ids, values: group.values, family: family, options: options)
        for (k, e) in kernel.errors { errors[group.members[k]] = e }
        let quantiles = levels.map { StudentTQuantiles.upper(level: $0, degreesOfFreedom: kernel.degreesOfFreedom) }
        let predictions = kernel.grid.map { grid in
            let model = TrendModel(family: family, origin: group.years.last!, firstYear: group.years[0], transform: .identity,
                                   dampingFactor: grid.dampingFactor, levelShiftYears: options.levelShiftYears)
            return grid.fit.predictAll(at: forecastYears.map(model.regressors))
        }
        for (k, best) in kernel.best.enumerated() {
            guard let best else { continue }
            let s = group.members[k], fit = kernel.grid[best.grid].fit, column = best.column
            let transform = kernel.grid[best.grid].transforms[column]
            let variance = fit.residualVariance(column)
            for j in 0..<p { out.parameters[s * p + j] = fit.parameters[j, column]; out.standardErrors[s * p + j] = fit.standardError(j, column) }
            out.aicc[s] = InformationCriteria.aicc(logLikelihood: best.logLikelihood, parameters: kernel.coefficients + 1 + kernel.profiled,
                                                   observations: group.years.count)
            let prediction = predictions[best.grid]
            var leverage = prediction.ownLeverage[column] ?? prediction.leverage
            if let jacobian = kernel.jacobian(k), let model = kernel.model(k) {
                leverage = forecastYears.map { jacobian.leverage(model.jacobianRegressors($0)) }
            }
            for t in 0..<h {
                let location = prediction.mean[t, column]
                let scale = (variance * (1 + leverage[t])).squareRoot()
                out.point[s * h + t] = transform.inverse(location)
                for l in levels.indices {
                    out.lower[l][s * h + t] = transform.inverse(location - quantiles[l] * scale)
                    out.upper[l][s * h + t] = transform.inverse(location + quantiles[l] * scale)
                }
            }
        }
        return errors
    }
}

/// Column-major output buffers that parallel workers fill at disjoint series columns.
struct ColumnBuffers: @unchecked Sendable {
    let parameters: UnsafeMutableBufferPointer<Double>
    let standardErrors: UnsafeMutableBufferPointer<Double>
    let aicc: UnsafeMutableBufferPointer<Double>
    let point: UnsafeMutableBufferPointer<Double>
    let lower: [UnsafeMutableBufferPointer<Double>]
    let upper: [UnsafeMutableBufferPointer<Double>]
    let parameterCount: Int
    let yearCount: Int

    /// Marks series `s` as not fitted (yet): NaN in all its cells.
    func clear(_ s: Int) {
        let p = parameterCount, h = yearCount
        for j in 0..<p { parameters[s * p + j] = .nan; standardErrors[s * p + j] = .nan }
        aicc[s] = .nan
        for t in 0..<h {
            point[s * h + t] = .nan
            for l in lower.indices { lower[l][s * h + t] = .nan; upper[l][s * h + t] = .nan }
        }
    }

    /// Runs `body` on fresh buffers for `m` series and hands them back as arrays, without a copy or a fill:
    /// `body` must write every cell (``clear(_:)`` for series it does not fit).
    static func filled(parameters p: Int, years h: Int, levels: Int, series m: Int, _ body: (ColumnBuffers) -> Void)
        -> (parameters: [Double], standardErrors: [Double], aicc: [Double], point: [Double], lower: [[Double]], upper: [[Double]]) {
        let counts = [p * m, p * m, m, h * m] + Array(repeating: h * m, count: 2 * levels)
        // Each array is created around the next, so all buffers are valid while `body` runs.
        func nest(_ k: Int, _ buffers: [UnsafeMutableBufferPointer<Double>]) -> [[Double]] {
            guard k < counts.count else {
                body(ColumnBuffers(parameters: buffers[0], standardErrors: buffers[1], aicc: buffers[2], point: buffers[3],
                                   lower: Array(buffers[4..<(4 + levels)]), upper: Array(buffers[(4 + levels)...]),
                                   parameterCount: p, yearCount: h))
                return []
            }
            var inner: [[Double]] = []
            let array = [Double](unsafeUninitializedCapacity: counts[k]) { buffer, initialized in
                inner = nest(k + 1, buffers + [buffer])
                initialized = counts[k]
            }
            return [array] + inner
        }
        let arrays = nest(0, [])
        return (arrays[0], arrays[1], arrays[2], arrays[3], Array(arrays[4..<(4 + levels)]), Array(arrays[(4 + levels)...]))
    }
}
