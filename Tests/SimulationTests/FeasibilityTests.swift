import _TestSupport
import Foundation
import Studies
import Testing
@testable import Simulation

/// Each target kind on a hand-computed case. The scenario grows each indicator at a fixed rate with
/// `uncertainty: none`, so every path is the same and each number below follows by hand.
@Suite struct FeasibilityTests {
    static let names = BilingualText(en: "x", zh: "x")

    static func indicator(_ id: String, kind: IndicatorKind = .level) -> Indicator {
        Indicator(id: id, name: BilingualText(en: id, zh: id), unit: "", kind: kind, model: .linear)
    }

    static func growth(_ id: String, _ rate: Double, from year: Int) -> [Assumption] {
        [Assumption(indicator: id, change: .growth(rate: rate, fromYear: year), uncertainty: .none, scenario: "fixed")]
    }

    /// x: 100, 104, 108, 112, 116 (2018-2022), then +5% a year; jobs: 20,000 and 21,000 (2021-2022), then
    /// +5% a year; inv: 100, 106, 112 (2020-2022), then +7% a year.
    static func study(targets: [Target]) -> Study {
        var observations: [Observation] = []
        for (k, v) in [100.0, 104, 108, 112, 116].enumerated() { observations.append(Observation(indicator: "x", year: 2018 + k, value: v, source: "test")) }
        for (k, v) in [20_000.0, 21_000].enumerated() { observations.append(Observation(indicator: "jobs", year: 2021 + k, value: v, source: "test")) }
        for (k, v) in [100.0, 106, 112].enumerated() { observations.append(Observation(indicator: "inv", year: 2020 + k, value: v, source: "test")) }
        let scenario = ScenarioSpec(name: "fixed", title: names, rationale: names,
                                    assumptions: ["x": growth("x", 0.05, from: 2023), "jobs": growth("jobs", 0.05, from: 2023),
                                                  "inv": growth("inv", 0.07, from: 2023)])
        return Study(id: "test", title: names, region: names, baseYear: 2020, targetYear: 2025,
                     indicators: [indicator("x"), indicator("jobs", kind: .flow), indicator("inv"), indicator("empty")],
                     observations: observations, targets: targets, scenarios: [scenario])
    }

    static func assess(_ target: Target) throws -> FeasibilityRow {
        let run = try StudyRunner.run(study(targets: [target]), options: RunOptions(paths: 500, seed: 1, threads: 1))
        return try #require(run.scenarios.first?.feasibility.first)
    }


    @Test func levelTarget() throws {
        let row = try Self.assess(Target(id: "x-130", indicator: "x", rule: TargetRule(op: .greaterOrEqual, measure: .level(130)), year: 2025, quote: ""))
        #expect(isClose(row.projected, 116 * pow(1.05, 3), relative: 1e-9, absolute: 1e-9))   // 134.2845
        #expect(row.pMeet == 1)
        #expect(row.yearMet == 2025)                             // 121.80, 127.89, 134.28
        #expect(isClose(row.growthNeeded, pow(130.0 / 116, 1.0 / 3) - 1, relative: 1e-9, absolute: 1e-9))
        // Eurostat short-term window: base 2018 (nearest 2022 − 5), latest 2022, target 2025.
        #expect(isClose(row.observedGrowth, pow(116.0 / 100, 1.0 / 4) - 1, relative: 1e-9, absolute: 1e-9))
        #expect(isClose(row.requiredGrowth, pow(130.0 / 100, 1.0 / 7) - 1, relative: 1e-9, absolute: 1e-9))
        #expect(row.status == .onTrack)                          // R = 0.0378 / 0.0382 = 0.989
    }

    @Test func levelTargetAlreadyMetIsAchieved() throws {
        let row = try Self.assess(Target(id: "x-110", indicator: "x", rule: TargetRule(op: .greaterOrEqual, measure: .level(110)), year: 2025, quote: ""))
        #expect(row.status == .achieved)
        #expect(row.yearMet == 2021)
    }

    /// A rate already within its target before the target year is on track, not achieved: next year's
    /// rate is another number.
    @Test func rateMetEarlyIsOnTrackNotAchieved() throws {
        var study = Self.study(targets: [Target(id: "x-rate", indicator: "x", rule: TargetRule(op: .greaterOrEqual, measure: .level(110)), year: 2025, quote: "")])
        study = Study(id: study.id, title: study.title, region: study.region, baseYear: study.baseYear, targetYear: study.targetYear,
                      indicators: study.indicators.map { $0.id == "x" ? Indicator(id: "x", name: $0.name, unit: "%", kind: .rate, model: .linear) : $0 },
                      observations: study.observations, targets: study.targets, scenarios: study.scenarios)
        let run = try StudyRunner.run(study, options: RunOptions(paths: 200, seed: 1, threads: 1))
        #expect(run.scenarios[0].feasibility[0].status == .onTrack)
    }

