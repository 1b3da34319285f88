import Foundation
import Testing
@testable import Trends

/// The rolling-origin backtest and `auto`'s panel-pooled interval calibration.
@Suite struct BacktestTests {
    /// Issue 3, acceptance 3: on the 31 provinces' urbanization rates 2005-2024, `auto` is at least as accurate
    /// as the median family and its 80% and 95% intervals cover within 5 points of nominal (horizons 1-5).
    @Test func provinceUrbanizationMeetsAccuracyAndCoverage() throws {
        let series = try ProvincePanel.series(indicator: "urbanization_rate")
        #expect(series.count == 31)
        let result = TrendFitter.backtest(series, options: TrendOptions(capLimit: 100))
        let auto = try #require(result.overall("auto"))
        let families = result.methods.filter { $0 != "auto" }.compactMap { result.overall($0) }
        func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2 }
        #expect(auto.count == 1860)
        #expect(auto.smape <= median(families.map(\.smape)))
        #expect(auto.mase <= median(families.map(\.mase)))
        let c80 = try #require(auto.coverage80), c95 = try #require(auto.coverage95)
        #expect(abs(c80 - 0.80) <= 0.05, "80% intervals cover \(c80)")
        #expect(abs(c95 - 0.95) <= 0.05, "95% intervals cover \(c95)")
    }

    /// Three linear series of one panel: the calibration factor one year ahead at an origin is the root mean
    /// square, over every series and every earlier origin, of `(y − ŷ)/(s·√(1 + 1/n + (t₀ − t̄)²/Sxx))`,
    /// the textbook prediction standard error, computed here by hand.
    @Test func pooledFactorIsTheRootMeanSquareOfTheHandComputedStandardizedErrors() throws {
        let years = Array(2001...2012)
        let panel = [
            [1.0, 2.1, 2.9, 4.2, 5.0, 5.8, 7.3, 7.9, 9.2, 9.8, 11.4, 11.9],
            [10.0, 10.4, 11.3, 11.2, 12.6, 12.8, 13.1, 14.4, 14.2, 15.5, 15.9, 16.2],
            [5.0, 4.1, 3.9, 3.2, 2.0, 1.8, 1.1, 0.2, -0.4, -1.5, -1.6, -2.9],
        ]
        let series = panel.enumerated().map { TrendSeries(id: "r\($0.offset)", years: years, values: $0.element, panel: "p") }
        let options = TrendOptions()
        var placeholders = [Result<TrendFit, TrendError>?](repeating: nil, count: series.count)
        let runs = RollingOrigin.run(series, families: [.linear], options: options, validation: .init(), results: &placeholders)
        var calibration = PanelCalibration(runs: runs.panels(series))
        let origin = 2010
        let factors = calibration.factors(.linear, panel: "p", at: origin, horizons: 5)

        var squares: [Double] = []
        for values in panel {
            // Origins with at least 6 training points whose one-year-ahead target is not after `origin`.
            for last in 5..<years.count where years[last] < origin {
                let t = years[0...last].map(Double.init), y = Array(values[0...last])
                let n = Double(t.count), tBar = t.reduce(0, +) / n, yBar = y.reduce(0, +) / n
                let sxx = t.reduce(0) { $0 + ($1 - tBar) * ($1 - tBar) }
                let b = zip(t, y).reduce(0) { $0 + ($1.0 - tBar) * ($1.1 - yBar) } / sxx, a = yBar - b * tBar
                let rss = zip(t, y).reduce(0) { $0 + ($1.1 - a - b * $1.0) * ($1.1 - a - b * $1.0) }
                let s = (rss / (n - 2)).squareRoot(), t0 = Double(years[last + 1])
                let scale = s * (1 + 1 / n + (t0 - tBar) * (t0 - tBar) / sxx).squareRoot()
                let z = (values[last + 1] - (a + b * t0)) / scale
                squares.append(z * z)
            }
        }
        #expect(squares.count == 3 * 4)
        let expected = max(1, (squares.reduce(0, +) / Double(squares.count)).squareRoot())
        #expect(abs(factors[0] - expected) <= 1e-9 * expected)
        #expect(factors.count == 5 && factors.allSatisfy { $0 >= 1 })
    }

    /// The calibration at an origin uses nothing observed after it: changing every later value leaves it as it was.
    @Test func calibrationIgnoresLaterYears() throws {
        let years = Array(2005...2020)
        func panel(_ later: Double) -> [TrendSeries] {
            (0..<4).map { k in
                TrendSeries(id: "r\(k)", years: years, values: years.map { y in
                    y > 2014 ? later * Double(k + 1) : Double(y - 2000) * (1 + 0.1 * Double(k)) + sin(Double(y * (k + 2)))
                }, panel: "p")
            }
        }
        func factors(_ series: [TrendSeries]) -> [Double] {
            var placeholders = [Result<TrendFit, TrendError>?](repeating: nil, count: series.count)
            let runs = RollingOrigin.run(series, families: [.linear, .drift], options: .init(), validation: .init(), results: &placeholders)
            var calibration = PanelCalibration(runs: runs.panels(series))
            return calibration.factors(.linear, panel: "p", at: 2014, horizons: 5) + calibration.factors(.drift, panel: "p", at: 2014, horizons: 5)
        }
        let before = factors(panel(20)), after = factors(panel(-300))
        #expect(before == after)
        #expect(before.contains { $0 > 1 })
    }

    /// A series without a panel is calibrated by its own errors only: adding an unrelated, noisier series
    /// leaves its selection and intervals as they were.
    @Test func seriesWithoutPanelIsItsOwnPanel() throws {
        let years = Array(2005...2020)
        let quiet = TrendSeries(id: "quiet", years: years, values: years.map { Double($0 - 2000) + 0.3 * sin(Double($0)) })
        let noisy = TrendSeries(id: "noisy", years: years, values: years.map { Double($0 - 2000) + 5 * sin(Double($0 * 7)) })
        let alone = TrendFitter.select(quiet)
        let together = TrendFitter.select([quiet, noisy])[0]
        #expect(alone.chosen == together.chosen)
        #expect(alone.intervalCalibration == together.intervalCalibration)
        // In one panel, the noisy series' errors widen the quiet one's intervals.
        let pooled = TrendFitter.select([
            TrendSeries(id: "quiet", years: years, values: quiet.values, panel: "p"),
            TrendSeries(id: "noisy", years: years, values: noisy.values, panel: "p"),
        ])[0]
        #expect(pooled.chosen == alone.chosen)
        let own = alone.intervalCalibration.first ?? 1, shared = pooled.intervalCalibration.first ?? 1
        #expect(shared > own)
        #expect(pooled.reason.contains("2 series of panel p"))
    }
}

