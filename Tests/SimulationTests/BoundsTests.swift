import Foundation
import Studies
import Testing
@testable import Simulation

/// Simulated paths respect what the indicators are: a share stays inside (0, cap) path by path, a level stays
/// positive, a growth rate may go negative.
@Suite struct BoundsTests {
    static let names = BilingualText(en: "x", zh: "x")

    static func study(_ indicator: Indicator, values: [Double], from year: Int, targets: [Target] = [], scenarios: [ScenarioSpec] = []) -> Study {
        let observations = values.enumerated().map { Observation(indicator: indicator.id, year: year + $0, value: $1, source: "test") }
        return Study(id: "bounds", title: names, region: names, baseYear: 2020, targetYear: 2025, indicators: [indicator],
                     observations: observations, targets: targets, scenarios: scenarios)
    }

    /// Every path of every simulated year, and every number of the projection and feasibility rows.
    static func everything(_ study: Study, id: String) throws -> (paths: [Double], rows: [Double]) {
        var notes: [String] = []
        let spec = try StudyRunner.scenarios(of: study, options: .init())[0]
        let options = RunOptions(paths: 4_000, seed: 3, threads: 2)
        let trends = StudyRunner.fitTrends(study)
        let simulation = try StudyRunner.simulate(study, spec: spec, trends: trends, options: options, notes: &notes)
        var paths: [Double] = []
        for year in simulation.projectedYears(id) {
            if case .paths(let p)? = simulation.value(id, year: year) { paths += p }
        }
        let run = try StudyRunner.run(study, options: options)
        let rows = run.scenarios.flatMap(\.projections).flatMap { [$0.value, $0.lo80, $0.hi80, $0.lo95, $0.hi95].compactMap { $0 } }
            + run.scenarios.flatMap(\.feasibility).flatMap { [$0.projected, $0.lo80, $0.hi80, $0.lo95, $0.hi95].compactMap { $0 } }
        return (paths, rows)
    }

    /// 90, 92.25, 94.5, 96.75, 99 in 2018-2022: a straight line that a linear trend carries to 105.75 by 2025 and
    /// 117 by 2030. Simulated on the logit of the cap, no path, quantile or projected value reaches 100.
    @Test func aShareRisingLinearlyTo99StaysBelowItsCap() throws {
        let share = Indicator(id: "coverage", name: Self.names, unit: "%", kind: .share, model: .linear)
        let target = Target(id: "coverage-99.5", indicator: "coverage", rule: TargetRule(op: .greaterOrEqual, measure: .level(99.5)), year: 2025, quote: "")
        let values = [90, 92.25, 94.5, 96.75, 99.0].map { $0 + 0.01 * sin(Double($0)) }   // a little noise for an interval
        let (paths, rows) = try Self.everything(Self.study(share, values: values, from: 2018, targets: [target]), id: "coverage")
        #expect(paths.count == 4_000 * 8)   // 2023-2030
        #expect(paths.allSatisfy { $0 > 0 && $0 < 100 }, "max \(paths.max()!)")
        #expect(rows.allSatisfy { $0 > 0 && $0 < 100 }, "max \(rows.max()!)")
        // The projection still rises towards the cap: the 2030 median is above the last observation.
        #expect(paths.suffix(4_000).sorted()[2_000] > 99)
    }

    /// A full-coverage target on such a share has no probability (the cap is never reached), and says why.
    @Test func aTargetAtTheCapIsUndetermined() throws {
        let share = Indicator(id: "coverage", name: Self.names, unit: "%", kind: .share, model: .linear)
        let target = Target(id: "coverage-100", indicator: "coverage", rule: TargetRule(op: .greaterOrEqual, measure: .level(100)), year: 2025, quote: "")
        let study = Self.study(share, values: [90, 92.2, 94.6, 96.7, 99.0], from: 2018, targets: [target])
        let row = try #require(StudyRunner.run(study, options: RunOptions(paths: 500, seed: 1, threads: 1)).scenarios[0].feasibility.first)
        #expect(row.pMeet == nil)
        #expect(row.verdict == .undetermined)
        #expect(row.notes.contains { $0.contains("never reaches it") })
    }

    /// A level whose linear trend heads below zero (10, 8, 6, 4, 2) stays positive path by path.
    @Test func aLevelStaysPositive() throws {
        let level = Indicator(id: "stock", name: Self.names, unit: "t", kind: .level, model: .linear)
        let (paths, rows) = try Self.everything(Self.study(level, values: [10, 8.1, 5.9, 4.05, 2], from: 2018), id: "stock")
        #expect(!paths.isEmpty && paths.allSatisfy { $0 > 0 })
        #expect(rows.allSatisfy { $0 > 0 })
    }

    /// A growth rate falling from 6 to 2 (percent) is simulated additively: some paths go below zero.
    @Test func aGrowthRateMayGoNegative() throws {
        let rate = Indicator(id: "gdp_growth", name: Self.names, unit: "%", kind: .rate, model: .linear)
        let (paths, _) = try Self.everything(Self.study(rate, values: [6, 5.2, 3.7, 3.1, 2], from: 2018), id: "gdp_growth")
        #expect(paths.contains { $0 < 0 })
    }
}

/// The correlation of two indicators' shocks: declared when their histories share too few years, never a silent 0.
@Suite struct ShockCorrelationTests {
    static let names = BilingualText(en: "x", zh: "x")

