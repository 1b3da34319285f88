import Foundation
import LeastSquares
import Common
import Testing
@testable import Trends

/// `auto`: the median of its pool, the law of scaled errors its intervals come from, honest backtests, bounds.
@Suite struct CombinationTests {
    static func series(_ id: String, _ values: [Double], from first: Int = 2005, panel: String? = nil) -> TrendSeries {
        TrendSeries(id: id, years: Array(first..<(first + values.count)), values: values, panel: panel)
    }

    /// A seeded noisy exponential trend.
    static func noisy(_ seed: UInt64, count: Int = 16, growth: Double = 0.06, noise: Double = 0.03) -> [Double] {
        var random = RandomStream(seed: seed, stream: 0)
        var level = 100.0
        return (0..<count).map { _ in
            level *= Foundation.exp(growth + noise * random.nextStandardNormal())
            return level
        }
    }

    @Test("the point forecast is the median of the six members' (naive, drift, Holt; original and log scales)")
    func pointIsMedianOfMembers() throws {
        let s = Self.series("a", Self.noisy(1))
        let selection = TrendFitter.auto([s])[0]
        let fit = try #require(selection.chosenFit)
        #expect(selection.fits.count == 6)
        let years = [2021, 2022, 2025]
        var expected: [Double] = []
        for k in years.indices {
            var points: [Double] = []
            for scale in [ResponseScale.original, .log] {
                for family in [TrendFamily.naive, .drift, .holt] {
                    points.append(try TrendFitter.fit(s, family: family, options: .init(scale: scale)).forecast(years).point[k])
                }
            }
            points.sort()
            expected.append((points[2] + points[3]) / 2)
        }
        let forecast = fit.forecast(years)
        for k in years.indices { #expect(abs(forecast.point[k] - expected[k]) <= 1e-12 * expected[k]) }
        #expect(selection.reason.hasPrefix("median of 6 forecasts (naive, drift, holt on the original and log scales)"), "\(selection.reason)")
    }

    @Test("quantiles of a sample are R's type 7, centred on the median, and the CDF inverts them")
    func lawFromSample() {
        // 0, 1, …, 20: type-7 quantile at p is 20 p; centred on the median 10.
        var generator = SplitMix64(state: 0x9E37_79B9_7F4A_7C15)
        let sample = (0...20).map(Double.init).shuffled(using: &generator)
        let law = ScaledErrorLaw(errors: [sample], prior: nil, source: "test")
        let q = law.horizons[0]
        for (p, value) in zip(ScaledErrorLaw.probabilities, q.quantiles) { #expect(abs(value - (20 * p - 10)) < 1e-12, "p \(p)") }
        #expect(abs(q.quantile(0.15) - (20 * 0.15 - 10)) < 1e-12)   // between grid points, linear
        #expect(abs(q.cdf(q.quantile(0.3)) - 0.3) < 1e-12)
        #expect(q.cdf(-100) == 0 && q.cdf(100) == 1)
    }

    @Test("few errors are blended with the prior: N/(N + 10) of the way to the run's own quantiles")
    func blending() {
        let prior = ScaledErrorLaw(errors: [(0...100).map { Double($0) / 10 - 5 }], prior: nil, source: "prior")   // quantiles 10p − 5
        let own = [Double](repeating: 0, count: 10)                                                                 // all zero
        let law = ScaledErrorLaw(errors: [own], prior: prior, source: "run")
        // w = 10/(10 + 10) = ½: halfway between 0 and the prior's quantile.
        for (p, value) in zip(ScaledErrorLaw.probabilities, law.horizons[0].quantiles) {
            #expect(abs(value - 0.5 * (10 * p - 5)) < 1e-12, "p \(p)")
        }
        #expect(law.errorCounts == [10])
    }

    @Test("intervals widen with the horizon even when a later horizon's errors are narrower; beyond the last, like √h")
    func widening() {
        let wide = (0...40).map { Double($0) - 20 }, narrow = (0...40).map { (Double($0) - 20) / 4 }
        let law = ScaledErrorLaw(errors: [wide, narrow], prior: nil, source: "test")
        #expect(law.horizons[1].quantiles == law.horizons[0].quantiles)
        let far = law.at(yearsAhead: 8)
        for (a, b) in zip(far.quantiles, law.horizons[1].quantiles) { #expect(abs(a - b * 2) < 1e-12) }   // √(8/2) = 2
    }

    @Test("a backtest's interval at an origin uses no error whose target year is after it (leakage)")
    func noLeakage() {
        let base = (0..<6).map { Self.series("s\($0)", Self.noisy(UInt64(10 + $0), count: 18)) }
        // The same series with their last three values wildly changed: forecasts from origins up to three years
        // before the end must keep exactly the same intervals.
        let changed = base.map { s in
            Self.series(s.id, s.values.enumerated().map { $0.offset >= 15 ? $0.element * 3 : $0.element })
        }
        let validation = ValidationOptions(horizon: 3)
        func records(_ series: [TrendSeries]) -> [(String, ForecastRecord)] {
            var out: [(String, ForecastRecord)] = []
            TrendFitter.combinationBacktest(series, options: .init(), validation: validation, pool: .standard, calibration: .init()) {
                out.append((series[$0].id, $1))
            }
            return out
        }
        let a = records(base), b = records(changed)
        let lastClean = 2005 + 14
        let early = { (records: [(String, ForecastRecord)]) in records.filter { $0.1.year <= lastClean } }
        let (ea, eb) = (early(a), early(b))
        #expect(ea.count == eb.count && ea.count > 100)
        for (x, y) in zip(ea, eb) {
            #expect(x.0 == y.0 && x.1.origin == y.1.origin && x.1.year == y.1.year)
            #expect(x.1.forecast == y.1.forecast)
            #expect(x.1.distribution!.interval(level: 0.95) == y.1.distribution!.interval(level: 0.95), "\(x.0) \(x.1.origin)→\(x.1.year)")
        }
        // And the late origins did see the change (the test can fail).
        let late = zip(a, b).filter { $0.0.1.year > lastClean }
        #expect(late.contains { $0.0.1.distribution!.interval(level: 0.95) != $0.1.1.distribution!.interval(level: 0.95) })
    }

    @Test("a run pools the errors of its series: the law counts them, and a lone series falls back on the default")
    func pooling() throws {
        let many = (0..<40).map { Self.series("s\($0)", Self.noisy(UInt64(100 + $0))) }
        let pooled = try #require(TrendFitter.auto(many).first?.reason)
        #expect(pooled.contains("scaled out-of-sample errors of forecasts from 6-16 points in 40 series of this run"), "\(pooled)")
        let alone = try #require(TrendFitter.auto([Self.series("x", [5, 6, 7.5, 8])]).first)
        #expect(alone.reason.contains("the default law"), "\(alone.reason)")
        #expect(alone.reason.contains("only 4 points: intervals widened ×1.62"), "\(alone.reason)")
    }

    @Test("a short series gets wider intervals than the same law gives a long one")
    func shortSeriesWider() throws {
        let law = ScaledErrorLaw.benchmarkDefault
        let short = law.forSeries(pointCount: 3), long = law.forSeries(pointCount: 12)
        #expect(long.note == nil && long.law == law)
        let factor = StudentT(degreesOfFreedom: 2).quantile(0.975) / Normal.standard.quantile(0.975)
        for (a, b) in zip(short.law.horizons[0].quantiles, law.horizons[0].quantiles) { #expect(abs(a - factor * b) < 1e-12) }
    }

    /// A share that has risen linearly to 99 (of 100).
    static let nearCap = Self.series("share", (0..<15).map { 85 + Double($0) })

    @Test("no method, nor the combination, puts a median or bound of a share above its cap or below 0")
    func sharesStayInside() throws {
        let options = TrendOptions(capLimit: 100)
        let years = Array(2020...2035)
        var forecasts: [(String, TrendForecast)] = []
        for family in TrendFamily.all {
            if let fit = try? TrendFitter.fit(Self.nearCap, family: family, options: options) { forecasts.append((family.name, fit.forecast(years))) }
        }
        for selection in TrendFitter.auto([Self.nearCap], options: options) + TrendFitter.select([Self.nearCap], options: options) {
            forecasts.append((selection.chosen?.name ?? "none", try #require(selection.chosenFit).forecast(years)))
        }
        #expect(forecasts.count >= TrendFamily.all.count)
        for (name, forecast) in forecasts {
            for (k, point) in forecast.point.enumerated() {
                #expect(point >= 0 && point <= 100, "\(name) \(years[k]): \(point)")
                for level in [0.5, 0.8, 0.95, 0.99] {
                    guard let i = forecast.intervals(level: level)?[k] else { continue }
                    #expect(i.lower >= 0 && i.upper <= 100, "\(name) \(years[k]) \(level): \(i)")
                }
            }
        }
        // The many-series path too.
        for family in TrendFamily.all where family != .endpointCAGR {
            let columns = TrendFitter.forecastColumns([Self.nearCap], family: family, options: options, years: years)
            for t in years.indices where !columns.point[0, t].isNaN {
                #expect(columns.point[0, t] <= 100 && columns.upper[1][0, t] <= 100 && columns.lower[1][0, t] >= 0, "\(family) \(years[t])")
            }
        }
    }
}


