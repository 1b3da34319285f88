import Foundation
import LeastSquares

/// Forecasts of many series by one family, column by column: what projecting a whole statistical yearbook
/// needs, without building a fit object per series.
///
/// Matrices have one column per series; `point`, `lower`, `upper` one row per forecast year. Point
/// forecasts of the log and logit families are medians, as in ``TrendForecast``.
public struct TrendColumns: Sendable {
    public let family: TrendFamily
    public let seriesIDs: [String]
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
    /// Series that share their years are fitted in one batch per grid point (as ``fit(_:family:options:)``,
    /// with the same numbers) and forecast in bulk: the leverage of a forecast year is computed once for
    /// the batch, each series adds a dot product, a square root and the inverse transform. Batches run in
    /// parallel; each writes only its own series' columns.
    public static func forecastColumns(_ series: [TrendSeries], family: TrendFamily, options: TrendOptions = .init(),
                                       years forecastYears: [Int], levels: [Double] = [0.8, 0.95]) -> TrendColumns {
        let m = series.count, h = forecastYears.count
        let p = family == .drift || family == .endpointCAGR ? 1
            : (family == .damped ? 2 : 1 + family.degree) + options.levelShiftYears.count
        let out = ColumnBuffers(parameters: p, years: h, levels: levels.count, series: m)
        defer { out.deallocate() }
        var placeholders = [Result<TrendFit, TrendError>?](repeating: nil, count: m)
        var chunks: [SharedYears] = []
        for group in groupBySharedYears(series, options: options, results: &placeholders) {
            for start in stride(from: 0, to: group.members.count, by: chunkSize) {
                let end = min(start + chunkSize, group.members.count)
                var chunk = SharedYears(years: group.years)
                chunk.members = Array(group.members[start..<end])
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
        for (s, problem) in placeholders.enumerated() { if case .failure(let e)? = problem { errors[s] = e } }
        for chunk in chunkErrors { errors.merge(chunk) { first, _ in first } }
        return TrendColumns(family: family, seriesIDs: series.map(\.id), forecastYears: forecastYears, levels: levels,
                            parameters: out.matrix(out.parameters, rows: p), standardErrors: out.matrix(out.standardErrors, rows: p),
                            aicc: Array(out.aicc), point: out.matrix(out.point, rows: h),
                            lower: out.lower.map { out.matrix($0, rows: h) }, upper: out.upper.map { out.matrix($0, rows: h) },
                            errors: errors)
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

/// Column-major output buffers that parallel batches fill at disjoint series columns.
final class ColumnBuffers: @unchecked Sendable {
    let parameters: UnsafeMutableBufferPointer<Double>
    let standardErrors: UnsafeMutableBufferPointer<Double>
    let aicc: UnsafeMutableBufferPointer<Double>
    let point: UnsafeMutableBufferPointer<Double>
    let lower: [UnsafeMutableBufferPointer<Double>]
    let upper: [UnsafeMutableBufferPointer<Double>]
    let series: Int

    init(parameters p: Int, years h: Int, levels: Int, series m: Int) {
        func make(_ count: Int) -> UnsafeMutableBufferPointer<Double> {
            let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, count))
            b.initialize(repeating: .nan)
            return b
        }
        parameters = make(p * m); standardErrors = make(p * m); aicc = make(m); point = make(h * m)
        lower = (0..<levels).map { _ in make(h * m) }; upper = (0..<levels).map { _ in make(h * m) }
        series = m
    }

    func matrix(_ buffer: UnsafeMutableBufferPointer<Double>, rows: Int) -> Matrix {
        Matrix(rows: rows, columns: series, storage: Array(buffer.prefix(rows * series)))
    }

    func deallocate() {
        for b in [parameters, standardErrors, aicc, point] + lower + upper { b.deallocate() }
    }
}
