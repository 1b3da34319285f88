import Foundation
import LeastSquares
import Studies
import Trends

/// The correlation of two simulated indicators' yearly shocks in one scenario, and where it came from.
///
/// In order of precedence: the scenario's `correlation`, the study's declaration (a stated value or a growth
/// panel), the correlation of the two trends' standardized residuals over at least `minimumCommonYears`
/// years both observe; otherwise 0, said as such (`undeclared`), never silently.
public struct ShockCorrelation: Sendable, Equatable {
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        /// The scenario file's `correlation` entry.
        case scenario(file: String)
        /// A value stated in `study.yaml`, with its source text.
        case stated(source: String)
        /// Computed from a growth panel named in `study.yaml`, over `pairs` region-years.
        case growthPanel(file: String, pairs: Int)
        /// Estimated from the trends' residuals over `years` common years.
        case residuals(years: Int)
        /// Fewer common years than needed and nothing declared: 0 is used.
        case undeclared(commonYears: Int)

        public var description: String {
            switch self {
            case .scenario(let file): return "declared in \(file) (or a scenario it extends)"
            case .stated(let source): return "declared in study.yaml: \(source)"
            case .growthPanel(let file, let pairs): return "growth panel \(file) (\(pairs) region-years)"
            case .residuals(let years): return "trend residuals, \(years) common years"
            case .undeclared(let years): return "none: \(years) common year\(years == 1 ? "" : "s"), fewer than \(ShockCorrelation.minimumCommonYears), and no declared value; 0 used"
            }
        }