    /// Urban and rural income observed in the same three years, their ratio derived and targeted.
    static func incomes(declared: [DeclaredCorrelation] = [], scenarioCorrelation: Double? = nil) -> Study {
        let urban = Indicator(id: "urban", name: names, unit: "yuan", kind: .level, model: .compound)
        let rural = Indicator(id: "rural", name: names, unit: "yuan", kind: .level, model: .compound)
        let ratio = Indicator(id: "ratio", name: names, unit: "", kind: .level, direction: .down, formula: try! Formula(parsing: "urban / rural"))
        var observations: [Observation] = []
        for (k, year) in [2015, 2021, 2022].enumerated() {
            observations.append(Observation(indicator: "urban", year: year, value: [39676, 62993, 65777][k], source: "test"))
            observations.append(Observation(indicator: "rural", year: year, value: [20973, 35367, 37261][k], source: "test"))
        }
        let target = Target(id: "ratio-1.8", indicator: "ratio", rule: TargetRule(op: .lessOrEqual, measure: .level(1.8)), year: 2025, quote: "")
        var spec = ScenarioSpec(name: "baseline", title: names, rationale: names, file: "scenarios/baseline.yaml")
        if let rho = scenarioCorrelation { spec.correlations[.init("urban", "rural")] = rho }
        return Study(id: "incomes", title: names, region: names, baseYear: 2020, targetYear: 2025, indicators: [urban, rural, ratio],
                     observations: observations, targets: [target], scenarios: [spec], correlations: declared)
    }

    static func run(_ study: Study) throws -> StudyRun { try StudyRunner.run(study, options: RunOptions(paths: 20_000, seed: 5, threads: 2)) }

    static func width(_ run: StudyRun) throws -> Double {
        let row = try #require(run.scenarios[0].projections.first { $0.indicator == "ratio" && $0.year == 2025 })
        return try #require(row.hi95) - (try #require(row.lo95))
    }

    @Test func undeclaredIsZeroAndSaysSo() throws {
        let run = try Self.run(Self.incomes())
        let c = try #require(run.scenarios[0].correlations.first)
        #expect(c.value == 0 && c.source == .undeclared(commonYears: 3))
        #expect(run.notes.contains { $0.hasPrefix("rural and urban, the inputs of ratio, are simulated as uncorrelated") })
        #expect(StudyRunner.review(Self.incomes()).contains { $0.file == "study.yaml" && $0.message.contains("share 3 observed years") })
    }

    @Test func aDeclaredValueIsUsedAndNarrowsTheRatio() throws {
        let declared = DeclaredCorrelation(pair: .init("urban", "rural"), basis: .stated(source: "test"), value: 0.9)
        let run = try Self.run(Self.incomes(declared: [declared]))
        let c = try #require(run.scenarios[0].correlations.first)
        #expect(c.value == 0.9 && c.source == .stated(source: "test"))
        #expect(!run.notes.contains { $0.contains("uncorrelated") })
        #expect(StudyRunner.review(Self.incomes(declared: [declared])).isEmpty)
        #expect(try Self.width(run) < Self.width(try Self.run(Self.incomes())))
    }

    @Test func theScenarioOverridesTheStudy() throws {
        let declared = DeclaredCorrelation(pair: .init("urban", "rural"), basis: .stated(source: "test"), value: 0.9)
        let c = try #require(try Self.run(Self.incomes(declared: [declared], scenarioCorrelation: 0.3)).scenarios[0].correlations.first)
        #expect(c.value == 0.3 && c.source == .scenario(file: "scenarios/baseline.yaml"))
    }

    /// The growth panel of Linhai (2015, 2022, 2024) and Zhejiang (2014, 2021, 2024), urban then rural growth in
    /// percent; each region's mean removed from log(1 + g/100), pooled. Computed with numpy:
    /// a, b = [], []; for reg in (L, Z): x = [log1p(u/100)…], z = [log1p(r/100)…]; a += x − mean(x); b += z − mean(z)
    /// → Σab / sqrt(Σa² Σb²) = 0.9939066736329302.
    @Test func aGrowthPanelGivesTheHandComputedCorrelation() throws {
        let pairs: [DeclaredCorrelation.GrowthPair] = [
            .init(region: "Linhai", year: 2015, first: 9.3, second: 8.7), .init(region: "Linhai", year: 2022, first: 5.4, second: 4.4),
            .init(region: "Linhai", year: 2024, first: 5.6, second: 5.1), .init(region: "Zhejiang", year: 2014, first: 10.7, second: 8.9),
            .init(region: "Zhejiang", year: 2021, first: 10.4, second: 9.2), .init(region: "Zhejiang", year: 2024, first: 6.1, second: 4.3),
        ]
        #expect(abs(ShockCorrelation.panel(pairs) - 0.9939066736329302) < 1e-12)
        let declared = DeclaredCorrelation(pair: .init("urban", "rural"), basis: .growthPanel(file: "panel.csv", pairs: pairs))
        let c = try #require(try Self.run(Self.incomes(declared: [declared])).scenarios[0].correlations.first)
        #expect(abs(c.value - 0.9939066736329302) < 1e-12 && c.source == .growthPanel(file: "panel.csv", pairs: 6))
    }
}
