import Common
import Dispatch
import Foundation
import LeastSquares
import Studies
import Trends

/// One simulated quantity: where its paths start and how they move each year.
///
/// On the `logarithmic` scale a path is `log y_year = log y_{year−1} + drift + shock·ε` (log-growth shocks),
/// so it stays positive; on the `logit` scale the recursion runs on `log(y / (cap − y))`, so a share stays in
/// (0, cap) path by path; on the `additive` scale it runs on y itself (growth rates, which may go negative,
/// and series that touch zero), and `bounds` censor the values read.
public struct SimulatedSeries: Sendable {
    public enum Scale: Sendable, Equatable {
        case logarithmic
        case additive
        case logit(cap: Double)

        /// The transform from values to the scale the recursion runs on.
        public var transform: ResponseTransform {
            switch self {
            case .logarithmic: return .log
            case .additive: return .identity
            case .logit(let cap): return .logit(cap: cap)
            }
        }
    }

    public let id: String
    public let scale: Scale
    /// Limits applied to the values of an additive series when they are read (a level never below 0, a share
    /// that has touched 0 or its cap kept within them); nil ends are open.
    public let bounds: (lower: Double?, upper: Double?)
    /// Last known year and value: paths start here.
    public let startYear: Int
    public let startValue: Double
    /// Drift (log growth, or change) for each year after `startYear` up to the engine's last year.
    public let drift: [Double]
    /// Standard deviation of the yearly shock, same years.
    public let shockSD: [Double]

    public init(id: String, scale: Scale, startYear: Int, startValue: Double, drift: [Double], shockSD: [Double],
                bounds: (lower: Double?, upper: Double?) = (nil, nil)) {
        precondition(drift.count == shockSD.count, "One shock SD per drift")
        precondition(scale.transform.accepts(startValue), "The start value \(startValue) lies outside the \(scale) scale")
        self.id = id
        self.scale = scale
        self.bounds = bounds
        self.startYear = startYear
        self.startValue = startValue
        self.drift = drift
        self.shockSD = shockSD
    }
}

/// Paths of several series with correlated yearly shocks.
///
/// Shocks for a year are `L z` with `L` the Cholesky factor of the correlation matrix and `z` standard
/// normal. Paths are drawn in blocks of `blockSize`; block `b` uses `RandomStream(seed, stream: b)`, so
/// the paths are the same whatever the number of threads, and blocks run in parallel.
public struct MonteCarlo: Sendable {
    public let series: [SimulatedSeries]
    /// Cholesky factor (lower triangle) of the shock correlation matrix, by its nonzero entries.
    let cholesky: SparseCorrelation.Factor
    public let pathCount: Int
    public let seed: UInt64
    public let lastYear: Int
    public static let blockSize = 1024
    /// Paths of a block that advance together in the inner loop (their draws fit in the core's cache).
    static let pathsPerStep = 64

    /// The most memory the stored paths may take: 1 GB, an eighth of a small laptop's memory. A study
    /// with more series or years allows fewer paths; the error says how many.
    public static let memoryLimit = 1_000_000_000

    /// - Throws: `SimulationError.correlationNotPositiveDefinite` when `correlation` has no Cholesky factor;
    ///   `.pathsOutOfRange` or `.tooMuchMemory` when the paths are not in `ScenarioSpec.Uncertainty.pathRange`
    ///   or would take more than ``memoryLimit``.
    public init(series: [SimulatedSeries], correlation: Matrix, paths: Int, seed: UInt64, lastYear: Int) throws(SimulationError) {
        precondition(correlation.rows == series.count && correlation.columns == series.count, "One correlation row per series")
        try self.init(series: series, correlation: SparseCorrelation(correlation), paths: paths, seed: seed, lastYear: lastYear)
    }

    /// ``init(series:correlation:paths:seed:lastYear:)`` with the correlations as their nonzero entries, so that
    /// a study of thousands of indicators, most uncorrelated, needs no matrix of the square of their number.
    public init(series: [SimulatedSeries], correlation: SparseCorrelation, paths: Int, seed: UInt64, lastYear: Int) throws(SimulationError) {
        precondition(correlation.dimension == series.count, "One correlation row per series")
        try self.init(series: series, factor: correlation.choleskyFactor(), paths: paths, seed: seed, lastYear: lastYear)
    }

