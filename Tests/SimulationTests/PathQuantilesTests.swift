import Foundation
import LeastSquares
import Testing
@testable import Simulation

/// Selection-based quantiles equal the sort-based type-7 definition (numpy's default) exactly.
@Suite struct PathQuantilesTests {
    static func sorted7(_ values: [Double], _ p: Double) -> Double {
        let s = values.sorted(), h = Double(s.count - 1) * p, lower = Int(h.rounded(.down))
        return lower + 1 < s.count ? s[lower] + (h - Double(lower)) * (s[lower + 1] - s[lower]) : s[lower]
    }

    @Test(arguments: [1, 2, 3, 10, 1_000, 10_001, 250_000])
    func matchesSortingForEveryProbability(count: Int) {
        var random = RandomStream(seed: 5, stream: UInt64(count))
        let values = (0..<count).map { _ in (random.nextStandardNormal() * 10).rounded() / 10 }  // ties included
        let ps = [0, 0.025, 0.1, 0.5, 0.9, 0.975, 1]
        let selected = PathQuantiles.of(values, at: ps)
        for (p, q) in zip(ps, selected) { #expect(q == Self.sorted7(values, p), "p \(p)") }
    }

    /// Large inputs take the one-pass band selection; on input in sorted order (the opposite of Monte Carlo
    /// paths) it stays exact.
    @Test func bandSelectionOnSortedInputIsExact() {
        let values = (0..<300_000).map { Double($0 % 1_000) + Double($0) * 1e-9 }.sorted()
        let ps = [0.05, 0.5, 0.95]
        for (p, q) in zip(ps, PathQuantiles.of(values, at: ps)) { #expect(q == Self.sorted7(values, p)) }
    }

    /// The bucket selection of Monte Carlo-sized inputs is exact whatever the shape: a heavy tail that crowds
    /// almost every value into one bucket (selected again by buckets), many ties, two values, a constant.
    @Test(arguments: ["lognormal-tail", "ties", "two-values", "constant", "outlier"])
    func bucketSelectionIsExactForAnyShape(shape: String) {
        var random = RandomStream(seed: 11, stream: UInt64(shape.count))
        let values: [Double] = (0..<20_000).map { i in
            let z = random.nextStandardNormal()
            switch shape {
            case "lognormal-tail": return exp(3 * z)
            case "ties": return (z * 3).rounded()
            case "two-values": return i % 3 == 0 ? 1.5 : -2
            case "constant": return 7
            default: return i == 4_321 ? 1e300 : z
            }
        }
        let ps = [0, 0.001, 0.025, 0.1, 0.5, 0.9, 0.975, 0.999, 1]
        for (p, q) in zip(ps, PathQuantiles.of(values, at: ps)) { #expect(q == Self.sorted7(values, p), "\(shape) p \(p)") }
    }

    /// Quantiles of exp(x) from the values of x, exponentiating only the order statistics used.
    @Test(arguments: [1_001, 200_000])
    func throughAnIncreasingMap(count: Int) {
        var random = RandomStream(seed: 8, stream: UInt64(count))
        var logs = (0..<count).map { _ in 0.1 * random.nextStandardNormal() }
        let ps = [0.05, 0.5, 0.95]
        let expected = ps.map { Self.sorted7(logs.map(exp), $0) }
        #expect(PathQuantiles.select(&logs, at: ps, through: exp) == expected)
    }

    @Test func nanIsLeftOutAndEmptyGivesNaN() {
        #expect(PathQuantiles.of([3, .nan, 1, 2], at: [0.5]) == [2])
        #expect(PathQuantiles.of([Double.nan], at: [0.5])[0].isNaN)
    }
}
