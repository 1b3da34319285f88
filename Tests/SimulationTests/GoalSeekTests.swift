import Foundation
import Studies
import Testing
@testable import Simulation

/// Goal seeking on the bundled Linhai study: the rural income growth that brings the urban-rural income
/// ratio to 1.8 in 2025, put back into the scenario, meets the target to 1e-6.
@Suite struct GoalSeekTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func linhai() throws -> Study {
        try StudyLoader.load(at: root.appendingPathComponent("Scenarios/linhai-2025"))
    }

    /// Replaces the study's income-ratio target by a stricter one (1.6), which the trend does not reach, so the
    /// solved growth is an interior solution.
    static func strictRatio(_ study: Study) -> Study {
        let target = Target(id: "ratio-1.6", indicator: "urban_rural_income_ratio", rule: TargetRule(op: .lessOrEqual, measure: .level(1.6)), year: 2025, quote: "")
        return Study(id: study.id, title: study.title, region: study.region, baseYear: study.baseYear, targetYear: study.targetYear,
                     indicators: study.indicators, observations: study.observations, targets: [target], scenarios: study.scenarios)
    }

    @Test(arguments: [0.5, 0.8])
    func solvedGrowthMeetsTheTargetWhenPutBack(probability: Double) throws {
        let study = Self.strictRatio(try Self.linhai())
        let options = RunOptions(paths: 2_000, seed: 11, threads: 2, scenarios: ["baseline"])
        let solved = try StudyRunner.solve(study, target: "ratio-1.6", vary: "rural_income", scenario: "baseline",
                                           probability: probability, options: options)
        #expect(solved.fromYear == 2023)
        #expect(solved.growth > 0 && solved.growth < 0.5)
        #expect(abs(solved.measure - 1.6) < 1e-6 * 1.6)

        var spec = try #require(study.scenario(named: "baseline"))
        spec.assumptions["rural_income"] = [solved.assumption]
        let put = Study(id: study.id, title: study.title, region: study.region, baseYear: study.baseYear, targetYear: study.targetYear,
                        indicators: study.indicators, observations: study.observations, targets: study.targets, scenarios: [spec])
        let run = try StudyRunner.run(put, options: options)
        let row = try #require(run.scenarios[0].projections.first { $0.indicator == "urban_rural_income_ratio" && $0.year == 2025 })
        let feasibility = try #require(run.scenarios[0].feasibility.first)
        if probability == 0.5 {
            #expect(abs(row.value - 1.6) / 1.6 < 1e-6, "median ratio \(row.value)")
        }
        let pMeet = try #require(feasibility.pMeet)
        #expect(abs(pMeet - probability) <= 1.0 / 2_000 + 1e-12, "p_meet \(pMeet)")
    }

    @Test func unknownTargetIsAnError() throws {
        #expect(throws: SimulationError.unknownTarget(id: "no-such-target")) {
            try StudyRunner.solve(try Self.linhai(), target: "no-such-target", vary: "rural_income", options: RunOptions(paths: 100))
        }
    }
}