    /// The simulation from the correlations' factor already computed (a run finds it while shrinking them;
    /// nil when the correlations have none).
    init(series: [SimulatedSeries], factor: SparseCorrelation.Factor?, paths: Int, seed: UInt64, lastYear: Int) throws(SimulationError) {
        guard ScenarioSpec.Uncertainty.pathRange.contains(paths) else { throw .pathsOutOfRange(paths) }
        let valuesPerPath = series.reduce(0) { $0 + $1.drift.count }
        if Double(paths) * Double(valuesPerPath) * 8 > Double(Self.memoryLimit) {
            throw .tooMuchMemory(paths: paths, valuesPerPath: valuesPerPath, limit: Self.memoryLimit)
        }
        guard let factor else { throw .correlationNotPositiveDefinite }
        precondition(factor.rowStarts.count == series.count + 1, "One correlation row per series")
        self.series = series
        self.cholesky = factor
        self.pathCount = paths
        self.seed = seed
        self.lastYear = lastYear
    }

    /// The simulated paths. Values are kept on each series' simulation scale (log levels for logarithmic
    /// series) and converted on request, so a caller that needs one year pays for one year.
    public struct Paths: Sendable {
        public let pathCount: Int
        public let series: [SimulatedSeries]
        /// Series `i`, step `k` (year `startYear + 1 + k`): `scaled[starts[i][k] ..< starts[i][k] + pathCount]`,
        /// `starts[i][k] < 0` when that year was not stored.
        let scaled: [Double]
        let starts: [[Int]]

        /// The paths of series `i` in `year` on the simulation scale (log levels for logarithmic series);
        /// empty when the year is not simulated or not stored.
        public func scaledValues(_ i: Int, year: Int) -> ArraySlice<Double> {
            let k = year - series[i].startYear - 1
            guard k >= 0, k < series[i].drift.count, starts[i][k] >= 0 else { return [] }
            return scaled[starts[i][k]..<(starts[i][k] + pathCount)]
        }

        /// The paths of series `i` in `year` on the original scale (empty when the year is not simulated),
        /// within the series' bounds.
        public func values(_ i: Int, year: Int) -> [Double] {
            let slice = scaledValues(i, year: year)
            let s = series[i]
            switch s.scale {
            case .logarithmic, .logit: return slice.map(s.scale.transform.inverse)
            case .additive:
                guard s.bounds.lower != nil || s.bounds.upper != nil else { return Array(slice) }
                let lower = s.bounds.lower ?? -.infinity, upper = s.bounds.upper ?? .infinity
                return slice.map { Swift.min(upper, Swift.max(lower, $0)) }
            }
        }
    }