        /// A short code for tables: `scenario`, `study`, `panel`, `residuals`, `none`.
        public var code: String {
            switch self {
            case .scenario: return "scenario"
            case .stated: return "study"
            case .growthPanel: return "panel"
            case .residuals: return "residuals"
            case .undeclared: return "none"
            }
        }
    }

    public let pair: ScenarioSpec.IndicatorPair
    /// The correlation used, after any shrinkage needed to make the matrix positive definite.
    public let value: Double
    public let source: Source

    /// The fewest common years from which residuals give a correlation.
    public static let minimumCommonYears = 5

    /// Pearson's correlation of two equally long samples (NaN when one is constant).
    static func pearson(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count)
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for (x, y) in zip(a, b) { sab += (x - ma) * (y - mb); saa += (x - ma) * (x - ma); sbb += (y - mb) * (y - mb) }
        return sab / (saa * sbb).squareRoot()
    }

    /// The correlation of a growth panel: Pearson's r of the two growth rates, pooled over regions after each
    /// region's own means are removed (so regions that grow faster throughout do not make a correlation of
    /// their own). Growth rates are in percent; the yearly log growth `log(1 + g/100)` is what is correlated.
    static func panel(_ pairs: [DeclaredCorrelation.GrowthPair]) -> Double {
        var a: [Double] = [], b: [Double] = []
        for region in Set(pairs.map(\.region)).sorted() {
            let rows = pairs.filter { $0.region == region }
            let x = rows.map { Foundation.log1p($0.first / 100) }, y = rows.map { Foundation.log1p($0.second / 100) }
            let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
            a += x.map { $0 - mx }
            b += y.map { $0 - my }
        }
        // Each region's deviations sum to zero, so the pooled means are zero: Pearson's r of the pooled deviations.
        return pearson(a, b)
    }

    /// The correlations of the shocks of `ids` under `spec`, with their sources, and the Cholesky factor of their
    /// matrix, shrunk towards the identity until it has one: every correlation times `shrinkage`, 1 when none
    /// was needed (the simulation uses this factor; it is not computed again).
    ///
    /// Up to ``allPairsLimit`` indicators every pair is looked at, so the cost grows with the square of the
    /// indicators, but each pair costs a merge of two sorted lists of years (no set per pair), and the pairs
    /// come out already in order.
    static func matrix(_ ids: [String], trends: [IndicatorTrend], study: Study, spec: ScenarioSpec)
        -> (factor: SparseCorrelation.Factor?, pairs: [ShockCorrelation], shrinkage: Double) {
        let fits = Dictionary(uniqueKeysWithValues: trends.compactMap { t in t.fit.map { (t.indicator, $0) } })
        // Each indicator's standardized residuals by increasing year.
        let residuals: [(years: [Int], values: [Double])] = ids.map { id in
            guard let fit = fits[id], let d = fit.forecast(fit.years).distributions, fit.residualStandardDeviation > 0 else { return ([], []) }
            var byYear: [Int: Double] = [:]
            for (k, year) in fit.years.enumerated() { byYear[year] = (fit.transform.forward(fit.values[k]) - d[k].location) / fit.residualStandardDeviation }
            let years = byYear.keys.sorted()
            return (years, years.map { byYear[$0]! })
        }
        let k = ids.count
        let position = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        /// The lower-triangle key of a pair of positions.
        func key(_ a: Int, _ b: Int) -> Int { max(a, b) * k + min(a, b) }
        // The scenario's and the study's declarations, by pair (the scenario's first).
        var given: [Int: (rho: Double, source: Source)] = [:]
        for (pair, rho) in spec.correlations {
            guard let a = position[pair.first], let b = position[pair.second], a != b else { continue }
            given[key(a, b)] = (rho, .scenario(file: spec.file))
        }
        for declaration in study.correlations {
            guard let a = position[declaration.pair.first], let b = position[declaration.pair.second], a != b, given[key(a, b)] == nil else { continue }
            switch declaration.basis {
            case .stated(let text): given[key(a, b)] = (declaration.value ?? 0, .stated(source: text))
            case .growthPanel(let file, let pairs): given[key(a, b)] = (panel(pairs), .growthPanel(file: file, pairs: pairs.count))
            }
        }
        var a: [Double] = [], b: [Double] = []
        /// Positions `i > j`: the years both observe (a merge of the two sorted lists) and the correlation used
        /// before any shrinkage, with its source.
        func estimate(_ i: Int, _ j: Int) -> (rho: Double, source: Source) {
            let (yi, yj) = (residuals[i].years, residuals[j].years)
            var p = 0, q = 0, common = 0
            a.removeAll(keepingCapacity: true)
            b.removeAll(keepingCapacity: true)
            while p < yi.count && q < yj.count {
                if yi[p] < yj[q] { p += 1 } else if yi[p] > yj[q] { q += 1 } else {
                    a.append(residuals[i].values[p]); b.append(residuals[j].values[q])
                    common += 1; p += 1; q += 1
                }
            }
            if let declared = given.isEmpty ? nil : given[i * k + j] {
                return (declared.rho.isFinite ? declared.rho : 0, declared.source)
            } else if common >= minimumCommonYears {
                let rho = pearson(a, b)
                return (rho.isFinite ? rho : 0, .residuals(years: common))
            }
            return (0, .undeclared(commonYears: common))
        }
        // The pairs estimated (i > j) with their correlations and sources: every pair up to ``allPairsLimit``
        // indicators; beyond, the declared pairs and the inputs of a derived target (the others drawn independently).
        var estimated: [(i: Int, j: Int, rho: Double, source: Source)] = []
        if k <= allPairsLimit {
            estimated.reserveCapacity(k * (k - 1) / 2)
            for i in 0..<k { for j in 0..<i { let e = estimate(i, j); estimated.append((i, j, e.rho, e.source)) } }
        } else {
            var keys = Set(given.keys)
            for linked in linkedPairs(study) {
                if let x = position[linked.pair.first], let y = position[linked.pair.second], x != y { keys.insert(key(x, y)) }
            }
            for pairKey in keys.sorted() {
                let (i, j) = (pairKey / k, pairKey % k)
                let e = estimate(i, j)
                estimated.append((i, j, e.rho, e.source))
            }
        }
        let full = SparseCorrelation(dimension: k, entries: estimated.compactMap { $0.rho == 0 ? nil : .init(row: $0.i, column: $0.j, value: $0.rho) })
        var shrink = 1.0
        var candidate = full
        var factor = candidate.choleskyFactor()
        while factor == nil && shrink > 0 {
            shrink -= 0.05
            candidate = full.scaled(by: max(0, shrink))
            factor = candidate.choleskyFactor()
        }
        let used = max(0, shrink)
        func correlation(_ e: (i: Int, j: Int, rho: Double, source: Source)) -> ShockCorrelation {
            ShockCorrelation(pair: .init(ids[e.i], ids[e.j]), value: e.rho * used, source: e.source)
        }
        var pairs: [ShockCorrelation] = []
        pairs.reserveCapacity(estimated.count)
        if k <= allPairsLimit {
            // Every pair, in the order of their ids without a sort: the positions sorted by id, each paired with
            // those after it; pair (i, j), i > j, stands at i(i−1)/2 + j of `estimated`.
            let sorted = ids.indices.sorted { ids[$0] < ids[$1] }
            for (u, x) in sorted.enumerated() {
                for y in sorted[(u + 1)...] {
                    let (i, j) = (max(x, y), min(x, y))
                    pairs.append(correlation(estimated[i * (i - 1) / 2 + j]))
                }
            }
        } else {
            pairs = estimated.map(correlation).sorted { $0.pair < $1.pair }
        }
        return (factor, pairs, shrink)
    }

    /// The most indicators whose every pair of shocks is correlated from the trends' residuals: 1,000 gives
    /// half a million pairs. Beyond, K(K−1)/2 pairs estimated from a few dozen years make a matrix of rank at
    /// most the number of years, which only heavy shrinkage makes usable, at a cost that grows with K² in
    /// memory and K³ in time; only pairs that decide a target's spread (declared, or the inputs of one derived
    /// indicator) are then correlated, and the run says so.
    public static let allPairsLimit = 1_000

    /// Pairs of observed indicators that feed one derived indicator a target uses: their correlation decides
    /// the spread of that indicator (a ratio of two incomes), so it must not be an unstated 0.
    public static func linkedPairs(_ study: Study) -> [(pair: ScenarioSpec.IndicatorPair, derived: String)] {
        var result: [(pair: ScenarioSpec.IndicatorPair, derived: String)] = []
        var seen: Set<ScenarioSpec.IndicatorPair> = []
        for id in Set(study.targets.map(\.indicator)).sorted() {
            let inputs = baseInputs(of: id, study: study).sorted()
            guard inputs.count >= 2 else { continue }
            for (a, x) in inputs.enumerated() {
                for y in inputs[(a + 1)...] where seen.insert(.init(x, y)).inserted { result.append((.init(x, y), id)) }
            }
        }
        return result
    }

    /// The observed indicators a derived indicator is computed from, through nested formulas.
    static func baseInputs(of id: String, study: Study, visiting: Set<String> = []) -> Set<String> {
        guard let formula = study.indicator(id: id)?.formula, !visiting.contains(id) else {
            return study.indicator(id: id) == nil ? [] : [id]
        }
        var inputs: Set<String> = []
        for input in formula.indicatorIDs { inputs.formUnion(baseInputs(of: input, study: study, visiting: visiting.union([id]))) }
        return inputs
    }
}
