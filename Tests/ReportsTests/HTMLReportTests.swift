import Common
import Foundation
import Testing
@testable import Reports
import Simulation
import Studies

@Suite("HTML report")
struct HTMLReportTests {
    static func report(_ run: StudyRun) -> String {
        HTMLReport(run: run, charts: RunReport.charts(run)).text()
    }

    @Test("the report is well-formed XHTML-compatible markup and loads nothing from elsewhere")
    func parsesAndSelfContained() {
        for run in [ReportsFixture.linhai, ReportsFixture.zhejiang2030, ReportsFixture.zhejiang2025] {
            let html = Self.report(run)
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html"))
            #expect(ReportsFixture.xmlError(html) == nil, "\(run.study.id): \(ReportsFixture.xmlError(html) ?? "")")
            #expect(ReportsFixture.externalResources(html).isEmpty, "\(ReportsFixture.externalResources(html))")
            #expect(html.contains("<style>") && html.contains("<script>"))
        }
    }

    @Test("the dashboard comes first, with one row per target and one column per scenario")
    func dashboard() throws {
        let run = ReportsFixture.linhai
        let html = Self.report(run)
        let dashboard = try #require(html.range(of: "id=\"dashboard\""))
        let firstIndicator = try #require(html.range(of: "class=\"indicator\""))
        #expect(dashboard.lowerBound < firstIndicator.lowerBound)
        #expect(html.components(separatedBy: "data-target=\"").count - 1 == run.study.targets.count)
        for (k, s) in run.scenarios.enumerated() {
            #expect(html.contains("data-sort=\"p\(k)\""))
            #expect(html.contains("<code>\(s.spec.name)</code>"))
        }
        // The income ratio's p_meet is shown as a percentage in its status cell.
        let row = try #require(run.scenarios[0].feasibility.first { $0.target.id == "income-ratio-2025" })
        #expect(html.contains("<span class=\"p\">\(NumberText.percent(row.pMeet, decimals: 0))</span>"))
        // The assessed targets come first; the 82 without data after them, in one group with a count.
        let group = try #require(html.range(of: "id=\"targets-without-data\""))
        #expect(html.contains("Targets without data (82)"))
        for id in ["income-ratio-2025", "urbanization-2025"] {
            #expect(try #require(html.range(of: "data-target=\"\(id)\"")).lowerBound < group.lowerBound)
        }
        #expect(try #require(html.range(of: "data-target=\"loans-double-2025\"")).lowerBound > group.lowerBound)
        #expect(html.contains("needs 14.9% a year from 2020"))
        // The progress measures are labelled facts, apart from the verdict.
        #expect(html.contains("Progress so far (not a verdict)") && html.contains("ESCAP: "))
    }

    @Test("every indicator with data has a section with its names, its chart inline and its targets' values")
    func sections() {
        let run = ReportsFixture.linhai
        let html = Self.report(run)
        for chart in RunReport.charts(run) {
            let i = chart.results.indicator
            #expect(html.contains("id=\"ind-\(i.id)\""))
            #expect(html.contains(ReportsFixture.escaped(i.name.zh)) && html.contains(ReportsFixture.escaped(i.name.en)))
        }
        #expect(html.components(separatedBy: "<svg xmlns=").count - 1 == RunReport.charts(run).count)
        #expect(html.contains("≤ 1.8"))
        #expect(html.contains("≥ 60"))
        #expect(html.contains("Indicators without data"))
    }

    @Test("the plan's chapters group the dashboard, in the study's order")
    func chapters() {
        let report = HTMLReport(run: ReportsFixture.linhai, charts: [])
        let names = report.chapters.compactMap { $0.chapter?.en }
        #expect(names.first == "Innovation and modern industry")
        #expect(report.chapters.map(\.targets.count).reduce(0, +) == ReportsFixture.linhai.study.targets.count)
    }

    @Test("the inline script and style sheet hold no character that would break XML")
    func inlineCode() {
        for code in [HTMLReport.script, HTMLReport.styleSheet] {
            #expect(!code.contains("<") && !code.contains("&"))
        }
    }
}