    @Test func multipleOfBaseYear() throws {
        let row = try Self.assess(Target(id: "x-double", indicator: "x", rule: TargetRule(op: .greaterOrEqual, measure: .multipleOf(baseYear: 2018, factor: 2)), year: 2025, quote: ""))
        #expect(row.targetValue == 200)
        #expect(row.pMeet == 0)
        #expect(isClose(row.growthNeeded, pow(200.0 / 116, 1.0 / 3) - 1, relative: 1e-9, absolute: 1e-9))
        #expect(row.status == .insufficientProgress)            // R = 0.0378 / 0.1041 = 0.363
    }

    @Test func cumulativeFlow() throws {
        let row = try Self.assess(Target(id: "jobs-100k", indicator: "jobs", rule: TargetRule(op: .greaterOrEqual, measure: .cumulative(fromYear: 2021, total: 100_000)), year: 2025, quote: ""))
        let flows = [20_000, 21_000, 22_050, 23_152.5, 24_310.125]
        #expect(isClose(row.projected, flows.reduce(0, +), relative: 1e-9, absolute: 1e-9))    // 110,512.625
        #expect(row.pMeet == 1)
        #expect(row.yearMet == 2025)                             // 86,202.5 by 2024
        #expect(isClose(row.progressRatio, 20_500 / ((100_000 - 41_000) / 3.0), relative: 1e-9, absolute: 1e-9))
        let g = try #require(row.growthNeeded)
        #expect(abs(21_000 * ((1 + g) + pow(1 + g, 2) + pow(1 + g, 3)) - 59_000) < 1e-6)
    }

    @Test func averageGrowth() throws {
        let row = try Self.assess(Target(id: "inv-8pct", indicator: "inv", rule: TargetRule(op: .greaterOrEqual, measure: .averageGrowth(fromYear: 2020, rate: 0.08)), year: 2025, quote: ""))
        #expect(isClose(row.projected, pow(112 * pow(1.07, 3) / 100, 1.0 / 5) - 1, relative: 1e-9, absolute: 1e-9))  // 6.53% a year
        #expect(row.pMeet == 0)
        #expect(isClose(row.growthNeeded, pow(100 * pow(1.08, 5) / 112, 1.0 / 3) - 1, relative: 1e-9, absolute: 1e-9))
        #expect(isClose(row.requiredGrowth, 0.08, relative: 1e-9, absolute: 1e-9))
        #expect(isClose(row.observedGrowth, pow(1.12, 0.5) - 1, relative: 1e-9, absolute: 1e-9))
    }

    @Test func targetWithoutDataSaysNoData() throws {
        let row = try Self.assess(Target(id: "empty-1", indicator: "empty", rule: TargetRule(op: .greaterOrEqual, measure: .level(1)), year: 2025, quote: ""))
        #expect(row.status == .noData)
        #expect(row.pMeet == nil && row.projected == nil && row.latestYear == nil)
    }
}

/// The gap and the pace in the target's own units, observed outcomes, missing years and targets without data.
@Suite struct GapAndPaceTests {
    static let names = BilingualText(en: "x", zh: "x")

    @Test func levelGapAndGrowthPace() throws {
        let row = try FeasibilityTests.assess(Target(id: "x-130", indicator: "x", rule: TargetRule(op: .greaterOrEqual, measure: .level(130)), year: 2025, quote: ""))
        #expect(isClose(row.gap, 116 * pow(1.05, 3) - 130, relative: 1e-9, absolute: 1e-9))           // 134.2845 − 130
        let pace = try #require(row.pace)
        #expect(pace.unit == .growth)
        #expect(isClose(pace.needed, pow(130.0 / 116, 1.0 / 3) - 1, relative: 1e-9, absolute: 1e-9))  // 3.87% a year from 2022
        #expect(isClose(pace.projected, 0.05, relative: 1e-9, absolute: 1e-9))
        #expect(row.verdict == .likelihood(.virtuallyCertain) && row.pMeet == 1)
        #expect(row.metAtLatest == false)
    }

    /// A share at 50, 52, 54 (2020-2022) rising 1.5 points a year from 2023 for certain: 58.5 in 2025 against
    /// ≥ 60; it needs (60 − 54)/3 = 2 points a year.
    @Test func sharePaceInPoints() throws {
        let share = Indicator(id: "s", name: Self.names, unit: "%", kind: .share, model: .linear)
        let observations = [50.0, 52, 54].enumerated().map { Observation(indicator: "s", year: 2020 + $0, value: $1, source: "test") }
        let spec = ScenarioSpec(name: "fixed", title: Self.names, rationale: Self.names,
                                assumptions: ["s": [Assumption(indicator: "s", change: .points(perYear: 1.5, fromYear: 2023), uncertainty: .none, scenario: "fixed")]])
        let target = Target(id: "s-60", indicator: "s", rule: TargetRule(op: .greaterOrEqual, measure: .level(60)), year: 2025, quote: "")
        let study = Study(id: "t", title: Self.names, region: Self.names, baseYear: 2020, targetYear: 2025, indicators: [share],
                          observations: observations, targets: [target], scenarios: [spec])
        let row = try #require(StudyRunner.run(study, options: RunOptions(paths: 200, seed: 1, threads: 1)).scenarios[0].feasibility.first)
        #expect(isClose(row.projected, 58.5, relative: 1e-9, absolute: 1e-9))
        #expect(isClose(row.gap, -1.5, relative: 1e-9, absolute: 1e-9))
        let pace = try #require(row.pace)
        #expect(pace.unit == .points && isClose(pace.needed, 2, relative: 1e-9, absolute: 1e-9) && isClose(pace.projected, 1.5, relative: 1e-9, absolute: 1e-9))
        #expect(row.growthNeeded == nil)   // relative growth of a share is not given
        #expect(row.pMeet == 0 && row.verdict == .likelihood(.exceptionallyUnlikely))
    }