    /// Draws every path, spreading blocks over `threads` threads (all cores by default).
    /// - Parameter storing: the years whose values are kept (all by default); a caller that needs only the
    ///   target year saves the memory of the others.
    /// - Complexity: O(paths × years × (series + nonzero correlations)) for the correlated shocks.
    public func run(threads: Int = ProcessInfo.processInfo.activeProcessorCount, storing years: Set<Int>? = nil) -> Paths {
        let k = series.count
        let firstYear = (series.map(\.startYear).min() ?? lastYear) + 1
        let yearCount = max(0, lastYear - firstYear + 1)
        var startTable: [[Int]] = [], total = 0
        for s in series {
            var starts: [Int] = []
            for step in s.drift.indices {
                if years?.contains(s.startYear + 1 + step) ?? true { starts.append(total); total += self.pathCount } else { starts.append(-1) }
            }
            startTable.append(starts)
        }
        // Flat, read-only copies of the plan for the inner loop: drift and shock SD per (series, year),
        // 0 and −1 before a series starts (−1 marks "not simulated yet").
        var driftTable = [Double](repeating: 0, count: k * yearCount), shockTable = [Double](repeating: -1, count: k * yearCount)
        for (i, s) in series.enumerated() {
            for y in 0..<yearCount {
                let step = firstYear + y - s.startYear - 1
                if step >= 0 && step < s.drift.count { driftTable[i * yearCount + y] = s.drift[step]; shockTable[i * yearCount + y] = s.shockSD[step] }
            }
        }
        // The factor's nonzero entries row by row (j increasing): an indicator uncorrelated with the others
        // costs one product, not k (the zero products the dense sum would add change nothing).
        let (rowStarts, factorColumns, factorTable) = (cholesky.rowStarts, cholesky.columns, cholesky.values)
        let start = series.map { $0.scale.transform.forward($0.startValue) }
        let blocks = (pathCount + Self.blockSize - 1) / Self.blockSize
        let (pathCount, seed) = (self.pathCount, self.seed)
        // Where each (series, year) is stored, −1 when it is not.
        var slotTable = [Int](repeating: -1, count: k * yearCount)
        for (i, s) in series.enumerated() {
            for y in 0..<yearCount {
                let step = firstYear + y - s.startYear - 1
                if step >= 0 && step < s.drift.count { slotTable[i * yearCount + y] = startTable[i][step] }
            }
        }
        let (drift, shock, factor, slots, rows, columns) = (driftTable, shockTable, factorTable, slotTable, rowStarts, factorColumns)
        let scaled = [Double](unsafeUninitializedCapacity: max(1, total)) { buffer, count in
            let out = DisjointWrites(buffer)
            // Each block's draws depend only on its index, and each block writes only its own paths' slots.
            Parallel.forEach(blocks, threads: threads) { b in
                var random = RandomStream(seed: seed, stream: UInt64(b))
                let first = b * Self.blockSize, last = min(pathCount, first + Self.blockSize)
                let draws = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, (last - first) * yearCount * k))
                defer { draws.deallocate() }
                random.fillStandardNormal(draws)
                let levels = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, k * Self.pathsPerStep))
                defer { levels.deallocate() }
                drift.withUnsafeBufferPointer { drift in
                shock.withUnsafeBufferPointer { shock in
                factor.withUnsafeBufferPointer { factor in
                rows.withUnsafeBufferPointer { rows in
                columns.withUnsafeBufferPointer { columns in
                slots.withUnsafeBufferPointer { slots in
                start.withUnsafeBufferPointer { start in
                    // Path p's draw for series j in year y is draws[((p − first)·years + y)·k + j], in the order
                    // the stream gives them. A few dozen paths advance together, a year and a series at a time,
                    // so each step is a loop over paths that stores its values contiguously; every path's
                    // arithmetic is the one-path recursion's, in the same order.
                    let stride = yearCount * k
                    for p0 in Swift.stride(from: first, to: last, by: Self.pathsPerStep) {
                        let n = min(last, p0 + Self.pathsPerStep) - p0
                        for i in 0..<k { for p in 0..<n { levels[i * Self.pathsPerStep + p] = start[i] } }
                        for y in 0..<yearCount {
                            let draw = draws.baseAddress! + ((p0 - first) * yearCount + y) * k
                            for i in 0..<k where shock[i * yearCount + y] >= 0 {
                                let (d, sd) = (drift[i * yearCount + y], shock[i * yearCount + y])
                                let level = levels.baseAddress! + i * Self.pathsPerStep
                                let (e0, e1) = (rows[i], rows[i + 1])
                                if e1 - e0 == 1 {
                                    // Correlated with no other series: one product.
                                    let (f, c) = (factor[e0], columns[e0])
                                    for p in 0..<n { level[p] += d + sd * (0.0 + f * draw[p * stride + c]) }
                                } else {
                                    for p in 0..<n {
                                        var correlated = 0.0
                                        for e in e0..<e1 { correlated += factor[e] * draw[p * stride + columns[e]] }
                                        level[p] += d + sd * correlated
                                    }
                                }
                                let slot = slots[i * yearCount + y]
                                if slot >= 0 { (out.baseAddress! + slot + p0).update(from: level, count: n) }
                            }
                        }
                    }
                }}}}}}}
            }
            count = total
        }
        return Paths(pathCount: pathCount, series: series, scaled: scaled, starts: startTable)
    }
}

/// A correlation matrix by its nonzero off-diagonal entries (the diagonal is 1): what a study's shocks have,
/// where only declared pairs, pairs estimated from residuals and the inputs of derived indicators are correlated.
public struct SparseCorrelation: Sendable {
    public struct Entry: Sendable, Equatable {
        /// `row > column`.
        public let row: Int, column: Int
        public let value: Double
    }

    public let dimension: Int
    /// The entries below the diagonal, in the order given.
    public let entries: [Entry]

    public init(dimension: Int, entries: [Entry]) {
        precondition(entries.allSatisfy { $0.row > $0.column && $0.column >= 0 && $0.row < dimension }, "Entries below the diagonal")
        self.dimension = dimension
        self.entries = entries
    }

    /// The nonzero entries below the diagonal of a symmetric matrix with a unit diagonal.
    public init(_ matrix: Matrix) {
        var entries: [Entry] = []
        for i in 0..<matrix.rows { for j in 0..<i where matrix[i, j] != 0 { entries.append(Entry(row: i, column: j, value: matrix[i, j])) } }
        self.init(dimension: matrix.rows, entries: entries)
    }

    /// Every correlation times `factor` (shrunk towards the identity).
    public func scaled(by factor: Double) -> SparseCorrelation {
        SparseCorrelation(dimension: dimension, entries: entries.map { Entry(row: $0.row, column: $0.column, value: $0.value * factor) })
    }

    /// The lower Cholesky factor by its nonzero entries, row by row, columns increasing.
    struct Factor: Sendable {
        var rowStarts: [Int]
        var columns: [Int]
        var values: [Double]
    }

