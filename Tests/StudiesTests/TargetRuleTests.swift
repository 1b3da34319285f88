import Testing
@testable import Studies

@Suite("TargetRule")
struct TargetRuleTests {
    @Test("operators compare as written", arguments: [
        (ComparisonOperator.lessOrEqual, 1.8, 1.8, true),
        (.lessOrEqual, 1.81, 1.8, false),
        (.less, 1.8, 1.8, false),
        (.less, 1.79, 1.8, true),
        (.greaterOrEqual, 60, 60, true),
        (.greater, 2000, 2000, false),
        (.greater, 2000.5, 2000, true),
    ])
    func satisfaction(op: ComparisonOperator, value: Double, threshold: Double, expected: Bool) {
        #expect(op.isSatisfied(by: value, threshold: threshold) == expected)
    }

    @Test("reads as a short rule")
    func descriptions() {
        #expect(TargetRule(op: .lessOrEqual, measure: .level(1.8)).description == "<= 1.8")
        #expect(TargetRule(op: .greaterOrEqual, measure: .multipleOf(baseYear: 2020, factor: 2)).description == ">= 2 × 2020")
        #expect(TargetRule(op: .greaterOrEqual, measure: .cumulative(fromYear: 2021, total: 100000)).description == ">= 100000 summed from 2021")
        #expect(TargetRule(op: .greaterOrEqual, measure: .averageGrowth(fromYear: 2020, rate: 0.08)).description == ">= 8% a year from 2020")
    }
}
