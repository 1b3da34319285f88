import Common
import Foundation
import Testing
@testable import Reports
import Simulation
import Studies

/// The outputs of `pathways retro` on the bundled Zhejiang 2025 study (few paths): the tables, the report's
/// section and its verdict cells, the chart, and the terminal text.
@Suite("Retrospective outputs")
struct RetroReportTests {
    static let retro: Retrospective = {
        do {
            let study = try StudyLoader.load(at: ReportsFixture.study("zhejiang-2025"))
            return try Retrospective.run(study, options: RunOptions(paths: 400, seed: 7))
        } catch {
            fatalError("cannot run the retrospective: \(error)")
        }
    }()

    static func table(_ writer: CSVTableWriter) -> (header: [String], rows: [[String: String]]) {
        let records = CSVReader.read(writer.text()).records
        let header = records.first?.fields ?? []
        return (header, records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.fields)) })
    }

    @Test func retroCSVHasTheColumnsOfTheIssueFirst() {
        let (header, rows) = Self.table(RetroTables.rows(Self.retro))
        #expect(Array(header.prefix(10)) == ["vintage", "scenario", "target", "p_meet", "verdict", "projected", "lo95", "hi95", "outcome", "met"])
        // 12 targets × 5 vintages × 1 scenario; the threshold outcome is written with its qualifier and no `met`.
        #expect(rows.count == 60)
        let income = rows.filter { $0["target"] == "all-residents-income-2025" }
        #expect(income.count == 5 && income.allSatisfy { $0["outcome"] == "70000" && $0["outcome_qualifier"] == ">" && $0["met"] == "" })
        let ratio = rows.filter { $0["target"] == "income-ratio-2025" }
        #expect(ratio.map { $0["vintage"]! } == ["2020", "2021", "2022", "2023", "2024"])
        #expect(ratio.allSatisfy { $0["outcome"] == "1.81" && $0["met"] == "true" && $0["outcome_qualifier"] == "" })
        #expect(rows.filter { $0["target"] == "gdp-per-capita-2025" }.allSatisfy { $0["met"] == "true" && $0["outcome_qualifier"] == "approx" })
    }

    @Test func theScoresFileHoldsWhatTheRetrospectiveComputes() throws {
        let (_, rows) = Self.table(RetroTables.scores(Self.retro))
        #expect(rows.count == (5 + 1) * 3)
        for row in rows {
            let method = try #require(Retrospective.Method(rawValue: row["method"]!))
            let vintage = row["vintage"]!.isEmpty ? nil : Int(row["vintage"]!)
            let score = Self.retro.score(method, scenario: "baseline", vintage: vintage)
            #expect(row["targets"] == String(score?.count ?? 0))
            #expect(Double(row["brier"]!) == score?.brier, "\(row)")
        }
        // Both settled targets were met: the pooled Brier score of a method is the mean of (1 − p)² over its forecasts.
        let scored = Self.retro.scored(scenario: "baseline")
        #expect(scored.count == 10)
        let brier = scored.map { pow(1 - $0.pMeet!, 2) }.reduce(0, +) / 10
        #expect(abs(try #require(Self.retro.score(.pathways, scenario: "baseline")).brier - brier) < 1e-15)
    }

    @Test func theReportSectionAndItsVerdictCells() throws {
        let run = Self.retro.current
        let html = HTMLReport(run: run, charts: RunReport.charts(run), retrospective: Self.retro).text()
        #expect(ReportsFixture.xmlError(html) == nil)
        let section = try #require(html.range(of: "<section id=\"retrospective\">"))
        #expect(try #require(html.range(of: "<section id=\"dashboard\">")).upperBound < section.lowerBound)
        #expect(html.contains("Looking back: the verdicts each vintage gave, against what happened"))
        #expect(html.contains("Targets with an outcome that settles them: 2 of 12"))
        #expect(html.contains("Brier: Pathways p_meet") && html.contains("Reliability of p_meet"))
        // Every coloured cell of the page, the retrospective's included, agrees with its p_meet.
        #expect(try VerdictCellsTests.checkReport(run, retrospective: Self.retro) > run.study.targets.count + 5 * 4)
        // Without a retrospective (pathways run), no such section.
        #expect(!HTMLReport(run: run, charts: RunReport.charts(run)).text().contains("id=\"retrospective\""))
    }

    @Test func theChartHasAPanelPerTargetWithAProbability() {
        let chart = RetroChart(retro: Self.retro)
        #expect(chart.targets.map(\.id) == ["all-residents-income-2025", "income-ratio-2025", "gdp-per-capita-2025", "digital-economy-share-2025"])
        let svg = chart.svg()
        #expect(ReportsFixture.xmlError(svg) == nil)
        for target in chart.targets { #expect(svg.contains(">\(target.id)</text>")) }
    }

    @Test func theTerminalSaysWhatCanBeScored() {
        let text = RetroText.summary(Self.retro)
        let words = text.replacingOccurrences(of: "\n", with: " ")
        #expect(words.contains("Retrospective of zhejiang-2025: vintages 2020-2024"))
        #expect(words.contains("all-residents-income-2025 undetermined (> 70000 against ≥ 75000)"))
        #expect(words.contains("log score with p clipped to [0.01, 0.99]"))
        #expect(text.split(separator: "\n").allSatisfy { TerminalText.displayWidth(String($0)) <= 100 }, "\(text)")
    }
}
