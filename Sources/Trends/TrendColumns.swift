import Common
import Foundation
import LeastSquares

/// Forecasts of many series by one family, as matrices: what projecting a whole statistical yearbook needs,
/// without building a fit object per series.
///
/// Every matrix has a row per series, like a wide table: `parameters` and `standardErrors` a column per
/// coefficient, `point`, `lower` and `upper` a column per forecast year. Point forecasts of the log and logit
/// families are medians, as in ``TrendForecast``.
public struct TrendColumns: Sendable {
    public let family: TrendFamily
    /// Each row's series id.
    public var seriesIDs: [String] { rows.ids }
    /// What was fitted, kept whole (copying a hundred thousand ids would cost more than some fits).
    let rows: Rows
    public let forecastYears: [Int]
    /// Interval levels of `lower` and `upper`, in order.
    public let levels: [Double]
    /// Parameters and standard errors on the fitted scale (NaN where the fit failed).
    public let parameters: Matrix
    public let standardErrors: Matrix
    /// AICc on the original scale per series (NaN where it failed or the family has none).
    public let aicc: [Double]
    public let point: Matrix
    public let lower: [Matrix]
    public let upper: [Matrix]
    /// Series that could not be fitted, by row, with the reason.
    public let errors: [Int: TrendError]

    /// The series of the rows, as given: one by one or as a table.
    enum Rows: Sendable {
        case series([TrendSeries])
        case table(TrendTable)

        var count: Int {
            switch self {
            case .series(let series): series.count
            case .table(let table): table.count
            }
        }

        var ids: [String] {
            switch self {
            case .series(let series): series.map(\.id)
            case .table(let table): table.ids
            }
        }

        /// Whether every usable value of row `s` (finite, in a year not excluded) is positive.
        func isPositive(_ s: Int, excluding excluded: Set<Int>) -> Bool {
            switch self {
            case .series(let series):
                return zip(series[s].years, series[s].values).allSatisfy { year, v in !v.isFinite || excluded.contains(year) || v > 0 }
            case .table(let table):
                return table.years.indices.allSatisfy { i in
                    let v = table.values[s, i]
                    return !v.isFinite || v > 0 || (!excluded.isEmpty && excluded.contains(table.years[i]))
                }
            }
        }

        /// Row `s` as a series.
        func series(_ s: Int) -> TrendSeries {
            switch self {
            case .series(let series): series[s]
            case .table(let table): table.series(s)
            }
        }
    }
}

extension TrendFitter {
    /// Fits `family` to every series and forecasts `forecastYears` with central intervals at `levels`.
    ///
    /// Under a family whose design does not depend on the series, series observed in the same years go
    /// through ``FixedDesignForecaster``: one factorization per set of years, then eight series at a time, in
    /// parallel. The rest (and every series of the other families) are fitted in one batch per shared usable
    /// years and grid point (as ``fit(_:family:options:)``, with the same numbers) and forecast in bulk: the
    /// leverage of a forecast year is computed once for the batch, each series adds a dot product, a square
    /// root and the inverse transform. Batches run in parallel; each writes only its own series' rows.
    public static func forecastColumns(_ series: [TrendSeries], family: TrendFamily, options: TrendOptions = .init(),
                                       years forecastYears: [Int], levels: [Double] = [0.8, 0.95]) -> TrendColumns {
        forecastColumns(.series(series), family: family, options: options, years: forecastYears, levels: levels) { out in
            // Usually every series has the same years: then no grouping at all.
            let first = series.first?.years ?? []
            let groups = series.allSatisfy({ $0.years == first }) ? [(key: first, members: Array(series.indices))]
                : groupedInOrder(series.count, by: { series[$0].years })
            var rest: [Int] = []
            for (years, members) in groups {
                guard let fast = FixedDesignForecaster(family: family, options: options, years: years, forecastYears: forecastYears, levels: levels)
                else { rest += members; continue }
                rest += fast.forecast(members, of: series, into: out).map { members[$0] }
            }
            return rest.sorted()
        }
    }

    /// ``forecastColumns(_:family:options:years:levels:)`` for a table of series observed in the same years,
    /// read in place: the layout of the numbers a fixed-design family needs, so the fastest way in.
    /// - Parameter kernel: whether fixed-design families go through the C kernel (``FixedDesignForecaster``),
    ///   which agrees with `TrendFitter.fit` and `TrendFit.forecast` to about 1e-15 relative but not bit for bit;
    ///   false fits every series as they do (in one batch per shared years), so every number is theirs exactly.
    public static func forecastColumns(_ table: TrendTable, family: TrendFamily, options: TrendOptions = .init(),
                                       years forecastYears: [Int], levels: [Double] = [0.8, 0.95], kernel: Bool = true) -> TrendColumns {
        forecastColumns(.table(table), family: family, options: options, years: forecastYears, levels: levels, kernel: kernel) { out in
            guard let fast = FixedDesignForecaster(family: family, options: options, years: table.years, forecastYears: forecastYears, levels: levels)
            else { return Array(0..<table.count) }
            return fast.forecast(table, into: out)
        }
    }

