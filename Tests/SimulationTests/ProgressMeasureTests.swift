import Studies
import Testing
@testable import Simulation

/// The check values of DESIGN.md (computed there with the Eurostat / Open SDG and UNSD rules), to 5 decimals.
@Suite struct ProgressMeasureTests {
    @Test func higherIsBetterInsufficientProgress() throws {
        // 2.00 (2015) → 2.40 (2022), target 3.30 in 2025.
        let m = try #require(ProgressMeasure(base: 2.0, baseYear: 2015, latest: 2.4, latestYear: 2022, target: 3.3, targetYear: 2025, higherIsBetter: true))
        #expect(abs(m.observedGrowth - 0.026388) < 5e-7)
        #expect(abs(m.requiredGrowth - 0.051353) < 5e-7)
        #expect(abs(m.ratio - 0.51386) < 5e-6)
        #expect(m.status() == .insufficientProgress)
        #expect(abs(m.projectedProgressScore - 0.45773) < 5e-6)
    }

    @Test func lowerIsBetterInsufficientProgress() throws {
        // 2.70 → 2.50, target 1.80, lower better.
        let m = try #require(ProgressMeasure(base: 2.7, baseYear: 2015, latest: 2.5, latestYear: 2022, target: 1.8, targetYear: 2025, higherIsBetter: false))
        #expect(abs(m.ratio - 0.27518) < 5e-6)
        #expect(m.status() == .insufficientProgress)
    }

    @Test func thresholdsDecideTheStatus() throws {
        func status(latest: Double) throws -> TargetStatus {
            try #require(ProgressMeasure(base: 100, baseYear: 2020, latest: latest, latestYear: 2022, target: 121, targetYear: 2022 + 2, higherIsBetter: true)).status()
        }
        // Required growth 10%/yr from 2020 to 2024 (121 = 100·1.1²)… over four years: (1.21)^(1/4) − 1.
        #expect(try status(latest: 110) == .onTrack)            // observed 4.9%/yr vs required 4.9%: R = 1
        #expect(try status(latest: 106) == .moderateProgress)   // R ≈ 0.61
        #expect(try status(latest: 102) == .insufficientProgress)
        #expect(try status(latest: 97) == .movingAway)
    }

    /// DESIGN.md's third check value: 56 → 64 with target 60 is achieved (a fact, beside the verdict).
    @Test func latestAboveTheTargetIsAchieved() {
        let target = Target(id: "t", indicator: "x", rule: TargetRule(op: .greaterOrEqual, measure: .level(60)), year: 2025, quote: "")
        let observed: [Int: Double] = [2015: 56, 2022: 64]
        #expect(FeasibilityAssessment.alreadyAchieved(target, threshold: 60, observed: observed, latestYear: 2022))
        #expect(FeasibilityAssessment.metAtLatest(target, threshold: 60, observed: observed, latestYear: 2022) == true)
        #expect(!FeasibilityAssessment.alreadyAchieved(target, threshold: 60, observed: [2015: 56, 2022: 59], latestYear: 2022))
    }
}
