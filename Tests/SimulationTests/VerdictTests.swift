import Foundation
import Studies
import Testing
@testable import Simulation

/// The likelihood scale is a partition of [0, 1] with the edges of the IPCC Guidance Note, and a verdict
/// is the band of p_meet, or the observed outcome.
@Suite struct VerdictTests {
    @Test func bandsPartitionTheUnitInterval() {
        // Consecutive bands meet at their edges, each edge in exactly one band; the first starts at 0, the last ends at 1.
        let bands = Likelihood.allCases
        #expect(bands.first?.range.lower == 0 && bands.last?.range.upper == 1)
        #expect(bands.first?.range.lowerIncluded == true && bands.last?.range.upperIncluded == true)
        for (a, b) in zip(bands, bands.dropFirst()) {
            #expect(a.range.upper == b.range.lower)
            #expect(a.range.upperIncluded != b.range.lowerIncluded, "edge \(a.range.upper) belongs to exactly one of \(a), \(b)")
        }
        // Every probability on a fine grid lies in the range of the band `init(probability:)` gives it, and in no other.
        for k in 0...10_000 {
            let p = Double(k) / 10_000
            let holding = bands.filter { b in
                let r = b.range
                return (r.lowerIncluded ? p >= r.lower : p > r.lower) && (r.upperIncluded ? p <= r.upper : p < r.upper)
            }
            #expect(holding == [Likelihood(probability: p)], "p = \(p)")
        }
    }

    @Test(arguments: [
        (0.0, Likelihood.exceptionallyUnlikely), (0.01, .exceptionallyUnlikely), (0.0100001, .veryUnlikely), (0.1, .veryUnlikely),
        (0.10001, .unlikely), (0.33, .unlikely), (0.3301, .aboutAsLikelyAsNot), (0.5, .aboutAsLikelyAsNot), (0.6599, .aboutAsLikelyAsNot),
        (0.66, .likely), (0.8999, .likely), (0.9, .veryLikely), (0.9899, .veryLikely), (0.99, .virtuallyCertain), (1.0, .virtuallyCertain),
    ])
    func edges(p: Double, band: Likelihood) {
        #expect(Likelihood(probability: p) == band)
    }

    @Test func termsInBothLanguages() {
        #expect(Likelihood.allCases.map(\.name.en) == ["exceptionally unlikely", "very unlikely", "unlikely", "about as likely as not",
                                                       "likely", "very likely", "virtually certain"])
        #expect(Likelihood.allCases.map(\.name.zh) == ["极不可能", "很不可能", "不太可能", "或许可能", "可能", "很可能", "几乎确定"])
        #expect(Likelihood.allCases.map(\.rangeText) == ["≤ 1%", "1–10%", "10–33%", "33–66%", "66–90%", "90–99%", "≥ 99%"])
    }

    @Test func verdictFollowsTheProbabilityOrTheObservation() {
        #expect(Verdict(pMeet: 0.58755, observed: false, hasData: true) == .likelihood(.aboutAsLikelyAsNot))
        #expect(Verdict(pMeet: 1, observed: true, hasData: true) == .met)
        #expect(Verdict(pMeet: 0, observed: true, hasData: true) == .missed)
        // An unobserved certainty is a likelihood, not a fact.
        #expect(Verdict(pMeet: 1, observed: false, hasData: true) == .likelihood(.virtuallyCertain))
        #expect(Verdict(pMeet: nil, observed: false, hasData: true) == .undetermined)
        #expect(Verdict(pMeet: nil, observed: false, hasData: false) == .noData)
    }
}

/// UN ESCAP's anticipated progress on a case computed by hand.
@Suite struct AnticipatedProgressTests {
    /// 50 (2016), 54 (2018), 55 (2020), 58 (2021), weights w = year − 2016 + 1 = 1, 3, 5, 6 (sum 15):
    /// weighted means x̄ = (2016 + 3·2018 + 5·2020 + 6·2021)/15 = 30296/15 = 2019.7333…, ȳ = (50 + 162 + 275 + 348)/15
    /// = 835/15 = 55.6667; slope Σw(x−x̄)(y−ȳ) / Σw(x−x̄)² = 1.417004; ŷ(2025) = ȳ + 1.417004 · (2025 − x̄) = 63.12955.
    /// Target ≥ 70 in 2025 from the 2016 baseline 50: gap (70 − 63.12955) / (70 − 50) = 0.343522, accelerate.
    /// (numpy: np.polyval(np.polyfit([2016,2018,2020,2021], [50,54,55,58], 1, w=np.sqrt([1,3,5,6])), 2025) = 63.129554655870834.)
    static let observed: [Int: Double] = [2016: 50, 2018: 54, 2020: 55, 2021: 58]

    @Test func handComputedCase() throws {
        let a = try #require(AnticipatedProgress(observed: Self.observed, baseYear: 2016, target: 70, targetYear: 2025, op: .greaterOrEqual))
        #expect(abs(a.anticipated - 63.129554655870834) < 1e-9)
        #expect(abs(try #require(a.gap) - 0.34352226720648105) < 1e-12)
        #expect(a.action == .accelerate)
        #expect(a.baseYear == 2016 && a.baseValue == 50)
    }

    @Test func maintainAndReverse() throws {
        // The same trend reaches 60: maintain, gap below zero (it overshoots).
        let met = try #require(AnticipatedProgress(observed: Self.observed, baseYear: 2016, target: 60, targetYear: 2025, op: .greaterOrEqual))
        #expect(met.action == .maintain)
        let overshoot: Double = (60 - 63.129554655870834) / 10
        #expect(abs(try #require(met.gap) - overshoot) < 1e-12)
        // Lower is better, the trend rises from 50: reverse, gap above 1.
        let away = try #require(AnticipatedProgress(observed: Self.observed, baseYear: 2016, target: 40, targetYear: 2025, op: .lessOrEqual))
        #expect(away.action == .reverse)
        let backwards: Double = (40 - 63.129554655870834) / (40 - 50)
        #expect(abs(try #require(away.gap) - backwards) < 1e-12)
        // 2018 and 2020 are equally near the base year 2019: the earlier is the baseline.
        let nearest = try #require(AnticipatedProgress(observed: Self.observed, baseYear: 2019, target: 70, targetYear: 2025, op: .greaterOrEqual))
        #expect(nearest.baseYear == 2018)
        // One observation gives no trend.
        #expect(AnticipatedProgress(observed: [2020: 1], baseYear: 2020, target: 2, targetYear: 2025, op: .greaterOrEqual) == nil)
    }
}
