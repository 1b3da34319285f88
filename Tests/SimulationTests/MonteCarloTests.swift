import Foundation
import LeastSquares
import Testing
@testable import Simulation

/// W-MC (DESIGN.md): urban and rural income from 2020 bases 66,000 and 35,000, normal log growth with means
/// 0.065 and 0.085, SDs 0.015 and 0.02, correlation 0.6. The 2025 log ratio is normal, so
/// P(ratio ≤ 1.8) = Φ((log 1.8 − log(66000/35000) − 5(0.065 − 0.085)) / sqrt(5σ²)),
/// σ² = 0.015² + 0.02² − 2·0.6·0.015·0.02.
@Suite struct MonteCarloTests {
    static func workload(paths: Int, seed: UInt64 = 2025) throws -> MonteCarlo {
        let urban = SimulatedSeries(id: "urban", scale: .logarithmic, startYear: 2020, startValue: 66_000,
                                    drift: Array(repeating: 0.065, count: 5), shockSD: Array(repeating: 0.015, count: 5))
        let rural = SimulatedSeries(id: "rural", scale: .logarithmic, startYear: 2020, startValue: 35_000,
                                    drift: Array(repeating: 0.085, count: 5), shockSD: Array(repeating: 0.02, count: 5))
        let correlation = Matrix(rows: 2, columns: 2, storage: [1, 0.6, 0.6, 1])
        return try MonteCarlo(series: [urban, rural], correlation: correlation, paths: paths, seed: seed, lastYear: 2025)
    }

    static func ratioProbability(_ paths: MonteCarlo.Paths) -> Double {
        let urban = paths.values(0, year: 2025), rural = paths.values(1, year: 2025)
        return Double(zip(urban, rural).filter { $0 / $1 <= 1.8 }.count) / Double(paths.pathCount)
    }

    @Test func matchesTheClosedFormWithinThreeStandardErrors() throws {
        let n = 200_000
        let estimate = Self.ratioProbability(try Self.workload(paths: n).run())
        let variance = 0.015 * 0.015 + 0.02 * 0.02 - 2 * 0.6 * 0.015 * 0.02
        let exact = Normal.standard.cdf((log(1.8) - log(66_000.0 / 35_000) - 5 * (0.065 - 0.085)) / (5 * variance).squareRoot())
        let standardError = (exact * (1 - exact) / Double(n)).squareRoot()
        #expect(abs(estimate - exact) < 3 * standardError, "MC \(estimate) vs closed form \(exact) (SE \(standardError))")
        #expect(exact > 0.05 && exact < 0.95, "the check must not be trivially near 0 or 1")
    }

    @Test func sameSeedSameOutputWithOneAndTwoThreads() throws {
        let simulation = try Self.workload(paths: 10_000)
        let one = simulation.run(threads: 1), two = simulation.run(threads: 2)
        for i in 0..<2 { for year in 2021...2025 { #expect(one.values(i, year: year) == two.values(i, year: year)) } }
        let other = try Self.workload(paths: 10_000, seed: 7).run(threads: 2)
        #expect(other.values(0, year: 2025) != one.values(0, year: 2025))
    }

    @Test func correlationIsRecoveredFromTheShocks() throws {
        let paths = try Self.workload(paths: 50_000).run()
        let u = paths.values(0, year: 2021).map { log($0 / 66_000) }, r = paths.values(1, year: 2021).map { log($0 / 35_000) }
        func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }
        let mu = mean(u), mr = mean(r)
        let cov = mean(zip(u, r).map { ($0 - mu) * ($1 - mr) })
        let rho = cov / (mean(u.map { ($0 - mu) * ($0 - mu) }) * mean(r.map { ($0 - mr) * ($0 - mr) })).squareRoot()
        #expect(abs(rho - 0.6) < 0.02)
        #expect(abs(mu - 0.065) < 0.001 && abs(mr - 0.085) < 0.001)
    }

    @Test func notPositiveDefiniteCorrelationIsAnError() {
        let s = SimulatedSeries(id: "a", scale: .logarithmic, startYear: 2020, startValue: 1, drift: [0], shockSD: [0])
        #expect(throws: SimulationError.correlationNotPositiveDefinite) {
            try MonteCarlo(series: [s, s], correlation: Matrix(rows: 2, columns: 2, storage: [1, 1.2, 1.2, 1]), paths: 10, seed: 1, lastYear: 2021)
        }
    }
}

/// The block-by-block Cholesky factor of a correlation given by its nonzero entries (issue 17: studies of
/// thousands of indicators, most uncorrelated): L·Lᵀ reproduces the matrix, a matrix with no factor gives nil.
@Suite struct SparseCorrelationTests {
    /// 40 indicators: three blocks of correlated ones (one chained, not all pairs given), the rest alone.
    static func correlation() -> SparseCorrelation {
        var entries: [SparseCorrelation.Entry] = []
        for (i, j, rho) in [(5, 2, 0.6), (9, 2, -0.3), (9, 5, 0.2), (30, 11, 0.45), (17, 12, 0.5), (25, 17, 0.5), (39, 25, 0.4)] {
            entries.append(.init(row: i, column: j, value: rho))
        }
        return SparseCorrelation(dimension: 40, entries: entries)
    }

    @Test func theFactorReproducesTheMatrix() throws {
        let c = Self.correlation()
        let factor = try #require(c.choleskyFactor())
        var l = [[Double]](repeating: [Double](repeating: 0, count: 40), count: 40)
        for i in 0..<40 {
            for e in factor.rowStarts[i]..<factor.rowStarts[i + 1] {
                #expect(factor.columns[e] <= i)
                l[i][factor.columns[e]] = factor.values[e]
            }
        }
        var a = [[Double]](repeating: [Double](repeating: 0, count: 40), count: 40)
        for i in 0..<40 { a[i][i] = 1 }
        for e in c.entries { a[e.row][e.column] = e.value; a[e.column][e.row] = e.value }
        for i in 0..<40 {
            for j in 0..<40 {
                let product = (0..<40).reduce(0.0) { $0 + l[i][$1] * l[j][$1] }
                #expect(abs(product - a[i][j]) <= 1e-15, "(\(i), \(j)): \(product) against \(a[i][j])")
            }
        }
        // A chain (12-17-25-39) has no fill-in: row 39 keeps columns 25 and 39; the full block 2, 5, 9 fills row 9.
        #expect(Array(factor.columns[factor.rowStarts[39]..<factor.rowStarts[40]]) == [25, 39])
        #expect(Array(factor.columns[factor.rowStarts[9]..<factor.rowStarts[10]]) == [2, 5, 9])
        #expect(factor.rowStarts[1] - factor.rowStarts[0] == 1, "an indicator alone has its 1 and nothing else")
    }

    @Test func aMatrixWithoutAFactorGivesNil() {
        // Three indicators pairwise correlated 0.9, 0.9 and -0.9: no such matrix is positive definite.
        let c = SparseCorrelation(dimension: 5, entries: [.init(row: 3, column: 1, value: 0.9), .init(row: 4, column: 1, value: 0.9),
                                                          .init(row: 4, column: 3, value: -0.9)])
        #expect(c.choleskyFactor() == nil)
        #expect(c.scaled(by: 0.5).choleskyFactor() != nil)
    }
}
