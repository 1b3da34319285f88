import Foundation
import Testing

/// `pathways backtest` on the provincial panel: the table, and every scored forecast as CSV.
@Suite("backtest command")
struct BacktestCommandTests {
    static let panel = "Tests/TrendsTests/Fixtures/panels/province-panel.csv"

    @Test("--forecasts writes one row per scored forecast, bounds nested, auto's coverage as printed")
    func forecastsFile() throws {
        let folder = try PathwaysTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("forecasts.csv")
        let result = try PathwaysTool.run(["backtest", "--csv", Self.panel, "--indicator", "urbanization_rate", "--cap-limit", "100",
                                           "-q", "--forecasts", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        #expect(header == ["series", "method", "family", "origin", "year", "horizon", "actual", "forecast",
                           "lo80", "hi80", "lo95", "hi95", "location", "scale", "df", "transform"])
        let rows = lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        // 13 families, select and auto, 1,860 forecasts each (31 provinces, origins 2010-2023, horizons 1-5), except
        // damped-trend, which needs 7 points (5 parameters, σ and one more) and so skips the 6-point origin 2010.
        let perMethod = Dictionary(grouping: rows, by: { $0["method"]! }).mapValues(\.count)
        #expect(perMethod.count == 15)
        #expect(perMethod.filter { $0.key != "damped-trend" }.values.allSatisfy { $0 == 1860 }, "\(perMethod)")
        #expect(perMethod["damped-trend"] == 1860 - 31 * 5)
        var inside80 = 0, inside95 = 0, auto = 0
        for row in rows where !(row["lo95"] ?? "").isEmpty {
            let v = ["lo95", "lo80", "forecast", "hi80", "hi95"].map { Double(row[$0]!)! }
            #expect(v == v.sorted(), "\(row)")
            if row["method"] == "select" { #expect(["linear", "compound", "damped", "drift", "logistic"].contains(row["family"]!)) }
            guard row["method"] == "auto" else { continue }
            #expect(row["family"] == "combination")
            let actual = Double(row["actual"]!)!
            auto += 1
            if v[1] <= actual && actual <= v[3] { inside80 += 1 }
            if v[0] <= actual && actual <= v[4] { inside95 += 1 }
        }
        #expect(auto == 1860)
        func percent(_ k: Int) -> String { String(format: "%.1f%%", 100 * Double(k) / Double(auto)) }
        #expect(result.stdout.contains("intervals cover \(percent(inside80)) (80% nominal) and \(percent(inside95)) (95% nominal)."), "\(result.stdout)")
    }

    @Test("--forecasts into a folder that cannot exist fails, naming the path")
    func forecastsUnwritable() throws {
        let folder = try PathwaysTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocker = folder.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        let target = blocker.appendingPathComponent("forecasts.csv")
        let result = try PathwaysTool.run(["backtest", "--csv", Self.panel, "--indicator", "urbanization_rate", "-q", "--forecasts", target.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains(blocker.path), "\(result.stderr)")
        #expect(try String(contentsOf: blocker, encoding: .utf8) == "x")
    }

    @Test("--methods scores only the methods named, with the numbers of the full backtest; an unknown name is refused, listing the known ones")
    func methods() throws {
        let args = ["backtest", "--csv", Self.panel, "--indicator", "urbanization_rate", "--cap-limit", "100", "-q", "--format", "csv"]
        let some = try PathwaysTool.run(args + ["--methods", "drift", "auto"])
        #expect(some.status == 0, "\(some.stderr)")
        let rows = some.stdout.split(separator: "\n").dropFirst()
        #expect(Set(rows.map { $0.split(separator: ",")[0] }) == ["drift", "auto"])
        #expect(rows.count == 12, "5 horizons and all, for each")
        // The same rows as the full backtest prints for them (auto's calibration pools the same series).
        let all = try PathwaysTool.run(args)
        let full = Set(all.stdout.split(separator: "\n").filter { $0.hasPrefix("drift,") || $0.hasPrefix("auto,") })
        #expect(Set(rows) == full)
        let bad = try PathwaysTool.run(args + ["--methods", "drfit"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--methods: unknown method 'drfit'; use linear, compound"), "\(bad.stderr)")
    }
}