    /// The lower Cholesky factor, or nil when the matrix is not positive definite.
    ///
    /// Indicators whose shocks are uncorrelated with every other (most of them) are blocks of their own: the
    /// factor is computed block by block (the connected groups of nonzero correlations, each in index order,
    /// as a small dense matrix), which gives the entries the dense algorithm gives (its other products are
    /// exact zeros) in time and memory that grow with the blocks, not with the square or cube of the indicators.
    func choleskyFactor() -> Factor? {
        let n = dimension
        var parent = Array(0..<n)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        for e in entries where e.value != 0 {
            let (x, y) = (root(e.row), root(e.column))
            if x != y { parent[max(x, y)] = min(x, y) }
        }
        var members: [Int: [Int]] = [:]
        for i in 0..<n { members[root(i), default: []].append(i) }
        // Each block's entries, by the block's root.
        var blockEntries: [Int: [Entry]] = [:]
        for e in entries where e.value != 0 { blockEntries[root(e.row), default: []].append(e) }
        var rows = [[(column: Int, value: Double)]](repeating: [], count: n)
        for (r, block) in members {
            let b = block.count
            if b == 1 { rows[block[0]] = [(block[0], 1)]; continue }
            var local: [Int: Int] = [:]
            for (q, i) in block.enumerated() { local[i] = q }
            var a = [Double](repeating: 0, count: b * b), l = [Double](repeating: 0, count: b * b)
            for q in 0..<b { a[q * b + q] = 1 }
            for e in blockEntries[r] ?? [] {
                let (i, j) = (local[e.row]!, local[e.column]!)
                a[i * b + j] = e.value
                a[j * b + i] = e.value
            }
            for j in 0..<b {
                var d = a[j * b + j]
                for k in 0..<j { d -= l[j * b + k] * l[j * b + k] }
                guard d > 0 else { return nil }
                l[j * b + j] = d.squareRoot()
                for i in (j + 1)..<max(j + 1, b) {
                    var s = a[i * b + j]
                    for k in 0..<j { s -= l[i * b + k] * l[j * b + k] }
                    l[i * b + j] = s / l[j * b + j]
                }
            }
            for i in 0..<b { for j in 0...i where l[i * b + j] != 0 { rows[block[i]].append((block[j], l[i * b + j])) } }
        }
        var factor = Factor(rowStarts: [0], columns: [], values: [])
        for row in rows {
            for (j, v) in row { factor.columns.append(j); factor.values.append(v) }
            factor.rowStarts.append(factor.columns.count)
        }
        return factor
    }
}

/// Problems the simulation itself can meet.
public enum SimulationError: Error, Equatable, Sendable, CustomStringConvertible {
    case correlationNotPositiveDefinite
    /// A scenario asked for by name that the study does not have.
    case unknownScenario(name: String, available: [String])
    /// A target or indicator asked for by id that the study does not have.
    case unknownTarget(id: String)
    case unknownIndicator(id: String)
    /// Goal seeking found no growth in its search range that meets the target.
    case noSolution(target: String, indicator: String, reason: String)
    /// Paths outside `ScenarioSpec.Uncertainty.pathRange`.
    case pathsOutOfRange(Int)
    /// The stored paths would take more memory than `MonteCarlo.memoryLimit` bytes.
    case tooMuchMemory(paths: Int, valuesPerPath: Int, limit: Int)
    /// A retrospective has no vintage to run (the study's base year is not before its target year, or the
    /// history ends before the base year).
    case noVintage(study: String, reason: String)

    public var description: String {
        switch self {
        case .correlationNotPositiveDefinite:
            return "The shock correlation matrix is not positive definite."
        case let .unknownScenario(name, available):
            return "The study has no scenario named \(name); it has \(available.joined(separator: ", "))."
        case let .unknownTarget(id):
            return "The study has no target with id \(id); `pathways targets` lists them."
        case let .unknownIndicator(id):
            return "The study has no indicator with id \(id)."
        case let .noSolution(target, indicator, reason):
            return "No constant growth of \(indicator) meets \(target): \(reason)."
        case let .pathsOutOfRange(paths):
            let range = ScenarioSpec.Uncertainty.pathRange
            return "Paths must be between \(range.lowerBound) and \(range.upperBound), not \(paths)."
        case let .tooMuchMemory(paths, perPath, limit):
            func gigabytes(_ bytes: Double) -> String { NumberText.fixed(bytes / 1e9, decimals: 1) + " GB" }
            let most = limit / (8 * max(1, perPath))
            return "\(paths) paths of this study (\(perPath) simulated values each) would take \(gigabytes(Double(paths) * Double(perPath) * 8)) "
                + "of memory; the limit is \(gigabytes(Double(limit))), so at most \(most) paths."
        case let .noVintage(study, reason):
            return "No retrospective of \(study): \(reason)."
        }
    }
}
