import Testing
@testable import Trends

/// Bad input gives a clear error per family, and `auto` skips a family that cannot apply and says why.
@Suite struct TrendInputTests {
    static let years = Array(2015...2022)

    @Test func compoundNeedsPositiveValues() {
        let series = TrendSeries(id: "fiscal_balance", years: Self.years, values: [3, 2, 1, 0, -1, -2, -3, -4])
        #expect(throws: TrendError.nonPositiveValue(series: "fiscal_balance", family: "compound", year: 2018, value: 0)) {
            try TrendFitter.fit(series, family: .compound)
        }
        let message = TrendError.nonPositiveValue(series: "fiscal_balance", family: "compound", year: 2018, value: 0).description
        #expect(message == "fiscal_balance: compound needs positive values, but 2018 is 0.")
    }

    @Test func logisticNeedsValuesInsideTheCap() {
        let series = TrendSeries(id: "coverage", years: Self.years, values: [90, 94, 97, 99, 100, 100, 100, 100])
        #expect(throws: TrendError.outsideCap(series: "coverage", year: 2019, value: 100, cap: 100)) {
            try TrendFitter.fit(series, family: .logistic, options: TrendOptions(cap: 100))
        }
    }

    @Test func tooFewPointsForTheFamily() {
        let series = TrendSeries(id: "gdp", years: [2021, 2022, 2023], values: [819.9, 878.5, 930])
        #expect(throws: TrendError.tooFewPoints(series: "gdp", family: "polynomial2", points: 3, needed: 4)) {
            try TrendFitter.fit(series, family: .polynomial(degree: 2))
        }
        #expect(throws: TrendError.tooFewPoints(series: "gdp", family: "damped", points: 3, needed: 4)) {
            try TrendFitter.fit(series, family: .damped)
        }
    }

    @Test func allEqualValuesHaveNoTrend() {
        let series = TrendSeries(id: "flat", years: Self.years, values: Array(repeating: 7, count: 8))
        for family in [TrendFamily.linear, .compound, .polynomial(degree: 2)] {
            #expect(throws: TrendError.constantSeries(series: "flat")) { try TrendFitter.fit(series, family: family) }
        }
    }

    @Test func excludedYearsAndGapsAreLeftOut() throws {
        let series = TrendSeries(id: "jobs", years: [2016, 2017, 2018, 2019, 2020, 2021, 2022],
                                 values: [8, 10, 12, .nan, 3, 18, 20])
        let fit = try TrendFitter.fit(series, family: .linear, options: TrendOptions(excludedYears: [2020]))
        #expect(fit.years == [2016, 2017, 2018, 2021, 2022])
        #expect(abs(fit.parameters[1] - 2) < 1e-12)  // the remaining points lie on y = 20 + 2 (year − 2022)
        #expect(abs(fit.parameters[0] - 20) < 1e-12)
    }

    @Test func autoSkipsFamiliesThatCannotApplyAndSaysWhy() throws {
        let series = TrendSeries(id: "net_exports", years: Self.years, values: [-2, 0.5, 1.9, 3.1, 4.2, 5.8, 7.1, 8.0])
        let selection = TrendFitter.select(series)
        #expect(selection.chosen == .linear || selection.chosen == .drift)
        #expect(selection.skipped.map(\.family) == [.compound, .damped])
        #expect(selection.skipped.allSatisfy { if case .nonPositiveValue(_, _, 2015, -2) = $0.error { return true } else { return false } })
        #expect(selection.reason.hasPrefix("cross-validation: lowest MASE") || selection.reason.hasPrefix("AICc"))
    }

    @Test func autoUsesAICcBelowEightPoints() throws {
        let series = TrendSeries(id: "income", years: Array(2017...2022), values: [100, 108, 116.6, 126, 136, 147])
        let selection = TrendFitter.select(series)
        #expect(selection.reason.hasPrefix("AICc: lowest"))
        #expect(selection.reason.contains("6 points; fewer than 8 points for cross-validation"))
        let best = try #require(selection.fits.filter { $0.aicc != nil }.min { $0.aicc! < $1.aicc! })
        #expect(selection.chosen == best.family)
    }
}
