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

        /// Whether every usable value (finite, in a year not excluded) of each row of `block` is positive.
        func arePositive(_ block: Range<Int>, excluding excluded: Set<Int>) -> [Bool] {
            switch self {
            case .series(let series):
                return block.map { s in
                    zip(series[s].years, series[s].values).allSatisfy { year, v in !v.isFinite || excluded.contains(year) || v > 0 }
                }
            case .table(let table):
                // Year by year over the block: the table is stored a year at a time.
                var positive = [Bool](repeating: true, count: block.count)
                for i in table.years.indices where excluded.isEmpty || !excluded.contains(table.years[i]) {
                    for s in block where positive[s - block.lowerBound] {
                        let v = table.values[s, i]
                        if v.isFinite && !(v > 0) { positive[s - block.lowerBound] = false }
                    }
                }
                return positive
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
            errors = forecastGrouped(rows, rest, family: family, options: options, forecastYears: forecastYears, levels: levels,
                                     parameterCount: p, into: out)
            // The bounds of the quantity, as every single fit keeps them (``TrendOptions/bounds(for:)``); the log
            // and logit families keep them by their transform, the chosen-scale ones were fitted one by one.
            guard !family.hasChosenScale else { return }
            let transform = family.transform(cap: options.cap)
            if let upper = options.upperBound {
                if case .logit(let cap) = transform, cap <= upper { return }
                out.forEachBlock { cells, block in for s in block { cells.clamp(s, to: 0...upper) } }
            } else if options.positiveStaysPositive, transform == .identity {
                out.forEachBlock { cells, block in
                    for (s, positive) in zip(block, rows.arePositive(block, excluding: options.excludedYears)) where positive {
                        cells.clamp(s, to: 0...Double.infinity)
                    }
                }
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

    /// Fits and forecasts rows `selected` in batches of shared usable years, after clearing them (a batch its own
    /// rows, in parallel); returns the failures by row.
    private static func forecastGrouped(_ rows: TrendColumns.Rows, _ selected: [Int], family: TrendFamily, options: TrendOptions,
                                        forecastYears: [Int], levels: [Double], parameterCount p: Int, into out: ColumnBuffers) -> [Int: TrendError] {
        guard !selected.isEmpty else { return [:] }
        var errors: [Int: TrendError] = [:]
        let batches = RowBatch.cut(rows, selected, options: options, errors: &errors)
        for s in errors.keys { out.cells.clear(s) }
        let chunkErrors = Parallel.map(batches.count) { c in
            let batch = batches[c], cells = out.cells
            for s in batch.rows { cells.clear(s) }
            return forecastBatch(years: batch.years, ids: batch.ids(rows), rows: batch.rows, values: batch.values(rows), family: family,
                                 options: options, forecastYears: forecastYears, levels: levels, parameterCount: p, into: out)
        }
        for chunk in chunkErrors { errors.merge(chunk) { first, _ in first } }
        return errors
    }

    /// Fits and forecasts one batch of series sharing their years (series k, of id `ids[k]` and usable values
    /// `values[k]`, into row `rows[k]`); returns the failures by row.
    private static func forecastBatch(years: [Int], ids: [String], rows: [Int], values: [[Double]], family: TrendFamily, options: TrendOptions,
                                      forecastYears: [Int], levels: [Double], parameterCount p: Int, into out: ColumnBuffers) -> [Int: TrendError] {
        let h = forecastYears.count, out = out.cells
        var errors: [Int: TrendError] = [:]
        guard family.isRegression else {
            // No shared regression: forecast fit by fit.
            for (k, result) in fitGroup(years: years, ids: ids, values: values, family: family, options: options).enumerated() {
                let s = rows[k]
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
        let kernel = kernel(years: years, ids: ids, values: values, family: family, options: options)
        for (k, e) in kernel.errors { errors[rows[k]] = e }
        // Nothing fitted (every series too short, say): no degrees of freedom to take quantiles at.
        guard kernel.best.contains(where: { $0 != nil }) else { return errors }
        let quantiles = levels.map { StudentTQuantiles.upper(level: $0, degreesOfFreedom: kernel.degreesOfFreedom) }
        let predictions = kernel.grid.map { grid in
            let model = TrendModel(family: family, origin: years.last!, firstYear: years[0], transform: .identity,
                                   dampingFactor: grid.dampingFactor, levelShiftYears: options.levelShiftYears)
            return grid.fit.predictAll(at: forecastYears.map(model.regressors))
        }
        // Series by series, one grid point at a time: each point's fit and predictions are taken out once, not per series.
        for (g, grid) in kernel.grid.enumerated() {
            let fit = grid.fit, prediction = predictions[g]
            for (k, best) in kernel.best.enumerated() where best?.grid == g {
                let s = rows[k], column = best!.column
                let transform = grid.transforms[column]
                let variance = fit.residualVariance(column)
                for j in 0..<p { out.parameters[out.cell(s, j)] = fit.parameters[j, column]; out.standardErrors[out.cell(s, j)] = fit.standardError(j, column) }
                out.aicc[s] = InformationCriteria.aicc(logLikelihood: best!.logLikelihood, parameters: kernel.coefficients + 1 + kernel.profiled,
                                                       observations: years.count)
                var leverage = prediction.ownLeverage[column] ?? prediction.leverage
                if let jacobian = grid.jacobian, let model = kernel.model(k) {
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
        }
        return errors
    }
}

/// The matrices of ``TrendColumns`` being filled (a row per series, column-major), each held by a handle `Cells`:
/// shared by parallel workers as ``DisjointWrites`` (``ColumnBuffers``), or by address in one worker's loop
/// (``ColumnCells``).
struct ColumnSet<Cells> {
    let parameters: Cells
    let standardErrors: Cells
    let aicc: Cells
    let point: Cells
    let lower: [Cells]
    let upper: [Cells]
    let parameterCount: Int
    let yearCount: Int
    let seriesCount: Int

    /// Where series `s`'s cell in column `j` (a coefficient or a forecast year) of a matrix is.
    func cell(_ s: Int, _ j: Int) -> Int { j * seriesCount + s }

    /// The same matrices, each held by `handle(cells)`.
    func map<Other>(_ handle: (Cells) -> Other) -> ColumnSet<Other> {
        ColumnSet<Other>(parameters: handle(parameters), standardErrors: handle(standardErrors), aicc: handle(aicc), point: handle(point),
                         lower: lower.map(handle), upper: upper.map(handle), parameterCount: parameterCount, yearCount: yearCount,
                         seriesCount: seriesCount)
    }
}

extension ColumnSet: Sendable where Cells: Sendable {}

/// Output buffers of ``TrendColumns``' matrices that parallel workers fill at disjoint series rows.
typealias ColumnBuffers = ColumnSet<DisjointWrites<Double>>

/// ``ColumnBuffers`` by address, made by a worker for its own loop over the series it writes (each by one
/// worker only, as `DisjointWrites` requires): its subscripts are generic calls outside their module, which
/// millions of cells notice, and an array of buffers shared by the workers would be retained at each cell.
typealias ColumnCells = ColumnSet<UnsafeMutablePointer<Double>>

extension ColumnSet where Cells == DisjointWrites<Double> {
    /// Marks series `s` as not fitted (yet): NaN in all its cells.
    func clear(_ s: Int) { cells.clear(s) }

    /// The buffers by address, for a worker writing its own series' rows.
    var cells: ColumnCells {
        // An empty buffer (no coefficients) may have no address; none of its cells is ever written.
        map { $0.baseAddress ?? UnsafeMutablePointer(bitPattern: MemoryLayout<Double>.alignment)! }
    }

    /// Calls `body` with the cells and every block of neighbouring series, blocks in parallel: a worker's rows
    /// share cache lines with no other worker's.
    func forEachBlock(_ body: @Sendable (ColumnCells, Range<Int>) -> Void) {
        let block = 4096
        Parallel.forEach((seriesCount + block - 1) / block) { b in
            body(cells, (b * block)..<min(seriesCount, (b + 1) * block))
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

extension ColumnSet where Cells == UnsafeMutablePointer<Double> {
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
        func inside(_ buffer: UnsafeMutablePointer<Double>, _ i: Int) {
            let v = buffer[i]
            if v < bounds.lowerBound { buffer[i] = bounds.lowerBound } else if v > bounds.upperBound { buffer[i] = bounds.upperBound }
        }
        for t in 0..<yearCount {
            inside(point, cell(s, t))
            for l in lower.indices { inside(lower[l], cell(s, t)); inside(upper[l], cell(s, t)) }
        }
    }
}

/// One batch of ``TrendFitter/forecastColumns(_:family:options:years:levels:)``' general path: rows whose series
/// share their usable years, at most `TrendFitter.chunkSize` of them, cut from their group in first-seen order as
/// `TrendFitter.fit` cuts it, so every number is the same. A table's complete rows (every value finite) need no
/// series of their own: their values are read from the table when the batch runs.
struct RowBatch: Sendable {
    let years: [Int]
    /// The rows, increasing.
    let rows: [Int]
    /// Each row's usable values; nil for complete rows of a table, read at its columns `columns`.
    private let given: [[Double]]?
    private let columns: [Int]

    /// The ids of the rows.
    func ids(_ source: TrendColumns.Rows) -> [String] {
        switch source {
        case .series(let series): rows.map { series[$0].id }
        case .table(let table): rows.map { table.ids[$0] }
        }
    }

    /// The usable values of each row.
    func values(_ source: TrendColumns.Rows) -> [[Double]] {
        if let given { return given }
        guard case .table(let table) = source else { preconditionFailure("only a table's rows are read in place") }
        return rows.map { s in columns.map { table.values[s, $0] } }
    }

    /// The batches of rows `selected` of `source`; a row whose series has no usable years gets its error in `errors`.
    static func cut(_ source: TrendColumns.Rows, _ selected: [Int], options: TrendOptions, errors: inout [Int: TrendError]) -> [RowBatch] {
        var batches: [RowBatch] = []
        func append(_ years: [Int], _ members: [Int], given: (Range<Int>) -> [[Double]]?, columns: [Int] = []) {
            for start in stride(from: 0, to: members.count, by: TrendFitter.chunkSize) {
                let range = start..<min(start + TrendFitter.chunkSize, members.count)
                batches.append(RowBatch(years: years, rows: members[range].map { selected[$0] }, given: given(range), columns: columns))
            }
        }
        if case .table(let table) = source, let columns = table.usableColumns(excluding: options.excludedYears) {
            let years = columns.map { table.years[$0] }
            var usable: [Int: [Double]] = [:]
            let groups = TrendFitter.groupedInOrder(selected.count) { k -> [Int]? in
                let s = selected[k]
                if columns.allSatisfy({ table.values[s, $0].isFinite }) { return years }
                do throws(TrendError) {
                    let one = try table.series(s).usable(excluding: options.excludedYears)
                    usable[k] = one.values
                    return one.years
                } catch {
                    errors[s] = error
                    return nil
                }
            }
            for group in groups {
                let complete = usable[group.members[0]] == nil
                append(group.key, group.members, given: { complete ? nil : group.members[$0].map { usable[$0]! } }, columns: complete ? columns : [])
            }
            return batches
        }
        let series = selected.map(source.series)
        var results = [Result<TrendFit, TrendError>?](repeating: nil, count: series.count)
        for group in TrendFitter.groupBySharedYears(series, options: options, results: &results) {
            append(group.years, group.members, given: { Array(group.values[$0]) })
        }
        for (k, result) in results.enumerated() { if case .failure(let error)? = result { errors[selected[k]] = error } }
        return batches
    }
}

extension TrendTable {
    /// The columns a complete row's fit uses, those of years not excluded, when its usable years are exactly
    /// theirs (every year supported and increasing, one left); nil otherwise.
    func usableColumns(excluding excluded: Set<Int>) -> [Int]? {
        guard years.allSatisfy(YearRange.contains), zip(years, years.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
        let columns = years.indices.filter { !excluded.contains(years[$0]) }
        return columns.isEmpty ? nil : columns
    }
}
