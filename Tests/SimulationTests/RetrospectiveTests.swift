import Foundation
import Studies
import Testing
@testable import Simulation

/// `pathways retro` on a study small enough to work by hand. x is 100, 104, …, 124 (2018-2024) and 130 in 2025;
/// the scenario grows it 5% a year from each vintage's last observation with no uncertainty, so every p_meet
/// is 1 or 0: x₂₀₂₅ = x_v · 1.05^(2025 − v) = 137.84, 136.14, 134.28, 132.30, 130.20 for v = 2020…2024.
@Suite struct RetrospectiveTests {
    static let names = BilingualText(en: "x", zh: "x")

    static func study(values: [Int: Double] = Dictionary(uniqueKeysWithValues: (2018...2024).map { ($0, 100 + 4 * Double($0 - 2018)) }),
                      panelYears: ClosedRange<Int> = 2017...2024) -> Study {
        var observations = values.map { Observation(indicator: "x", year: $0.key, value: $0.value, source: "test") }
        observations += values.map { Observation(indicator: "y", year: $0.key, value: $0.value, source: "test") }
        observations.append(Observation(indicator: "x", year: 2025, value: 130, source: "outcome"))
        let assumptions = ["x", "y"].map { ($0, [Assumption(indicator: $0, change: .growth(rate: 0.05, fromYear: nil), uncertainty: .none, scenario: "fixed")]) }
        let scenario = ScenarioSpec(name: "fixed", title: names, rationale: names, assumptions: Dictionary(uniqueKeysWithValues: assumptions))
        let indicators = ["x", "y", "empty"].map { Indicator(id: $0, name: BilingualText(en: $0, zh: $0), unit: "", kind: .level, model: .linear) }
        let targets = [
            Target(id: "a", indicator: "x", rule: TargetRule(op: .greaterOrEqual, measure: .level(130)), year: 2025, quote: ""),
            Target(id: "b", indicator: "x", rule: TargetRule(op: .greaterOrEqual, measure: .level(131)), year: 2025, quote: ""),
            Target(id: "c", indicator: "empty", rule: TargetRule(op: .greaterOrEqual, measure: .level(1)), year: 2025, quote: ""),
        ]
        let panel = panelYears.map { DeclaredCorrelation.GrowthPair(region: "R", year: $0, first: Double($0 % 3), second: Double($0 % 3) + 0.5 * Double($0 % 2)) }
        let declared = DeclaredCorrelation(pair: ScenarioSpec.IndicatorPair("x", "y"), basis: .growthPanel(file: "panel.csv", pairs: panel))
        return Study(id: "retro", title: names, region: names, baseYear: 2020, targetYear: 2025, indicators: indicators,
                     observations: observations, targets: targets, scenarios: [scenario], correlations: [declared])
    }

    static let options = RunOptions(paths: 64, seed: 11, threads: 1)

    @Test func theVintagesAndTheirRows() throws {
        let retro = try Retrospective.run(Self.study(), options: Self.options)
        #expect(retro.years == [2020, 2021, 2022, 2023, 2024])
        #expect(retro.rows.count == 5 * 3)
        let a = retro.rows.filter { $0.target.id == "a" }.map(\.pMeet), b = retro.rows.filter { $0.target.id == "b" }.map(\.pMeet)
        #expect(a == [1, 1, 1, 1, 1])
        #expect(b == [1, 1, 1, 1, 0])                                  // 130.20 < 131 at the last vintage
        let projected = retro.rows.filter { $0.target.id == "a" }.compactMap(\.projected)
        let byHand = (2020...2024).map { (100 + 4 * Double($0 - 2018)) * pow(1.05, Double(2025 - $0)) }
        #expect(zip(projected, byHand).allSatisfy { abs($0 - $1) < 1e-9 }, "\(projected)")
        // Outcome 130: a met, b missed; c has no data and no outcome, and is never scored.
        #expect(retro.outcomes.map(\.met) == [true, false, nil])
        #expect(retro.rows.filter { $0.target.id == "c" }.allSatisfy { $0.verdict == .noData && !$0.isScored })
        #expect(retro.scored(scenario: "fixed").count == 10)
    }

