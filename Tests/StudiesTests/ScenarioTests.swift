import Testing
@testable import Studies

@Suite("Scenarios")
struct ScenarioTests {
    @Test("extends is resolved: the child's assumptions on an indicator replace the parent's, the rest is inherited")
    func resolution() throws {
        let study = try StudyLoader.load(at: TestPaths.fixture("valid"))
        #expect(study.scenarios.map(\.name) == ["baseline", "faster"])
        let baseline = try #require(study.scenario(named: "baseline"))
        #expect(baseline.lineage == ["baseline"])
        #expect(baseline.assumptions["urban_income"]?.map(\.change) == [.growth(rate: 0.06, fromYear: 2023)])
        #expect(baseline.correlations == [ScenarioSpec.IndicatorPair("rural_income", "urban_income"): 0.6])

        let faster = try #require(study.scenario(named: "faster"))
        #expect(faster.extends == "baseline")
        #expect(faster.lineage == ["baseline", "faster"])
        #expect(faster.title == BilingualText(en: "Rural incomes grow faster", zh: "农村居民收入加快增长"))
        // The child overrides the parent's growth of urban income.
        #expect(faster.assumptions["urban_income"]?.map(\.change) == [.growth(rate: 0.05, fromYear: 2023)])
        #expect(faster.assumptions["urban_income"]?.first?.scenario == "faster")
        // Three assumptions on one indicator: a path, then growth, with a shock on the growth years.
        let rural = try #require(faster.assumptions["rural_income"])
        #expect(rural.map(\.change) == [
            .path([2023: 39500, 2024: 42800]),
            .growth(rate: 0.085, fromYear: 2025),
            .shock(year: 2025, level: -0.02),
        ])
        // Values typed into a path are certain unless the file asks for noise; growth keeps the trend's.
        #expect(rural.map(\.uncertainty) == [.none, .trend, .none])
        // Monte Carlo settings are inherited field by field; correlations are inherited.
        #expect(faster.uncertainty == ScenarioSpec.Uncertainty(paths: 1000, seed: 11))
        #expect(faster.correlations[ScenarioSpec.IndicatorPair("urban_income", "rural_income")] == 0.6)
    }

    @Test("each scenario problem is reported at its file, line and field", arguments: [
        ("scenario-unknown-indicator", "scenarios/faster.yaml:10: assumptions.urban_incomes: unknown indicator 'urban_incomes'; did you mean 'urban_income'?"),
        ("scenario-unknown-key", "scenarios/faster.yaml:10: assumptions.urban_income.grwoth: unknown key 'grwoth'; did you mean 'growth'?"),
        ("scenario-overlap", "scenarios/faster.yaml:8: assumptions.rural_income: growth overlaps the years of the path on line 7 for the same indicator"),
        ("scenario-bad-number", "scenarios/faster.yaml:10: assumptions.urban_income.growth: growth 5 is 500% a year; write growth as a fraction: 0.05 for 5%"),
        ("scenario-extends-unknown", "scenarios/faster.yaml:4: extends: extends unknown scenario 'basline'; did you mean 'baseline'?"),
        ("scenario-extends-cycle", "scenarios/faster.yaml:4: extends: extends chain forms a cycle: faster → slower → faster"),
    ])
    func brokenScenario(name: String, expected: String) {
        let validation = StudyLoader.validate(at: TestPaths.fixture(name))
        #expect(validation.study == nil)
        #expect(validation.lines == [expected])
    }

    @Test("overlap rules: trajectories clash, modifiers clash with their own kind and with paths")
    func overlapRules() {
        func assumption(_ change: Assumption.Change) -> Assumption {
            Assumption(indicator: "gdp", change: change, scenario: "s")
        }
        let growth = assumption(.growth(rate: 0.05, fromYear: 2024))
        let openGrowth = assumption(.growth(rate: 0.05, fromYear: nil))
        let path = assumption(.path([2022: 1, 2023: 2]))
        let shock = assumption(.shock(year: 2023, level: -0.03))
        #expect(!growth.overlaps(path))
        #expect(openGrowth.overlaps(path), "a growth without 'from' may start at any projected year")
        #expect(shock.overlaps(path))
        #expect(!shock.overlaps(growth))
        #expect(assumption(.growthShock(fromYear: 2023, toYear: 2025, delta: -0.01)).overlaps(growth))
    }
}
