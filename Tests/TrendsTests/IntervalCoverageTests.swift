import Foundation
import LeastSquares
import Testing
@testable import Trends

/// Prediction intervals mean what they say: on series drawn from each family with known Gaussian noise on
/// its fitted scale, the 95% interval for the next value covers it 95% ± 1.5% of the time and the 80%
/// interval 80% ± 2% (2,000 series per family, fixed seed; 1.5 points is about three binomial SEs).
@Suite struct IntervalCoverageTests {
    struct Scenario: Sendable, CustomTestStringConvertible {
        let family: TrendFamily
        let options: TrendOptions
        /// The true curve on the fitted scale at t = year − 2020.
        let curve: @Sendable (Double) -> Double
        let noise: Double
        var testDescription: String {
            family.name + (options.cap == nil && family == .logistic ? " (cap profiled)" : "")
                + (options.dampingFactor == nil && family == .damped ? " (φ profiled)" : "")
        }
    }

    static let scenarios: [Scenario] = [
        Scenario(family: .linear, options: .init(), curve: { 50 + 1.2 * $0 }, noise: 0.8),
        Scenario(family: .compound, options: .init(), curve: { log(30_000) + 0.07 * $0 }, noise: 0.02),
        Scenario(family: .polynomial(degree: 2), options: .init(), curve: { 40 + 1.5 * $0 - 0.05 * $0 * $0 }, noise: 0.5),
        Scenario(family: .polynomial(degree: 3), options: .init(), curve: { 40 + 1.5 * $0 - 0.05 * $0 * $0 + 0.002 * $0 * $0 * $0 }, noise: 0.5),
        Scenario(family: .logistic, options: .init(cap: 100), curve: { 0.4 + 0.08 * $0 }, noise: 0.03),
        Scenario(family: .damped, options: .init(dampingFactor: 0.85), curve: { log(500) + 0.12 * TrendModel.dampedSteps($0 + 14, 0.85) }, noise: 0.015),
        Scenario(family: .damped, options: .init(), curve: { log(500) + 0.12 * TrendModel.dampedSteps($0 + 14, 0.85) }, noise: 0.015),
    ]
    /// A random walk with drift 0.9 a year and shocks of SD 0.6, from 50 in 2006 (the drift family).
    static let driftScenario = Scenario(family: .drift, options: .init(), curve: { _ in 0 }, noise: 0.6)
    // With φ profiled, the intervals use the leverage of the model linearized in (a, b, φ) (measured:
    // 94.05%/78.9%; conditioning on the chosen φ gave 91.7%/73.2%). With the cap profiled they condition on
    // the chosen cap and cover less (91.0%/73.7% with this seed); see TrendModel.jacobianRegressors.

    static let years = Array(2006...2020)

    @Test(arguments: scenarios + [driftScenario])
    func nextValueCoverage(_ scenario: Scenario) throws {
        let transform = scenario.family.transform(cap: scenario.options.cap)
        var random = RandomStream(seed: 2025, stream: UInt64(Self.scenarios.firstIndex { $0.testDescription == scenario.testDescription } ?? 99))
        let count = 2_000
        var series: [TrendSeries] = [], next: [Double] = []
        for k in 0..<count {
            if scenario.family == .drift {
                var level = 50.0
                let values = Self.years.map { _ in level += 0.9 + scenario.noise * random.nextStandardNormal(); return level }
                series.append(TrendSeries(id: "s\(k)", years: Self.years, values: values))
                next.append(level + 0.9 + scenario.noise * random.nextStandardNormal())
                continue
            }
            let values = Self.years.map { transform.inverse(scenario.curve(Double($0 - 2020)) + scenario.noise * random.nextStandardNormal()) }
            series.append(TrendSeries(id: "s\(k)", years: Self.years, values: values))
            next.append(transform.inverse(scenario.curve(1) + scenario.noise * random.nextStandardNormal()))
        }
        var covered80 = 0, covered95 = 0
        for (result, actual) in zip(TrendFitter.fit(series, family: scenario.family, options: scenario.options), next) {
            let forecast = try result.get().forecast([2021])
            if try #require(forecast.intervals(level: 0.8))[0].contains(actual) { covered80 += 1 }
            if try #require(forecast.intervals(level: 0.95))[0].contains(actual) { covered95 += 1 }
        }
        let rate80 = Double(covered80) / Double(count), rate95 = Double(covered95) / Double(count)
        #expect(abs(rate95 - 0.95) <= 0.015, "95% interval covered \(rate95)")
        #expect(abs(rate80 - 0.80) <= 0.02, "80% interval covered \(rate80)")
    }
}
