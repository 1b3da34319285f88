import Common
import Foundation
import LeastSquares
import Studies
import Testing
import Trends
@testable import Reports

/// `pathways trend --format csv` has two paths: series that share their years are read as one flat set,
/// forecast as columns and written in blocks; the others go through a fit object per series and a row of
/// strings per line. Both must print the same bytes (the fast path is checked against the plain one).
@Suite("trend: the column path prints what the fit-by-fit path prints")
struct TrendFastPathTests {
    /// `count` series over 2006-2020 from a fixed seed, as a long CSV: levels growing by up to 8% a year, shares
    /// below 100, series with negative values, an exactly linear one and a constant one; with `regions`, every
    /// indicator in that many regions (panels).
    static func table(count: Int, regions: Int = 0, seed: UInt64 = 17) -> TableFile.Loaded {
        var random = RandomStream(seed: seed, stream: 1)
        var text = regions > 0 ? "region,indicator,year,value\n" : "indicator,year,value\n"
        for s in 0..<count {
            let a = random.nextUniform(), b = random.nextUniform()
            let region = regions > 0 ? "地区\(s % regions)," : ""
            let indicator = regions > 0 ? "ind\(s / regions)" : "s\(s)"
            for (i, year) in (2006...2020).enumerated() {
                let t = Double(year - 2013), noise = random.nextStandardNormal()
                let value: Double
                switch s % 5 {
                case 0, 1: value = (50 + 4950 * a) * Foundation.exp((0.08 * b - 0.01) * t + 0.03 * noise)
                case 2: value = 100 / (1 + Foundation.exp(-(-2 + 4 * a + (0.02 + 0.1 * b) * t + 0.05 * noise)))
                case 3: value = 3 * noise + b * t
                default: value = s % 10 == 4 ? Double(i) * 2.5 + 1 : (s % 20 == 9 ? 42 : 10 + noise)
                }
                text += "\(region)\(indicator),\(year),\(value)\n"
            }
        }
        return try! TableFile.read(bytes: Array(text.utf8), name: "test.csv")
    }

    /// What the plain path prints.
    static func plain(_ set: DataFile.SeriesSet, method: TrendMethod, options: TrendOptions, to: Int?, horizon: Int) -> String {
        let series = (0..<set.count).map { s in
            let one = set.series(s)
            return TrendSeries(id: one.id, years: one.years, values: one.values, panel: one.indicator)
        }
        return TrendText.csv(TrendProjection.project(series, method: method, options: options, to: to, horizon: horizon)).text()
    }

    /// What the column path prints.
    static func fast(_ set: DataFile.SeriesSet, method: TrendMethod, options: TrendOptions, to: Int?, horizon: Int) throws -> String {
        let columns = try #require(TrendProjection.columns(set, method: method, options: options, to: to, horizon: horizon))
        var bytes: [UInt8] = []
        TrendText.writeCSV(columns) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func expectSame(_ fast: String, _ plain: String, _ what: String) {
        guard fast != plain else { return }
        let a = fast.split(separator: "\n", omittingEmptySubsequences: false), b = plain.split(separator: "\n", omittingEmptySubsequences: false)
        let k = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        Issue.record("\(what): \(a.count) against \(b.count) lines; first difference on line \(k + 1):\n  fast:  \(k < a.count ? a[k] : "–")\n  plain: \(k < b.count ? b[k] : "–")")
    }

    static let families: [(TrendMethod, TrendOptions)] = [
        (.family(.linear), .init()), (.family(.compound), .init()), (.family(.polynomial(degree: 2)), .init()),
        (.family(.logistic), .init(cap: 100)), (.family(.damped), .init()), (.family(.drift), .init()), (.family(.naive), .init(scale: .log)),
        (.family(.holt), .init()), (.family(.endpointCAGR), .init()), (.family(.linear), .init(levelShiftYears: [2015])),
    ]

    @Test("one family, 4,000 series", arguments: families.indices)
    func family(_ k: Int) throws {
        let (method, options) = Self.families[k]
        let set = try DataFile.seriesSet(of: Self.table(count: k < 6 ? 4000 : 400))
        let plain = Self.plain(set, method: method, options: options, to: nil, horizon: 5)
        #expect(plain.split(separator: "\n").count > set.count, "most series must be forecast")
        Self.expectSame(try Self.fast(set, method: method, options: options, to: nil, horizon: 5), plain, "\(method)")
    }

    @Test("auto on 3,000 series (more than the calibration sample of 2,000), to a year")
    func auto() throws {
        let set = try DataFile.seriesSet(of: Self.table(count: 3000))
        Self.expectSame(try Self.fast(set, method: .auto, options: .init(), to: 2027, horizon: 5),
                        Self.plain(set, method: .auto, options: .init(), to: 2027, horizon: 5), "auto")
    }

    @Test("auto on panels: 150 indicators in 8 regions, calibrated per panel")
    func autoPanels() throws {
        let set = try DataFile.seriesSet(of: Self.table(count: 1200, regions: 8))
        #expect(set.ids[0] == "地区0/ind0")
        Self.expectSame(try Self.fast(set, method: .auto, options: .init(capLimit: 100), to: nil, horizon: 3),
                        Self.plain(set, method: .auto, options: .init(capLimit: 100), to: nil, horizon: 3), "auto with panels")
    }

    @Test("series that do not share their years, excluded years and select take the plain path")
    func plainOnly() throws {
        var text = "indicator,year,value\n"
        for year in 2010...2020 { text += "a,\(year),\(Double(year) - 2000)\n" }
        for year in 2011...2020 { text += "b,\(year),\(Double(year) * 1.5 - 2990)\n" }
        let set = try DataFile.seriesSet(of: try TableFile.read(bytes: Array(text.utf8), name: "x.csv"))
        #expect(set.sharedYears == nil)
        #expect(TrendProjection.columns(set, method: .family(.linear), options: .init(), to: nil, horizon: 5) == nil)
        let shared = try DataFile.seriesSet(of: Self.table(count: 10))
        #expect(TrendProjection.columns(shared, method: .family(.linear), options: .init(excludedYears: [2020]), to: nil, horizon: 5) == nil)
        #expect(TrendProjection.columns(shared, method: .select, options: .init(), to: nil, horizon: 5) == nil)
    }
}