    /// The part of both entry points after the fast path: `fast` fills the rows it can (when the family has a
    /// fixed design) and returns the others, in order, which the general path fits or rejects.
    private static func forecastColumns(_ rows: TrendColumns.Rows, family: TrendFamily, options: TrendOptions, years forecastYears: [Int],
                                        levels: [Double], kernel: Bool = true, fast: (ColumnBuffers) -> [Int]) -> TrendColumns {
        let m = rows.count, h = forecastYears.count
        let p = family.coefficientCount(levelShifts: options.levelShiftYears.count)
        var errors: [Int: TrendError] = [:]
        let columns = ColumnBuffers.filled(parameters: p, years: h, levels: levels.count, series: m) { out in
            let rest = kernel && FixedDesignForecaster.applies(to: family, options: options) ? fast(out) : Array(0..<m)
            errors = forecastGrouped(rest.map(rows.series), rows: rest, family: family, options: options, forecastYears: forecastYears,
                                     levels: levels, parameterCount: p, into: out)
            // The bounds of the quantity, as every single fit keeps them (``TrendOptions/bounds(for:)``); the log
            // and logit families keep them by their transform, the chosen-scale ones were fitted one by one.
            guard !family.hasChosenScale else { return }
            let transform = family.transform(cap: options.cap)
            if let upper = options.upperBound {
                if case .logit(let cap) = transform, cap <= upper { return }
                Parallel.forEach(m) { s in out.clamp(s, to: 0...upper) }
            } else if options.positiveStaysPositive, transform == .identity {
                Parallel.forEach(m) { s in if rows.isPositive(s, excluding: options.excludedYears) { out.clamp(s, to: 0...Double.infinity) } }
            }
        }
        return TrendColumns(family: family, rows: rows, forecastYears: forecastYears, levels: levels,
                            parameters: Matrix(rows: m, columns: p, storage: columns.parameters),
                            standardErrors: Matrix(rows: m, columns: p, storage: columns.standardErrors),
                            aicc: columns.aicc, point: Matrix(rows: m, columns: h, storage: columns.point),
                            lower: columns.lower.map { Matrix(rows: m, columns: h, storage: $0) },
                            upper: columns.upper.map { Matrix(rows: m, columns: h, storage: $0) },
                            errors: errors)
    }

    /// Fits and forecasts `series` (series k into row `rows[k]`) in batches of shared years, after clearing their
    /// rows; returns the failures by row.
    private static func forecastGrouped(_ series: [TrendSeries], rows: [Int], family: TrendFamily, options: TrendOptions,
                                        forecastYears: [Int], levels: [Double], parameterCount p: Int, into out: ColumnBuffers) -> [Int: TrendError] {
        for s in rows { out.clear(s) }
        guard !series.isEmpty else { return [:] }
        var placeholders = [Result<TrendFit, TrendError>?](repeating: nil, count: series.count)
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
        let chunkErrors = Parallel.map(batches.count) { c in
            forecastBatch(batches[c], series: series, rows: rows, family: family, options: options,
                          forecastYears: forecastYears, levels: levels, parameterCount: p, into: out)
        }

        var errors: [Int: TrendError] = [:]
        for (k, problem) in placeholders.enumerated() { if case .failure(let e)? = problem { errors[rows[k]] = e } }
        for chunk in chunkErrors { errors.merge(chunk) { first, _ in first } }
        return errors
    }

