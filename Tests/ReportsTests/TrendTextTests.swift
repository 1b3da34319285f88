import Common
import Foundation
import Testing
import Trends
@testable import Reports

/// `pathways trend`'s table and JSON.
@Suite("trend table and JSON")
struct TrendTextTests {
    /// Series with Chinese names and negative values (minus signs in the parameters and bounds).
    static func outcomes() -> [TrendOutcome] {
        let series = [
            TrendSeries(id: "城镇化率", years: Array(2015...2024), values: [55.1, 56.3, 57.2, 58.8, 60.1, 61.0, 62.4, 63.9, 64.5, 65.9]),
            TrendSeries(id: "财政收入增速", years: Array(2015...2024), values: [3.1, -1.2, 2.5, -0.4, 1.9, -2.8, 0.6, 4.2, -1.5, 0.3]),
        ]
        return TrendProjection.project(series, method: .auto, options: .init(), to: nil, horizon: 3)
            + TrendProjection.project(series, method: .family(.linear), options: .init(), to: nil, horizon: 3)
    }

    @Test("every row of each table is exactly as wide as the widest, in terminal columns")
    func columnsAlign() throws {
        let text = TrendText.table(Self.outcomes())
        #expect(text.contains("−"), "the test needs minus signs")
        // Tables are the runs of lines that start with two spaces, ended by the "chosen:" line or a blank one.
        var tables: [[String]] = [[]]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("  ") && !line.hasPrefix("  chosen:") { tables[tables.count - 1].append(line) } else if !tables.last!.isEmpty { tables.append([]) }
        }
        let filled = tables.filter { !$0.isEmpty }
        #expect(filled.count == 8)
        for table in filled {
            let widths = Set(table.map(TerminalText.displayWidth))
            #expect(widths.count == 1, "\(table.map { "\(TerminalText.displayWidth($0)): \($0)" }.joined(separator: "\n"))")
        }
    }

    @Test("the JSON is valid, carries every forecast row, and has null where a number does not exist")
    func json() throws {
        let outcomes = Self.outcomes()
        let data = Data(TrendText.json(outcomes).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let series = try #require(object["series"] as? [[String: Any]])
        #expect(series.count == 4)
        let first = series[0]
        #expect(first["indicator"] as? String == "城镇化率" && first["chosen"] as? String == "combination")
        let rows = try #require(first["forecast"] as? [[String: Any]])
        #expect(rows.map { $0["year"] as? Int } == [2025, 2026, 2027])
        let f = outcomes[0].forecast!
        #expect(rows[0]["mean"] as? Double == f.point[0])
        // drift's standard error exists; holt's do not.
        let fits = try #require(first["fits"] as? [[String: Any]])
        let holt = try #require(fits.first { $0["family"] as? String == "holt" })
        #expect((holt["standardErrors"] as? [Any])?.allSatisfy { $0 is NSNull } == true)
    }
}
