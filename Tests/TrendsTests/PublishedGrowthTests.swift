import Foundation
import Testing
import _TestSupport
@testable import Trends

/// A random walk on the log scale counts published growth rates as observed yearly changes where the levels do
/// not give them, and takes rates after the last level as known steps of the forecast.
@Suite struct PublishedGrowthTests {
    /// Linhai's rural income: levels 2015, 2021, 2022; published growth 2015 (9.3%), 2022 (5.4%), 2024 (5.6%).
    static let rural = TrendSeries(id: "rural_income", years: [2015, 2021, 2022], values: [20973, 35367, 37261],
                                   publishedGrowth: [2015: 0.093, 2022: 0.054, 2024: 0.056])

    /// The 2015 rate is a change of its own (the 2014 level is unknown), the 2022 rate is redundant (both levels
    /// are known), the 2024 rate is a change of its own and a known step after the last level.
    @Test func changesFromLevelsAndRates() {
        let z = Self.rural.values.map(Foundation.log)
        let changes = TrendFitter.randomWalkChanges(years: Self.rural.years, logValues: z, growth: Self.rural.publishedGrowth)
        #expect(changes.spans == [1, 6, 1, 1])
        #expect(changes.changes == [Foundation.log1p(0.093), z[1] - z[0], z[2] - z[1], Foundation.log1p(0.056)])
        #expect(changes.ratesUsed == [2015, 2024])
        #expect(changes.after == [2024: Foundation.log1p(0.056)])
    }

    /// A rate for a year inside a gap splits it: the rate's year, and the rest of the gap; a gap whose every year
    /// has a rate is the levels' change.
    @Test func ratesInsideGaps() {
        let z = [Foundation.log(100.0), Foundation.log(130.0), Foundation.log(150.0)]
        let split = TrendFitter.randomWalkChanges(years: [2010, 2013, 2015], logValues: z, growth: [2012: 0.1, 2014: 0.05, 2015: 0.09])
        // 2010→2013 holds one rate (2012): 2012 alone, then 2011 and 2013 together; 2014 and 2015 both have
        // rates, so 2013→2015 is the levels' change.
        #expect(split.spans == [1, 2, 2])
        #expect(split.changes == [Foundation.log1p(0.1), z[1] - z[0] - Foundation.log1p(0.1), z[2] - z[1]])
        #expect(split.ratesUsed == [2012])
        #expect(split.after.isEmpty)
    }

    /// Drift ĉ = ΣΔ/Σg, σ̂² = Σ((Δ − ĉg)/√g)²/(m − 1), se = σ̂/√Σg over the changes above; the 2025 forecast
    /// from the 2022 level is log(37261) + ĉ (2023) + log(1.056) (2024, known) + ĉ (2025), variance
    /// 2σ̂² + 4 se², Student t with 3 df. Reference (numpy 2.x, scipy 1.x):
    /// s = [1, 6, 1, 1]; d = [log1p(.093), log(35367/20973), log(37261/35367), log1p(.056)]; c = d.sum()/s.sum();
    /// r = (d − c s)/√s; σ = √(Σr²/3); se = σ/√9; loc = log(37261) + 2c + log1p(.056); sd = √(2σ² + 4se²);
    /// exp(loc ∓ t.ppf(.975, 3) sd) → c 0.07979174461404967, σ 0.024538499018479445, se 0.008179499672826482,
    /// 2025 median 46155.62680374048, 95% [40850.681998823995, 52149.481511899714]; 2024 (one unknown year)
    /// 95% [39248.39129543703, 46272.313839370596].
    @Test func driftWithPublishedGrowthMatchesTheClosedForm() throws {
        let fit = try TrendFitter.fit(Self.rural, family: .drift)
        #expect(fit.transform == .log && fit.degreesOfFreedom == 3)
        #expect(isClose(fit.parameters[0], 0.07979174461404967, relative: 1e-13))
        #expect(isClose(fit.residualStandardDeviation, 0.024538499018479445, relative: 1e-13))
        #expect(isClose(fit.standardErrors[0], 0.008179499672826482, relative: 1e-13))
        #expect(fit.publishedGrowthUsed == [2015, 2024])
        let forecast = fit.forecast([2024, 2025])
        let i2024 = try #require(forecast.intervals(level: 0.95)?[0]), i2025 = try #require(forecast.intervals(level: 0.95)?[1])
        #expect(isClose(forecast.point[1], 46155.62680374048, relative: 1e-12))
        #expect(isClose([i2025.lower, i2025.upper], [40850.681998823995, 52149.481511899714], relative: 1e-12))
        #expect(isClose([i2024.lower, i2024.upper], [39248.39129543703, 46272.313839370596], relative: 1e-12))
    }

    /// A known step adds no noise: with the rates of every forecast year known, the forecast is certain.
    @Test func knownStepsAreCertain() throws {
        let series = TrendSeries(id: "x", years: [2018, 2019, 2020], values: [100, 104, 109], publishedGrowth: [2021: 0.05, 2022: 0.04])
        let forecast = try TrendFitter.fit(series, family: .drift).forecast([2021, 2022, 2023])
        let intervals = try #require(forecast.intervals(level: 0.95))
        #expect(isClose(forecast.point[0], 109 * 1.05, relative: 1e-14) && isClose(forecast.point[1], 109 * 1.05 * 1.04, relative: 1e-14))
        #expect(intervals[0].lower == intervals[0].upper && intervals[1].lower == intervals[1].upper)
        #expect(intervals[2].lower < intervals[2].upper)
    }

    /// Rates the levels already give change nothing: the walk fitted alone through them is the batch random
    /// walk on the log scale, bit for bit; families other than the random walks ignore the rates.
    @Test func ratesChangeOnlyTheRandomWalks() throws {
        let plain = TrendSeries(id: "rural_income", years: Self.rural.years, values: Self.rural.values)
        let withRates = try TrendFitter.fit(Self.rural, family: .compound), without = try TrendFitter.fit(plain, family: .compound)
        #expect(withRates.parameters == without.parameters && withRates.publishedGrowthUsed.isEmpty)
        let batch = try TrendFitter.fit(plain, family: .drift, options: TrendOptions(scale: .log))
        let redundant = TrendSeries(id: "rural_income", years: plain.years, values: plain.values, publishedGrowth: [2022: 0.054])
        let alone = try TrendFitter.fit(redundant, family: .drift)
        #expect(alone.publishedGrowthUsed.isEmpty && alone.knownChanges.isEmpty)
        #expect(alone.parameters == batch.parameters && alone.standardErrors == batch.standardErrors)
        #expect(alone.residualStandardDeviation == batch.residualStandardDeviation && alone.degreesOfFreedom == batch.degreesOfFreedom)
        #expect(alone.forecast([2025]).point == batch.forecast([2025]).point)
    }

    /// A rate of −100% or less is no change of a logarithm: the fit says so.
    @Test func impossibleRatesAreRefused() {
        let series = TrendSeries(id: "x", years: [2018, 2020], values: [100, 110], publishedGrowth: [2019: -1])
        #expect(throws: TrendError.self) { try TrendFitter.fit(series, family: .drift) }
    }
}