    /// Fits and forecasts one batch of series sharing their years; returns the failures by series index.
    private static func forecastBatch(_ group: SharedYears, series: [TrendSeries], rows: [Int], family: TrendFamily, options: TrendOptions,
                                      forecastYears: [Int], levels: [Double], parameterCount p: Int, into out: ColumnBuffers) -> [Int: TrendError] {
        let ids = group.members.map { series[$0].id }
        let h = forecastYears.count
        var errors: [Int: TrendError] = [:]
        guard family.isRegression else {
            // No shared regression: forecast fit by fit.
            for (k, result) in fitGroup(years: group.years, ids: ids, values: group.values, family: family, options: options).enumerated() {
                let s = rows[group.members[k]]
                switch result {
                case .failure(let e): errors[s] = e
                case .success(let fit):
                    for j in 0..<p { out.parameters[out.cell(s, j)] = fit.parameters[j]; out.standardErrors[out.cell(s, j)] = fit.standardErrors[j] }
                    let f = fit.forecast(forecastYears)
                    for t in 0..<h { out.point[out.cell(s, t)] = f.point[t] }
                    for (l, level) in levels.enumerated() {
                        guard let intervals = f.intervals(level: level) else { continue }
                        for t in 0..<h { out.lower[l][out.cell(s, t)] = intervals[t].lower; out.upper[l][out.cell(s, t)] = intervals[t].upper }
                    }
                }
            }
            return errors
        }
        let kernel = kernel(years: group.years, ids: ids, values: group.values, family: family, options: options)
        for (k, e) in kernel.errors { errors[rows[group.members[k]]] = e }
        let quantiles = levels.map { StudentTQuantiles.upper(level: $0, degreesOfFreedom: kernel.degreesOfFreedom) }
        let predictions = kernel.grid.map { grid in
            let model = TrendModel(family: family, origin: group.years.last!, firstYear: group.years[0], transform: .identity,
                                   dampingFactor: grid.dampingFactor, levelShiftYears: options.levelShiftYears)
            return grid.fit.predictAll(at: forecastYears.map(model.regressors))
        }
        for (k, best) in kernel.best.enumerated() {
            guard let best else { continue }
            let s = rows[group.members[k]], fit = kernel.grid[best.grid].fit, column = best.column
            let transform = kernel.grid[best.grid].transforms[column]
            let variance = fit.residualVariance(column)
            for j in 0..<p { out.parameters[out.cell(s, j)] = fit.parameters[j, column]; out.standardErrors[out.cell(s, j)] = fit.standardError(j, column) }
            out.aicc[s] = InformationCriteria.aicc(logLikelihood: best.logLikelihood, parameters: kernel.coefficients + 1 + kernel.profiled,
                                                   observations: group.years.count)
            let prediction = predictions[best.grid]
            var leverage = prediction.ownLeverage[column] ?? prediction.leverage
            if let jacobian = kernel.jacobian(k), let model = kernel.model(k) {
                leverage = forecastYears.map { jacobian.leverage(model.jacobianRegressors($0)) }
            }
            for t in 0..<h {
                // The one definition of a forecast's median and intervals (bounds are applied to all rows after).
                let distribution = PredictiveDistribution(location: prediction.mean[t, column], scale: (variance * (1 + leverage[t])).squareRoot(),
                                                          degreesOfFreedom: kernel.degreesOfFreedom, transform: transform)
                out.point[out.cell(s, t)] = distribution.median
                for l in levels.indices {
                    let interval = distribution.interval(quantile: quantiles[l])
                    out.lower[l][out.cell(s, t)] = interval.lower
                    out.upper[l][out.cell(s, t)] = interval.upper
                }
            }
        }
        return errors
    }
}

/// Output buffers of ``TrendColumns``' matrices (a row per series, column-major) that parallel workers fill at
/// disjoint series rows (``DisjointWrites``).
struct ColumnBuffers: Sendable {
    let parameters: DisjointWrites<Double>
    let standardErrors: DisjointWrites<Double>
    let aicc: DisjointWrites<Double>
    let point: DisjointWrites<Double>
    let lower: [DisjointWrites<Double>]
    let upper: [DisjointWrites<Double>]
    let parameterCount: Int
    let yearCount: Int
    let seriesCount: Int

    /// Where series `s`'s cell in column `j` (a coefficient or a forecast year) of a matrix is.
    func cell(_ s: Int, _ j: Int) -> Int { j * seriesCount + s }

    /// Marks series `s` as not fitted (yet): NaN in all its cells.
    func clear(_ s: Int) {
        for j in 0..<parameterCount { parameters[cell(s, j)] = .nan; standardErrors[cell(s, j)] = .nan }
        aicc[s] = .nan
        for t in 0..<yearCount {
            point[cell(s, t)] = .nan
            for l in lower.indices { lower[l][cell(s, t)] = .nan; upper[l][cell(s, t)] = .nan }
        }
    }

    /// Moves series `s`'s point forecasts and bounds into `bounds` (NaN stays NaN).
    func clamp(_ s: Int, to bounds: ClosedRange<Double>) {
        func inside(_ buffer: DisjointWrites<Double>, _ i: Int) {
            let v = buffer[i]
            if v < bounds.lowerBound { buffer[i] = bounds.lowerBound } else if v > bounds.upperBound { buffer[i] = bounds.upperBound }
        }
        for t in 0..<yearCount {
            inside(point, cell(s, t))
            for l in lower.indices { inside(lower[l], cell(s, t)); inside(upper[l], cell(s, t)) }
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
                let shared = buffers.map(DisjointWrites.init)
                body(ColumnBuffers(parameters: shared[0], standardErrors: shared[1], aicc: shared[2], point: shared[3],
                                   lower: Array(shared[4..<(4 + levels)]), upper: Array(shared[(4 + levels)...]),
                                   parameterCount: p, yearCount: h, seriesCount: m))
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