/// The backtest scores forecasts as it makes them, chunks of whole panels in parallel (issue 17): the scores
/// must not depend on whether the forecasts are kept, must be the measures of the kept forecasts computed
/// afresh, and other chunks change their sums only by rounding.
@Suite struct BacktestChunkTests {
    /// Series of varied length and years: 140 in 7 interleaved panels, 60 on their own, some too short.
    static func series() -> [TrendSeries] {
        var state: UInt64 = 17
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        return (0..<200).map { i in
            let n = [5, 9, 12, 15][i % 4], first = 2000 + i % 3
            var level = 50 + 100 * uniform()
            let growth = 0.01 + 0.05 * uniform()
            let values = (0..<n).map { _ -> Double in level *= 1 + growth + 0.03 * (uniform() - 0.5); return level }
            return TrendSeries(id: "s\(i)", years: Array(first..<(first + n)), values: values, panel: i < 140 ? "p\(i % 7)" : nil)
        }
    }

    static func bits(_ a: ForecastAccuracy) -> [UInt64?] {
        [UInt64(a.count), a.smape.bitPattern, a.mase.bitPattern, a.mape.bitPattern, a.coverage80?.bitPattern, a.coverage95?.bitPattern, a.msis?.bitPattern]
    }

    @Test func scoresDoNotDependOnChunksOrOnKeepingForecasts() {
        let series = Self.series()
        let families: [TrendFamily] = [.linear, .compound, .drift, .holt]
        let whole = TrendFitter.backtest(series, families: families, chunkSize: 1_000_000)
        let chunked = TrendFitter.backtest(series, families: families, keepForecasts: false, chunkSize: 16)
        let chunkedKept = TrendFitter.backtest(series, families: families, keepForecasts: true, chunkSize: 16)
        #expect(TrendFitter.backtestChunks(series, size: 16).count > 5)
        #expect(whole.methods == ["linear", "compound", "drift", "holt", "select", "auto"])
        #expect(whole.methods == chunked.methods)
        #expect(whole.rows.count == chunked.rows.count)
        for ((a, b), c) in zip(zip(whole.rows, chunked.rows), chunkedKept.rows) {
            #expect(a.method == b.method && a.horizon == b.horizon)
            // The same chunks give the same bits; other chunks the same counts and sums to rounding.
            #expect(Self.bits(b.accuracy) == Self.bits(c.accuracy), "\(a.method) h=\(a.horizon.map(String.init) ?? "all")")
            #expect(a.accuracy.count == b.accuracy.count && a.accuracy.coverage80 == b.accuracy.coverage80 && a.accuracy.coverage95 == b.accuracy.coverage95)
            for (x, y) in [(a.accuracy.smape, b.accuracy.smape), (a.accuracy.mase, b.accuracy.mase), (a.accuracy.msis ?? 0, b.accuracy.msis ?? 0)] {
                #expect(abs(x - y) <= 1e-12 * abs(x), "\(a.method): \(x) against \(y)")
            }
        }
        #expect(chunked.forecasts.isEmpty)
        #expect(whole.forecasts.count == whole.scoredCount && whole.scoredCount > 10_000)
        #expect(chunkedKept.forecasts.map(\.record) == whole.forecasts.map(\.record))
        #expect(whole.skipped.map(\.series) == chunked.skipped.map(\.series))
        #expect(whole.skipped.count == 50, "the 5-point series have no origin with 6 training points")
    }

    @Test func scoresAreTheMeasuresOfTheKeptForecasts() throws {
        let series = Self.series()
        let result = TrendFitter.backtest(series, families: [.linear, .drift], chunkSize: 16)
        for row in result.rows {
            let records = result.forecasts.filter { $0.method == row.method && (row.horizon == nil || $0.record.horizon == row.horizon) }.map(\.record)
            let fresh = ForecastAccuracy(records)
            #expect(fresh.count == row.accuracy.count)
            #expect(fresh.coverage80 == row.accuracy.coverage80 && fresh.coverage95 == row.accuracy.coverage95)
            // Sums in another order (series order against panel order) agree to rounding.
            for (x, y) in [(fresh.smape, row.accuracy.smape), (fresh.mase, row.accuracy.mase), (try #require(fresh.msis), try #require(row.accuracy.msis))] {
                #expect(abs(x - y) <= 1e-12 * abs(x), "\(row.method): \(x) against \(y)")
            }
        }
    }

    @Test func methodsNotAskedForAreNotScored() {
        let result = TrendFitter.backtest(Self.series(), families: [.linear], select: false, auto: false)
        #expect(result.methods == ["linear"])
        #expect(result.rows.count == 6)
    }
}
