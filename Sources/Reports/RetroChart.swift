import Common
import Foundation
import Simulation
import Studies

/// The retrospective's chart: one small panel per target that had a probability at some vintage, with its
/// `p_meet` by vintage (one line per scenario, the scenarios' colours of the fan charts) and, at the right, what
/// happened: a filled mark at 100% (met) or 0% (missed), a hollow one where no outcome settles the target.
public struct RetroChart: Sendable, SVGFigure {
    public let retro: Retrospective

    public static let fileName = "charts/retrospective.svg"
    static let width = 800.0, columns = 3, panelHeight = 190.0, header = 56.0

    public init(retro: Retrospective) { self.retro = retro }

    /// The targets drawn, in the study's order.
    public var targets: [Target] {
        let withP = Set(retro.rows.filter { $0.pMeet != nil }.map(\.target.id))
        return retro.study.targets.filter { withP.contains($0.id) }
    }

    /// The drawing, its title and its description (for the SVG's `<title>` and `<desc>`).
    public func draw() -> (SVGChart, String, String) {
        let shown = targets
        let rowsCount = max(1, (shown.count + Self.columns - 1) / Self.columns)
        var chart = SVGChart(width: Self.width, height: Self.header + Double(rowsCount) * Self.panelHeight + 8)
        let title = "\(retro.study.region.zh) \(retro.study.region.en) · 各年份版本的 p_meet 与结果 · p_meet at each vintage, against what happened"
        chart.text(title, x: 16, y: 24, size: 15, weight: "bold")
        let names = retro.scenarioNames
        var legendX = 16.0
        for (k, name) in names.enumerated() {
            let color = IndicatorChart.palette[k % IndicatorChart.palette.count]
            chart.line(x1: legendX, y1: 42, x2: legendX + 18, y2: 42, stroke: color, width: 2)
            chart.text(name, x: legendX + 22, y: 46, size: 11)
            legendX += 30 + Double(TerminalText.displayWidth(name)) * 6.5
        }
        chart.text("● 已实现 met / 未实现 missed (approx.: 约数)   ○ 无结果 no outcome that settles it", x: legendX + 8, y: 46, size: 11, fill: "#555")
        if shown.isEmpty {
            chart.text("没有任何年份给出概率 No vintage gave a probability for any target", x: 16, y: Self.header + 40, size: 13, fill: "#555")
        }
        let years = retro.years
        let outcomes = Dictionary(uniqueKeysWithValues: retro.outcomes.map { ($0.target.id, $0) })
        let panelWidth = (Self.width - 16) / Double(Self.columns)
        for (k, target) in shown.enumerated() {
            let x0 = 8 + Double(k % Self.columns) * panelWidth, y0 = Self.header + Double(k / Self.columns) * Self.panelHeight
            let left = x0 + 40, right = x0 + panelWidth - 14, top = y0 + 34, bottom = y0 + Self.panelHeight - 30
            // Vintages, then one more slot for the outcome.
            let slots = Double(max(1, years.count))
            func x(_ index: Double) -> Double { left + (right - left) * index / slots }
            func y(_ p: Double) -> Double { bottom - (bottom - top) * p }
            chart.rect(x: left, y: top, width: right - left, height: bottom - top, fill: "#fafafa", stroke: "#dddddd")
            chart.text(target.id, x: x0 + 4, y: y0 + 14, size: 11.5, weight: "bold")
            let outcome = outcomes[target.id]
            let said = outcome.map { o -> String in
                (o.outcome.map { "\($0.text) · " } ?? "") + (o.met == nil ? (o.outcome == nil ? "no outcome" : "not settled") : o.verdict.code)
            } ?? ""
            chart.text("\(StatusStyle.rule(target.rule).en) in \(target.year): \(said)", x: x0 + 4, y: y0 + 28, size: 10, fill: "#444")
            for p in [0.0, 0.33, 0.66, 1.0] {
                chart.line(x1: left, y1: y(p), x2: right, y2: y(p), stroke: p == 0 || p == 1 ? "#bbbbbb" : "#e4e4e4", width: 1, dash: p == 0 || p == 1 ? nil : "3,3")
                chart.text("\(Int((p * 100).rounded()))%", x: left - 4, y: y(p) + 3.5, size: 9, anchor: "end", fill: "#666")
            }
            for (i, year) in years.enumerated() where years.count <= 8 || i % 2 == 0 || i == years.count - 1 {
                chart.text(String(year), x: x(Double(i)), y: bottom + 13, size: 9, anchor: "middle", fill: "#666")
            }
            chart.text(target.year > (years.last ?? target.year) ? String(target.year) : "", x: x(slots), y: bottom + 13, size: 9, anchor: "middle", fill: "#B2182B")
            for (s, name) in names.enumerated() {
                let color = IndicatorChart.palette[s % IndicatorChart.palette.count]
                let points = years.enumerated().compactMap { i, year -> (x: Double, y: Double)? in
                    retro.rows.first { $0.vintage == year && $0.scenario == name && $0.target.id == target.id }?.pMeet.map { (x(Double(i)), y($0)) }
                }
                chart.polyline(points, stroke: color, width: 1.8)
                for point in points { chart.circle(x: point.x, y: point.y, radius: 2.4, fill: color) }
            }
            let mark = (x: x(slots), y: y(outcome?.met == false ? 0 : 1))
            if let met = outcome?.met {
                chart.circle(x: mark.x, y: met ? y(1) : y(0), radius: 5, fill: met ? StatusStyle.color(.met) : StatusStyle.color(.missed))
            } else {
                chart.circle(x: mark.x, y: y(0.5), radius: 5, fill: "#ffffff", stroke: "#777777")
            }
        }
        let description = shown.map { t -> String in
            let ps = years.compactMap { year in retro.rows.first { $0.vintage == year && $0.target.id == t.id && $0.scenario == names.first }?.pMeet.map { "\(year) \(NumberText.percent($0))" } }
            return "\(t.id): " + ps.joined(separator: ", ") + "; outcome " + (outcomes[t.id].map { $0.met == nil ? "none that settles it" : $0.verdict.code } ?? "none")
        }.joined(separator: ". ")
        return (chart, title, description.isEmpty ? "No target had a probability at any vintage." : description)
    }
}