    /// jobs observed 20,000 (2021) and 22,000 (2023), not 2022; 5% a year from 2024 for certain. The missing year
    /// is taken between its neighbours (21,000), never as zero: 20,000 + 21,000 + 22,000 + 23,100 + 24,255 = 110,355.
    @Test func aMissingYearInASumIsFilledAndSaid() throws {
        let flow = Indicator(id: "jobs", name: Self.names, unit: "persons per year", kind: .flow, model: .linear)
        let observations = [(2021, 20_000.0), (2023, 22_000.0)].map { Observation(indicator: "jobs", year: $0.0, value: $0.1, source: "test") }
        let spec = ScenarioSpec(name: "fixed", title: Self.names, rationale: Self.names,
                                assumptions: ["jobs": FeasibilityTests.growth("jobs", 0.05, from: 2024)])
        let target = Target(id: "jobs-100k", indicator: "jobs", rule: TargetRule(op: .greaterOrEqual, measure: .cumulative(fromYear: 2021, total: 100_000)), year: 2025, quote: "")
        let study = Study(id: "t", title: Self.names, region: Self.names, baseYear: 2020, targetYear: 2025, indicators: [flow],
                          observations: observations, targets: [target], scenarios: [spec])
        let row = try #require(StudyRunner.run(study, options: RunOptions(paths: 200, seed: 1, threads: 1)).scenarios[0].feasibility.first)
        #expect(isClose(row.projected, 110_355, relative: 1e-9, absolute: 1e-9))
        #expect(row.notes.contains { $0.hasPrefix("2022 not observed") })
        let pace = try #require(row.pace)
        #expect(pace.unit == .flow)
        #expect(isClose(pace.needed, (100_000 - 63_000) / 2.0, relative: 1e-9, absolute: 1e-9))     // 18,500 a year in 2024-2025
        #expect(isClose(pace.projected, (110_355 - 63_000) / 2.0, relative: 1e-9, absolute: 1e-9))
        #expect(row.metAtLatest == nil)   // not every year of the window is observed
    }

    @Test func anObservedTargetYearIsTheVerdict() throws {
        // x is 104 in 2019 and 108 in 2020.
        let missed = try FeasibilityTests.assess(Target(id: "x-110-2020", indicator: "x", rule: TargetRule(op: .greaterOrEqual, measure: .level(110)), year: 2020, quote: ""))
        #expect(missed.verdict == .missed && missed.pMeet == 0 && isClose(missed.gap, -2, relative: 1e-9, absolute: 1e-9))
        #expect(missed.pace == nil)
        let met = try FeasibilityTests.assess(Target(id: "x-100-2019", indicator: "x", rule: TargetRule(op: .greaterOrEqual, measure: .level(100)), year: 2019, quote: ""))
        #expect(met.verdict == .met && met.pMeet == 1 && isClose(met.gap, 4, relative: 1e-9, absolute: 1e-9))
    }

    @Test func aTargetWithoutDataSaysWhatItImplies() throws {
        let double = try FeasibilityTests.assess(Target(id: "e-double", indicator: "empty", rule: TargetRule(op: .greaterOrEqual, measure: .multipleOf(baseYear: 2020, factor: 2)), year: 2025, quote: ""))
        #expect(double.verdict == .noData)
        #expect(isClose(double.impliedPace?.value, 0.148698354997035, relative: 1e-9, absolute: 1e-9))   // 2^(1/5) − 1
        #expect(double.impliedPace?.unit == .growth && double.impliedPace?.fromYear == 2020)
        #expect(double.settledBy == "the 2020 and 2025 values")
        let listings = try FeasibilityTests.assess(Target(id: "e-12", indicator: "empty", rule: TargetRule(op: .greaterOrEqual, measure: .cumulative(fromYear: 2021, total: 12)), year: 2025, quote: ""))
        #expect(isClose(listings.impliedPace?.value, 2.4, relative: 1e-9, absolute: 1e-9) && listings.impliedPace?.unit == .flow)   // 12 over 5 years
        #expect(listings.settledBy == "the yearly values 2021-2025")
        let level = try FeasibilityTests.assess(Target(id: "e-1", indicator: "empty", rule: TargetRule(op: .greaterOrEqual, measure: .level(1)), year: 2025, quote: ""))
        #expect(level.impliedPace == nil && level.settledBy == "the 2025 value")
    }
}
