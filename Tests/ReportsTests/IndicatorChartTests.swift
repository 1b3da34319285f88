import Common
import Foundation
import Testing
@testable import Reports
import Simulation
import Studies

@Suite("Indicator charts")
struct IndicatorChartTests {
    @Test("nice ticks: steps of 1, 2 or 5 times a power of ten covering the data", arguments: [
        (420.4, 1938.4, 0.0, 2000.0, 500.0), (1.08, 2.72, 1.0, 3.0, 0.5), (54.1, 58.4, 54.0, 59.0, 1.0), (5.0, 5.0, 4.4, 5.6, 0.2),
    ])
    func niceTicks(lo: Double, hi: Double, first: Double, last: Double, step: Double) {
        let (ticks, s) = IndicatorChart.niceTicks(lo: lo, hi: hi)
        #expect(s == step)
        #expect(ticks.first == first)
        #expect(ticks.last == last)
        #expect(ticks.first! <= lo && ticks.last! >= hi)
    }

    @Test("year ticks thin out on long spans")
    func yearTicks() {
        #expect(IndicatorChart.yearTicks(from: 2013, to: 2020) == Array(2013...2020))
        #expect(IndicatorChart.yearTicks(from: 2005, to: 2035) == [2005, 2010, 2015, 2020, 2025, 2030, 2035])
    }

    @Test("every indicator with observations or projections gets a chart, and only those")
    func oneChartPerIndicatorWithData() {
        for run in [ReportsFixture.linhai, ReportsFixture.zhejiang2030] {
            let withRows = Set(run.scenarios.flatMap(\.projections).map(\.indicator))
            let charted = RunReport.charts(run).map(\.results.indicator.id)
            #expect(Set(charted) == withRows)
            #expect(charted.count == withRows.count)
        }
    }

    @Test("every chart is well-formed XML with both names, the unit and its targets' values")
    func chartsParseAndLabel() throws {
        for run in [ReportsFixture.linhai, ReportsFixture.zhejiang2030, ReportsFixture.zhejiang2025] {
            for chart in RunReport.charts(run) {
                let svg = chart.svg()
                let i = chart.results.indicator
                #expect(ReportsFixture.xmlError(svg) == nil, "\(run.study.id)/\(chart.fileName): \(ReportsFixture.xmlError(svg) ?? "")")
                #expect(svg.contains("xmlns=\"http://www.w3.org/2000/svg\""))
                #expect(svg.contains(ReportsFixture.escaped(i.name.zh)), "\(chart.fileName) lacks the Chinese name")
                #expect(svg.contains(ReportsFixture.escaped(i.name.en)), "\(chart.fileName) lacks the English name")
                #expect(svg.contains(ReportsFixture.escaped("Unit: \(i.unit)")))
                #expect(svg.contains("Noto Sans CJK SC"))
                for t in chart.results.targets {
                    if case .level(let v) = t.target.rule.measure {
                        let text = "\(StatusStyle.sign(t.target.rule.op)) \(NumberText.plain(v)) (\(t.target.year))"
                        #expect(svg.contains(ReportsFixture.escaped(text)), "\(chart.fileName) lacks the target \(text)")
                    }
                }
                #expect(ReportsFixture.externalResources(svg).isEmpty)
            }
        }
    }

    @Test("the derived income ratio's chart shows its own target, ≤ 1.8 in 2025, and the scenarios' paths")
    func derivedIndicatorTarget() throws {
        let chart = try #require(RunReport.charts(ReportsFixture.linhai).first { $0.results.indicator.id == "urban_rural_income_ratio" })
        let svg = chart.svg()
        #expect(chart.results.indicator.isDerived)
        #expect(svg.contains("目标 Target ≤ 1.8 (2025)"))
        #expect(svg.contains("城乡居民收入倍差"))
        #expect(svg.contains("Urban-rural income ratio"))
        // One median line per scenario (a path equal to an earlier one is dashed over it).
        #expect(svg.components(separatedBy: "<polyline").count - 1 >= ReportsFixture.linhai.scenarios.count)
        #expect(svg.contains("<polygon"))
    }
}
