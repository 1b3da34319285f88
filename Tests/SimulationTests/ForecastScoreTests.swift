import Foundation
import Studies
import Testing
@testable import Simulation

/// The scores and the rivals of a retrospective on cases worked by hand.
@Suite struct ForecastScoreTests {
    @Test func brierAndLogScoreByHand() throws {
        // p = 0.9 met, 0.3 missed, 0.0 met (clipped to 0.01), 1.0 met (clipped to 0.99).
        // Brier = (0.01 + 0.09 + 1 + 0) / 4 = 0.275.
        // Log = (−ln 0.9 − ln 0.7 − ln 0.01 − ln 0.99) / 4 = (0.1053605157 + 0.3566749439 + 4.6051701860 + 0.0100503359) / 4 = 1.2693139954.
        let score = try #require(ForecastScore([(0.9, true), (0.3, false), (0, true), (1, true)]))
        #expect(score.count == 4)
        #expect(abs(score.brier - 0.275) < 1e-15)
        #expect(abs(score.logScore - 1.2693139954) < 1e-9)
        #expect(ForecastScore([]) == nil)
        #expect(abs(ForecastScore.logLoss(p: 1, met: false) - 4.605170185988091) < 1e-12)   // −ln 0.01
    }

    @Test func reliabilityByBand() {
        let table = ReliabilityRow.table([(0.70, true), (0.80, false), (0.85, true), (0.95, true), (0.05, false), (0.66, true)])
        #expect(table.map(\.band) == [.veryUnlikely, .likely, .veryLikely])
        let likely = table[1]
        #expect(likely.count == 4 && likely.met == 3 && abs(likely.meanProbability - 0.7525) < 1e-12 && likely.observedFrequency == 0.75)
    }

    @Test func theEurostatStatusAsAForecast() {
        #expect(RivalForecast.eurostat(.onTrack) == true && RivalForecast.eurostat(.achieved) == true)
        #expect(RivalForecast.eurostat(.moderateProgress) == false && RivalForecast.eurostat(.movingAway) == false)
        #expect(RivalForecast.eurostat(.insufficientData) == nil && RivalForecast.eurostat(.noData) == nil)
    }

    static func target(_ measure: TargetRule.Measure, _ op: ComparisonOperator = .greaterOrEqual) -> Target {
        Target(id: "t", indicator: "x", rule: TargetRule(op: op, measure: measure), year: 2025, quote: "")
    }

    @Test func theStraightLineByHand() throws {
        // Observations 2019: 50, 2021: 54, 2022: 56 — the last two give +2 a year: 62 in 2025.
        let values: [Int: Double] = [2019: 50, 2021: 54, 2022: 56]
        let level = try #require(RivalForecast.straightLine(Self.target(.level(60)), values: values))
        #expect(level.measure == 62 && level.met)
        #expect(RivalForecast.straightLine(Self.target(.level(60), .less), values: values)?.met == false)
        // 2020 lies between 2019 and 2021: 52. Sum 2020-2025 = 52 + 54 + 56 + 58 + 60 + 62 = 342.
        let sum = try #require(RivalForecast.straightLine(Self.target(.cumulative(fromYear: 2020, total: 342)), values: values))
        #expect(sum.measure == 342 && sum.met)
        // A window starting before the first observation has no value for its first years.
        #expect(RivalForecast.straightLine(Self.target(.cumulative(fromYear: 2018, total: 1)), values: values) == nil)
        // Double the 2020 value (52 → 104) by 2025: 62 misses it.
        #expect(RivalForecast.straightLine(Self.target(.multipleOf(baseYear: 2020, factor: 2)), values: values)?.met == false)
        // Average growth 2021-2025: (62 / 54)^(1/4) − 1 = 0.035139…
        let growth = try #require(RivalForecast.straightLine(Self.target(.averageGrowth(fromYear: 2021, rate: 0.035)), values: values))
        #expect(abs(growth.measure - (pow(62.0 / 54, 0.25) - 1)) < 1e-15 && growth.met)
        #expect(RivalForecast.straightLine(Self.target(.level(60)), values: [2022: 56]) == nil)
    }
}
