import Foundation
import Studies
import Testing
@testable import Simulation

/// Ex-post verdicts from outcomes that are approximate or only bounds. x is 100, 104, …, 116 (2018-2022), then
/// grows 5% a year with no uncertainty (134.28 in 2025), and its 2025 row says only `> 130`; y is observed the
/// same way with an approximate 2025 row of about 140. Each target below is chosen so that reading the bound as
/// the number 130, or ignoring it for the paths, would give another verdict.
@Suite struct OutcomeVerdictTests {
    static let names = BilingualText(en: "x", zh: "x")

    static func study(targets: [Target]) -> Study {
        var observations: [Observation] = []
        for (k, v) in [100.0, 104, 108, 112, 116].enumerated() {
            observations.append(Observation(indicator: "x", year: 2018 + k, value: v, source: "test"))
            observations.append(Observation(indicator: "y", year: 2018 + k, value: v, source: "test"))
        }
        observations.append(Observation(indicator: "x", year: 2025, value: 130, source: "突破130", qualifier: .bound(.greater)))
        observations.append(Observation(indicator: "y", year: 2025, value: 140, source: "140左右", qualifier: .approximate))
        let grow = ["x", "y"].map { id in
            (id, [Assumption(indicator: id, change: .growth(rate: 0.05, fromYear: 2023), uncertainty: .none, scenario: "fixed")])
        }
        let scenario = ScenarioSpec(name: "fixed", title: names, rationale: names, assumptions: Dictionary(uniqueKeysWithValues: grow))
        let indicators = ["x", "y"].map { Indicator(id: $0, name: BilingualText(en: $0, zh: $0), unit: "", kind: .level, model: .linear) }
        return Study(id: "outcomes", title: names, region: names, baseYear: 2020, targetYear: 2025, indicators: indicators,
                     observations: observations, targets: targets, scenarios: [scenario])
    }

    static func target(_ id: String, _ op: ComparisonOperator, _ value: Double, on indicator: String = "x") -> Target {
        Target(id: id, indicator: indicator, rule: TargetRule(op: op, measure: .level(value)), year: 2025, quote: "")
    }

    static func run(_ targets: [Target]) throws -> [String: FeasibilityRow] {
        let run = try StudyRunner.run(study(targets: targets), options: RunOptions(paths: 200, seed: 3, threads: 1))
        return Dictionary(uniqueKeysWithValues: try #require(run.scenarios.first).feasibility.map { ($0.target.id, $0) })
    }

    @Test func aBoundIsNeverTheNumber() throws {
        let rows = try Self.run([Self.target("above-131", .greaterOrEqual, 131), Self.target("at-most-130", .lessOrEqual, 130),
                                 Self.target("above-125", .greaterOrEqual, 125)])
        // ≥ 131: the number 130 would miss it and the paths (134.28) meet it; > 130 does not say.
        let open = try #require(rows["above-131"])
        #expect(open.verdict == .undetermined && open.pMeet == nil)
        #expect(open.outcome == Outcome(value: 130, qualifier: .bound(.greater), indicator: "x", year: 2025))
        #expect(open.notes.contains("the 2025 outcome is > 130 (a bound, not a value), which does not settle ≥ 131; of the paths > 130 (100% of them), 100% meet it"))
        // ≤ 130: the number 130 would meet it; every value above 130 misses it.
        let missed = try #require(rows["at-most-130"])
        #expect(missed.verdict == .missed && missed.pMeet == 0 && missed.gap == nil && missed.projected == nil)
        // ≥ 125: met by every value above 130, as a fact, not a probability.
        let met = try #require(rows["above-125"])
        #expect(met.verdict == .met && met.pMeet == 1)
        #expect(met.notes.contains("the 2025 outcome is > 130 (a bound, not a value), which settles ≥ 125 as met"))
    }

    @Test func aBoundStaysOutOfTheTrendAndThePaths() throws {
        let run = try StudyRunner.run(Self.study(targets: []), options: RunOptions(paths: 200, seed: 3, threads: 1))
        let fit = try #require(run.trends.first { $0.indicator == "x" }?.fit)
        #expect(fit.observationCount == 5 && fit.years == Array(2018...2022))
        let rows = try #require(run.scenarios.first).projections.filter { $0.indicator == "x" }
        #expect(rows.filter { $0.kind == .observed }.map(\.year) == Array(2018...2022))
        let in2025 = try #require(rows.first { $0.year == 2025 })
        #expect(in2025.kind == .projected && abs(in2025.value - 116 * pow(1.05, 3)) < 1e-9)
    }

    @Test func anApproximateOutcomeIsMarked() throws {
        let rows = try Self.run([Self.target("y-135", .greaterOrEqual, 135, on: "y"), Self.target("y-145", .greaterOrEqual, 145, on: "y")])
        let met = try #require(rows["y-135"])
        #expect(met.verdict == .metApproximate && met.pMeet == 1 && abs((met.gap ?? .nan) - 5) < 1e-12)
        #expect(met.outcome?.qualifier == .approximate)
        #expect(try #require(rows["y-145"]).verdict == .missedApproximate)
    }

    @Test func aDerivedIndicatorIsSettledByItsPublishedValue() throws {
        var study = Self.study(targets: [Target(id: "ratio", indicator: "ratio", rule: TargetRule(op: .lessOrEqual, measure: .level(1.05)), year: 2025, quote: "")])
        study.indicators.append(Indicator(id: "ratio", name: Self.names, unit: "", formula: try Formula(parsing: "x / y"), publishedAs: "ratio_published"))
        study.indicators.append(Indicator(id: "ratio_published", name: Self.names, unit: "", kind: .level, model: .linear))
        study = Study(id: study.id, title: study.title, region: study.region, baseYear: 2020, targetYear: 2025, indicators: study.indicators,
                      observations: study.observations + [Observation(indicator: "ratio_published", year: 2025, value: 0.93, source: "bulletin")],
                      targets: study.targets, scenarios: study.scenarios)
        let run = try StudyRunner.run(study, options: RunOptions(paths: 200, seed: 3, threads: 1))
        let row = try #require(run.scenarios.first?.feasibility.first)
        // The paths of x / y give 1 every year; the published 0.93 settles ≤ 1.05 as met, by 0.12.
        #expect(row.verdict == .met && row.pMeet == 1 && abs((row.gap ?? .nan) + 0.12) < 1e-12 && row.pace == nil)
        #expect(row.outcome?.indicator == "ratio_published")
    }

    @Test func verdictCodesOfOutcomes() {
        #expect(Verdict(pMeet: 1, observed: true, approximate: true, hasData: true) == .metApproximate)
        #expect(Verdict(pMeet: 0, observed: true, approximate: true, hasData: true) == .missedApproximate)
        #expect(Verdict.metApproximate.code == "met (approximate)" && Verdict.missedApproximate.outcomeMet == false)
        #expect(Verdict.likelihood(.likely).outcomeMet == nil && !Verdict.undetermined.isOutcome)
    }
}