    @Test func aVintageNeverSeesLaterRows() throws {
        let retro = try Retrospective.run(Self.study(), options: Self.options)
        for vintage in retro.vintages {
            #expect(vintage.run.study.observations.allSatisfy { $0.year <= vintage.year }, "vintage \(vintage.year)")
            for declared in vintage.run.study.correlations {
                guard case .growthPanel(_, let pairs) = declared.basis else { continue }
                #expect(pairs.allSatisfy { $0.year <= vintage.year })
            }
        }
        // The panel has 4 region-years up to 2020 (2017-2020): too few, so vintage 2020 runs without it.
        #expect(retro.vintages[0].run.study.correlations.isEmpty && retro.vintages[1].run.study.correlations.count == 1)
        #expect(retro.notes.contains { $0.contains("up to 2020: vintage 2020 runs without it") }, "\(retro.notes)")

        // Rows of 2023 and 2024 changed: the vintages before 2023 give exactly what they gave; 2023 does not.
        var later = Dictionary(uniqueKeysWithValues: (2018...2024).map { ($0, 100 + 4 * Double($0 - 2018)) })
        later[2023] = 150
        later[2024] = 190
        let moved = try Retrospective.run(Self.study(values: later), options: Self.options)
        func summary(_ r: Retrospective, _ year: Int) -> [String] {
            r.rows.filter { $0.vintage == year }.map { "\($0.target.id) \(String(describing: $0.pMeet)) \(String(describing: $0.projected)) \($0.status) \(String(describing: $0.straightLine))" }
        }
        for year in 2020...2022 { #expect(summary(retro, year) == summary(moved, year), "vintage \(year)") }
        #expect(summary(retro, 2023) != summary(moved, 2023))
        #expect(retro.vintages[2].run.scenarios[0].projections == moved.vintages[2].run.scenarios[0].projections)
    }

    @Test func theBrierAndLogScoresAsDefined() throws {
        let retro = try Retrospective.run(Self.study(), options: Self.options)
        // Pathways: 2020-2023 say 1 for both, a met and b missed: ((1 − 1)² + (1 − 0)²) / 2 = 0.5; 2024 says 1 and 0: 0.
        let expected: [Int: Double] = [2020: 0.5, 2021: 0.5, 2022: 0.5, 2023: 0.5, 2024: 0]
        for (year, brier) in expected {
            let score = try #require(retro.score(.pathways, scenario: "fixed", vintage: year))
            #expect(score.count == 2 && abs(score.brier - brier) < 1e-15, "vintage \(year)")
        }
        let all = try #require(retro.score(.pathways, scenario: "fixed"))
        #expect(all.count == 10 && abs(all.brier - 0.4) < 1e-15)   // 4 wrong of 10
        // Log: a wrong 1 scores −ln 0.01 = 4.6051701860, a right one −ln 0.99 = 0.0100503359;
        // 2020: (4.6051701860 + 0.0100503359) / 2 = 2.3076102610; all: (4 × 4.6051701860 + 6 × 0.0100503359) / 10 = 1.8480982760.
        #expect(abs(try #require(retro.score(.pathways, scenario: "fixed", vintage: 2020)).logScore - 2.3076102610) < 1e-9)
        #expect(abs(all.logScore - 1.8480982760) < 1e-9)
        // The straight line through the last two observations gives 128 in 2025 at every vintage: a missed
        // (wrongly) and b missed (rightly): 0.5 at each vintage.
        #expect(retro.rows.filter { $0.target.id != "c" }.allSatisfy { abs(($0.straightLine ?? 0) - 128) < 1e-9 && $0.straightLineMet == false })
        #expect(abs(try #require(retro.score(.straightLine, scenario: "fixed")).brier - 0.5) < 1e-15)
        // The Eurostat score uses the same rows: the mean of (status forecast − outcome)².
        let rows = retro.scored(scenario: "fixed")
        let eurostat = rows.map { r in pow((r.eurostat! ? 1.0 : 0) - (r.met! ? 1 : 0), 2) }.reduce(0, +) / Double(rows.count)
        #expect(abs(try #require(retro.score(.eurostat, scenario: "fixed")).brier - eurostat) < 1e-15)
    }

    @Test func projectionsAgainstTheOutcome() throws {
        let retro = try Retrospective.run(Self.study(), options: Self.options)
        let x = retro.projections.filter { $0.indicator == "x" }
        #expect(x.map(\.vintage) == [2020, 2021, 2022, 2023, 2024])
        // 2024: 130.2 against 130: 0.1538…% off; a path without uncertainty has an interval of one point, which misses.
        let last = try #require(x.last)
        #expect(abs((last.absolutePercentageError ?? 0) - 0.2 / 130) < 1e-12)
        #expect(last.covered95 == false)
        #expect(retro.projections.allSatisfy { $0.indicator == "x" })   // only x has a 2025 outcome
    }

    @Test func aStudyWithoutVintagesIsRefused() {
        var study = Self.study()
        study.baseYear = 2025
        #expect(throws: SimulationError.noVintage(study: "retro", reason: "its base year 2025 is not before its target year 2025")) {
            try Retrospective.run(study, options: Self.options)
        }
    }
}
