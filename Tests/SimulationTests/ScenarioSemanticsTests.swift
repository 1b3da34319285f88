import Foundation
import Studies
import Testing
@testable import Simulation

/// Scenarios do what they say: typed paths are certain, each bundled Linhai scenario moves what its title
/// names the way it names, and `validate` warns about assumptions that barely differ from their trend or go
/// the other way from their siblings.
@Suite struct ScenarioSemanticsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let names = BilingualText(en: "x", zh: "x")

    /// A study folder written from scratch: new urban jobs, observed 2021-2023, and one scenario file.
    static func jobsStudy(scenario: String) throws -> Study {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("semantics-\(UUID().uuidString)/jobs")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scenarios"), withIntermediateDirectories: true)
        let files = [
            "study.yaml": """
                id: jobs
                title: {en: Jobs, zh: 就业}
                region: {en: Town, zh: 镇}
                base_year: 2020
                target_year: 2025
                indicators:
                  - id: new_jobs
                    name: {en: New urban jobs, zh: 城镇新增就业}
                    unit: persons
                    kind: level
                    direction: up
                    model: linear
                """,
            "targets.yaml": """
                - id: jobs-60k
                  indicator: new_jobs
                  rule: {op: ">=", value: 60000}
                  year: 2025
                  quote: 新增就业6万人
                """,
            "history.csv": "indicator,year,value,source\nnew_jobs,2021,52000,a\nnew_jobs,2022,55500,b\nnew_jobs,2023,57100,c\n",
            "scenarios/plan.yaml": scenario,
        ]
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        return try StudyLoader.load(at: folder)
    }

    static func pMeet(_ study: Study) throws -> Double? {
        try StudyRunner.run(study, options: RunOptions(paths: 2_000, seed: 1, threads: 2)).scenarios[0].feasibility[0].pMeet
    }

    /// 59,699 typed for 2025 against a 60,000 target is a miss for certain, 60,001 a hit; with the trend's noise
    /// asked for, the probability lies in between.
    @Test func typedPathsAreCertainUnlessNoiseIsAsked() throws {
        func scenario(_ value: Int, _ extra: String = "") -> String {
            "name: plan\ntitle: {en: Plan, zh: 规划}\nrationale: {en: r, zh: r}\nassumptions:\n  new_jobs: {path: {2024: 58500, 2025: \(value)}\(extra)}\n"
        }
        #expect(try Self.pMeet(Self.jobsStudy(scenario: scenario(59_699))) == 0)
        #expect(try Self.pMeet(Self.jobsStudy(scenario: scenario(60_001))) == 1)
        let noisy = try #require(try Self.pMeet(Self.jobsStudy(scenario: scenario(59_699, ", uncertainty: trend"))))
        #expect(noisy > 0 && noisy < 1)
    }

    static let linhai: StudyRun = {
        let study = try! StudyLoader.load(at: root.appendingPathComponent("Scenarios/linhai-2025"))
        return try! StudyRunner.run(study, options: RunOptions(paths: 4_000, threads: 2))
    }()

    static func median(_ scenario: String, _ indicator: String, _ year: Int = 2025) throws -> Double {
        let run = try #require(linhai.scenarios.first { $0.spec.name == scenario })
        return try #require(run.projections.first { $0.indicator == indicator && $0.year == year && $0.kind == .projected }).value
    }

    /// rural-catch-up "Rural incomes grow faster": rural income up against the baseline, the income ratio down,
    /// urban income unchanged. slowdown "Slower growth": GDP and both incomes down.
    @Test func eachLinhaiScenarioMovesWhatItsTitleNames() throws {
        #expect(Self.linhai.scenarios.map(\.spec.name) == ["baseline", "rural-catch-up", "slowdown"])
        #expect(try Self.median("rural-catch-up", "rural_income") > Self.median("baseline", "rural_income"))
        #expect(try Self.median("rural-catch-up", "urban_rural_income_ratio") < Self.median("baseline", "urban_rural_income_ratio"))
        #expect(try Self.median("rural-catch-up", "urban_income") == Self.median("baseline", "urban_income"))
        for indicator in ["gdp", "urban_income", "rural_income"] {
            #expect(try Self.median("slowdown", indicator) < Self.median("baseline", indicator), "\(indicator)")
        }
        // The run says so too: each assumption against the trend it replaces.
        let effects = Self.linhai.assumptionEffects
        #expect(effects.first { $0.scenario == "rural-catch-up" && $0.indicator == "rural_income" }?.direction == 1)
        #expect(effects.filter { $0.scenario == "slowdown" }.map(\.direction) == [-1, -1, -1])
        #expect(StudyRunner.review(Self.linhai.study, effects: effects).isEmpty)
    }

    /// Linhai's 2025 income ratio (baseline): both incomes random walks with drift on the log scale over their
    /// level changes and published growth rates (urban 6 changes, rural 4), shocks correlated 0.994 from the
    /// growth panel the study names. Its 95% interval is no wider than 0.5 (with compound fits on the 3-4 levels
    /// alone, t with 1-2 df, it was [1.21, 2.44]).
    @Test func linhaiIncomeRatioIntervalIsPlausible() throws {
        let run = try #require(Self.linhai.scenarios.first { $0.spec.name == "baseline" })
        let row = try #require(run.projections.first { $0.indicator == "urban_rural_income_ratio" && $0.year == 2025 && $0.kind == .projected })
        let width = try #require(row.hi95) - (try #require(row.lo95))
        #expect(width > 0.05 && width <= 0.5, "\(row)")
        let c = try #require(run.correlations.first { Set([$0.pair.first, $0.pair.second]) == ["urban_income", "rural_income"] })
        #expect(c.source == .growthPanel(file: "sources/income-growth-panel.csv", pairs: 6) && c.value > 0.99)
        for income in ["urban_income", "rural_income"] {
            let trend = try #require(Self.linhai.trends.first { $0.indicator == income }?.fit)
            #expect(trend.family == .drift && trend.publishedGrowthUsed.contains(2024), "\(income)")
        }
    }

    /// A published rate after the last level is a known step that no scenario changes: rural income's 2024
    /// change is the published 5.6% path by path in every scenario, also where a growth shock covers 2023-2025.
    @Test func publishedStepsStayAsPublished() throws {
        for scenario in ["baseline", "rural-catch-up", "slowdown"] {
            let ratio = try Self.median(scenario, "rural_income", 2024) / Self.median(scenario, "rural_income", 2023)
            #expect(abs(ratio - 1.056) < 1e-9, "\(scenario): \(ratio)")
        }
    }

    /// x on a 5% compound trend; four siblings of the baseline: `near` grows 0.2 points faster (within the
    /// 0.5-point margin), `up1`, `up2` 2 points faster, `down` 2 points slower than every sibling that assumes x.
    @Test func reviewWarnsAboutTheMarginAndTheOddSibling() throws {
        let x = Indicator(id: "x", name: Self.names, unit: "t", kind: .level, model: .compound)
        let observations = [100.0, 105.2, 110.1, 115.9, 121.4].enumerated().map { Observation(indicator: "x", year: 2018 + $0, value: $1, source: "t") }
        func sibling(_ name: String, _ delta: Double, line: Int) -> ScenarioSpec {
            ScenarioSpec(name: name, title: Self.names, rationale: Self.names, extends: "baseline", lineage: ["baseline", name],
                         assumptions: ["x": [Assumption(indicator: "x", change: .growthShock(fromYear: 2023, toYear: 2025, delta: delta), scenario: name, line: line)]],
                         file: "scenarios/\(name).yaml")
        }
        let scenarios = [ScenarioSpec(name: "baseline", title: Self.names, rationale: Self.names, file: "scenarios/baseline.yaml"),
                         sibling("near", 0.002, line: 7), sibling("up1", 0.02, line: 8), sibling("up2", 0.02, line: 9), sibling("down", -0.02, line: 10)]
        let study = Study(id: "t", title: Self.names, region: Self.names, baseYear: 2020, targetYear: 2025, indicators: [x],
                          observations: observations, targets: [], scenarios: scenarios)
        let lines = StudyRunner.review(study).map(\.description)
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("scenarios/near.yaml:7: assumptions.x: warning: x is ") && $0.contains("less than 0.50% a year apart") })
        #expect(lines.contains { $0.hasPrefix("scenarios/down.yaml:10: assumptions.x: warning: x goes below its trend here but above it in every sibling scenario that assumes it (near, up1, up2)") })
    }
}
