import Common
import Foundation
import Simulation
import Studies
import Trends

/// One indicator's fan chart: observed history as points, the fitted trend, each scenario's median path
/// with its 80% and 95% bands, and every target drawn at its year with its value; axes with ticks, the
/// unit, and a legend in Chinese and English. 800 × 500 pixels, white background, for screens and print.
public struct IndicatorChart: Sendable, SVGFigure {
    public let results: IndicatorResults
    /// Every scenario of the run, so that a scenario keeps its colour from chart to chart.
    public let scenarioNames: [String]

    public static let width = 800.0
    public static let height = 500.0
    /// Plot area.
    static let left = 78.0, right = 776.0, top = 80.0, bottom = 348.0

    /// Scenario colours (Okabe–Ito, distinguishable by colour-blind readers).
    public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
    static let observedColor = "#222222", trendColor = "#777777", targetColor = "#B2182B"

    public init(results: IndicatorResults, scenarioNames: [String]) {
        self.results = results
        self.scenarioNames = scenarioNames
    }

    /// The chart's file name under `charts/`.
    public var fileName: String { "charts/\(results.indicator.id).svg" }

    public func color(ofScenario name: String) -> String {
        let index = scenarioNames.firstIndex(of: name) ?? 0
        return Self.palette[index % Self.palette.count]
    }

    /// A target as drawn: its year, its level on the indicator's scale, and its label.
    struct DrawnTarget {
        let year: Int
        let level: Double
        let label: String
    }

    var drawnTargets: [DrawnTarget] {
        let observed = results.observedByYear
        return results.targets.compactMap { t in
            guard let level = t.level(observed: observed), level.isFinite else { return nil }
            let rule = StatusStyle.rule(t.target.rule).en
            var label = "目标 Target \(rule) (\(t.target.year))"
            if case .level = t.target.rule.measure {} else { label += " = \(NumberText.significant(level))" }
            return DrawnTarget(year: t.target.year, level: level, label: label)
        }
    }

    /// Targets that have no place on the indicator's scale (sums over years, or a base nobody observed).
    var undrawnTargets: [IndicatorResults.TargetResult] {
        let observed = results.observedByYear
        return results.targets.filter { $0.level(observed: observed).map { !$0.isFinite } ?? true }
    }

    /// The fitted trend over the years of the history.
    var trendLine: [(year: Int, value: Double)] {
        guard let fit = results.trend?.fit, let first = fit.years.first, let last = fit.years.last, last > first else { return [] }
        let years = Array(first...last)
        return zip(years, fit.forecast(years).point).filter { $0.1.isFinite }.map { ($0.0, $0.1) }
    }

    /// The scenarios with projections, each path starting at the last observation before it.
    var paths: [(spec: ScenarioSpec, anchor: (year: Int, value: Double)?, rows: [ProjectionRow])] {
        results.projections.filter { !$0.rows.isEmpty }.map { p in
            let firstYear = p.rows[0].year
            return (p.scenario, results.observed.last { $0.year < firstYear }, p.rows)
        }
    }

    // MARK: Scales

    /// Round tick steps: 1, 2 or 5 times a power of ten, giving about `count` ticks over `lo...hi`.
    public static func niceTicks(lo: Double, hi: Double, count: Int = 6) -> (ticks: [Double], step: Double) {
        var lo = lo, hi = hi
        if !(hi > lo) {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad
            hi += pad
        }
        let raw = (hi - lo) / Double(max(1, count - 1))
        let magnitude = Foundation.pow(10, Foundation.floor(Foundation.log10(raw)))
        let fraction = raw / magnitude
        let step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude
        let first = Foundation.floor(lo / step + 1e-9), last = Foundation.ceil(hi / step - 1e-9)
        let ticks = stride(from: first, through: last, by: 1).map { ($0 * step * 1e9).rounded() / 1e9 }
        return (ticks, step)
    }

    /// Year ticks: every year, or every 2nd or 5th year on longer spans.
    static func yearTicks(from first: Int, to last: Int) -> [Int] {
        let span = last - first
        let step = span <= 12 ? 1 : span <= 24 ? 2 : 5
        let start = Int(Foundation.ceil(Double(first) / Double(step))) * step
        return Array(stride(from: start, through: last, by: step))
    }

    // MARK: Drawing

    /// The drawing, its title and its description (for the SVG's `<title>` and `<desc>`).
    public func draw() -> (SVGChart, String, String) {
        let indicator = results.indicator
        var chart = SVGChart(width: Self.width, height: Self.height)
        let left = Self.left, right = Self.right, top = Self.top, bottom = Self.bottom

        // Title: Chinese name, then English name; the unit above the y axis.
        chart.text(indicator.name.zh, x: left, y: 30, size: 20, weight: "bold")
        chart.text(indicator.name.en + (indicator.isDerived ? " (derived 派生指标)" : ""), x: left, y: 52, size: 14, fill: "#444")
        chart.text("单位 Unit: \(indicator.unit)", x: left, y: top - 10, size: 12, fill: "#444")

        // Extent of everything drawn.
        let targets = drawnTargets
        var years = results.observed.map(\.year) + targets.map(\.year) + trendLine.map(\.year)
        var values = results.observed.map(\.value) + targets.map(\.level) + trendLine.map(\.value)
        for p in paths {
            for r in p.rows {
                years.append(r.year)
                values += [r.value, r.lo95, r.hi95, r.lo80, r.hi80].compactMap { $0 }.filter(\.isFinite)
            }
        }
        let firstYear = years.min() ?? 2020, lastYear = years.max() ?? 2020
        let x0 = Double(firstYear) - (firstYear == lastYear ? 1 : 0.5), x1 = Double(lastYear) + (firstYear == lastYear ? 1 : 0.5)
        let (ticks, step) = Self.niceTicks(lo: values.min() ?? 0, hi: values.max() ?? 1)
        let y0 = ticks.first ?? 0, y1 = ticks.last ?? 1
        func x(_ year: Int) -> Double { left + (Double(year) - x0) / (x1 - x0) * (right - left) }
        func y(_ v: Double) -> Double { bottom - (v - y0) / (y1 - y0) * (bottom - top) }

        // Grid, axes and ticks.
        for t in ticks {
            chart.line(x1: left, y1: y(t), x2: right, y2: y(t), stroke: "#e5e5e5")
            chart.text(NumberText.tick(t, step: step), x: left - 8, y: y(t) + 4, size: 12, anchor: "end", fill: "#333")
        }
        for year in Self.yearTicks(from: firstYear, to: lastYear) {
            chart.line(x1: x(year), y1: bottom, x2: x(year), y2: bottom + 5, stroke: "#333")
            chart.text(String(year), x: x(year), y: bottom + 20, size: 12, anchor: "middle", fill: "#333")
        }
        chart.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: "#333")
        chart.line(x1: left, y1: top, x2: left, y2: bottom, stroke: "#333")
        chart.text("年份 Year", x: right, y: bottom + 38, size: 12, anchor: "end", fill: "#444")

        // Bands first (95% under 80%), then lines, then points and targets on top.
        let paths = self.paths
        // A scenario whose path equals an earlier one's (its assumptions do not touch this indicator) adds
        // no band: stacked copies of the same band would only darken it.
        let sameAs: [String?] = paths.indices.map { k in paths[..<k].first { Self.samePath($0.rows, paths[k].rows) }?.spec.name }
        for (p, same) in zip(paths, sameAs) where same == nil {
            let color = color(ofScenario: p.spec.name)
            for (lo, hi, opacity) in [(\ProjectionRow.lo95, \ProjectionRow.hi95, 0.10), (\ProjectionRow.lo80, \ProjectionRow.hi80, 0.20)] {
                let rows = p.rows.filter { $0[keyPath: lo] != nil && $0[keyPath: hi] != nil }
                guard rows.count == p.rows.count else { continue }
                var upper = rows.map { (x: x($0.year), y: y($0[keyPath: hi]!)) }
                var lower = rows.map { (x: x($0.year), y: y($0[keyPath: lo]!)) }
                if let a = p.anchor {
                    upper.insert((x(a.year), y(a.value)), at: 0)
                    lower.insert((x(a.year), y(a.value)), at: 0)
                }
                chart.band(upper: upper, lower: lower, fill: color, opacity: opacity)
            }
        }
        let trend = trendLine
        chart.polyline(trend.map { (x($0.year), y($0.value)) }, stroke: Self.trendColor, width: 1.5, dash: "5 4")
        // A path equal to an earlier one is dashed over it, so both colours show.
        for (p, same) in zip(paths, sameAs) {
            var line = p.rows.map { (x: x($0.year), y: y($0.value)) }
            if let a = p.anchor { line.insert((x(a.year), y(a.value)), at: 0) }
            if line.count == 1 {
                chart.circle(x: line[0].x, y: line[0].y, radius: 3, fill: color(ofScenario: p.spec.name))
            }
            chart.polyline(line, stroke: color(ofScenario: p.spec.name), width: 2.2, dash: same == nil ? nil : "6 6")
        }
        for o in results.observed {
            chart.circle(x: x(o.year), y: y(o.value), radius: 4, fill: Self.observedColor, stroke: "#ffffff")
        }
        for t in targets {
            let ty = y(t.level)
            chart.line(x1: left, y1: ty, x2: right, y2: ty, stroke: Self.targetColor, width: 1, dash: "2 3")
        }
        // Each label beside its marker, moved up or down until it overlaps no label placed before it.
        var placed: [(x0: Double, x1: Double, y0: Double, y1: Double)] = []
        for t in targets {
            let tx = x(t.year), ty = y(t.level)
            chart.diamond(x: tx, y: ty, radius: 7, fill: Self.targetColor, stroke: "#ffffff")
            let onRight = tx < (left + right) / 2
            let width = Self.estimatedWidth(t.label, size: 13) * 1.05
            let lx = tx + (onRight ? 10 : -10)
            let (bx0, bx1) = onRight ? (lx, lx + width) : (lx - width, lx)
            var labelY = ty - 10
            for offset in [-10.0, 24, -28, 42, -46, 60, -64, 78, -82, 96] {
                let candidate = ty + offset
                let box = (y0: candidate - 13, y1: candidate + 3)
                guard box.y0 >= top - 4, box.y1 <= bottom - 2 else { continue }
                if !placed.contains(where: { $0.x0 < bx1 && bx0 < $0.x1 && $0.y0 < box.y1 && box.y0 < $0.y1 }) {
                    labelY = candidate
                    break
                }
            }
            placed.append((bx0, bx1, labelY - 13, labelY + 3))
            chart.text(t.label, x: lx, y: labelY, size: 13, anchor: onRight ? "start" : "end",
                       weight: "bold", fill: Self.targetColor, halo: true)
        }

        // Legend below the plot, two columns (three when long).
        var entries: [(kind: LegendSwatch, text: String)] = []
        if !results.observed.isEmpty { entries.append((.point(Self.observedColor), "观测值 Observed")) }
        if !trend.isEmpty, let fit = results.trend?.fit {
            entries.append((.dashed(Self.trendColor), "拟合趋势 Fitted trend (\(fit.family.name))"))
        }
        let columns = paths.count + 4 > 10 ? 3 : 2
        let columnWidth = (right - left + 20) / Double(columns)
        for (p, same) in zip(paths, sameAs) {
            let title = p.spec.title
            var text = "\(title.zh) \(title.en)"
            if let same {
                text = "\(title.zh) (\(p.spec.name)) = \(same)"
            } else if Self.estimatedWidth(text, size: 12) > columnWidth - 34 {
                text = "\(title.zh) (\(p.spec.name))"
            }
            entries.append((same == nil ? .path(color(ofScenario: p.spec.name)) : .dashedPath(color(ofScenario: p.spec.name)), text))
        }
        if paths.contains(where: { $0.rows.contains { $0.lo95 != nil } }) {
            entries.append((.bands, "80% / 95% 区间 intervals (line: median)"))
        }
        if !targets.isEmpty { entries.append((.target(Self.targetColor), "规划目标 Plan target")) }
        let rows = (entries.count + columns - 1) / columns
        for (k, entry) in entries.enumerated() {
            let ex = left + Double(k / rows) * columnWidth, ey = bottom + 64 + Double(k % rows) * 21
            switch entry.kind {
            case .point(let c): chart.circle(x: ex + 10, y: ey - 4, radius: 4, fill: c)
            case .dashed(let c): chart.line(x1: ex, y1: ey - 4, x2: ex + 20, y2: ey - 4, stroke: c, width: 1.5, dash: "5 4")
            case .path(let c):
                chart.rect(x: ex, y: ey - 10, width: 20, height: 12, fill: c, opacity: 0.18)
                chart.line(x1: ex, y1: ey - 4, x2: ex + 20, y2: ey - 4, stroke: c, width: 2.2)
            case .dashedPath(let c):
                chart.line(x1: ex, y1: ey - 4, x2: ex + 20, y2: ey - 4, stroke: c, width: 2.2, dash: "6 6")
            case .bands:
                chart.rect(x: ex, y: ey - 12, width: 20, height: 16, fill: "#555555", opacity: 0.12)
                chart.rect(x: ex, y: ey - 8, width: 20, height: 8, fill: "#555555", opacity: 0.22)
            case .target(let c): chart.diamond(x: ex + 10, y: ey - 4, radius: 6, fill: c, stroke: "#ffffff")
            }
            chart.text(entry.text, x: ex + 28, y: ey, size: 12, fill: "#222")
        }

        // Notes under the legend: targets not drawn, or none at all.
        var notes: [String] = []
        for t in undrawnTargets {
            let rule = StatusStyle.rule(t.target.rule)
            notes.append("目标 \(rule.zh)（\(t.target.year)年）/ Target \(rule.en) by \(t.target.year): not on this scale")
        }
        if results.targets.isEmpty { notes.append("本指标无量化目标 · No quantified target for this indicator") }
        if paths.isEmpty { notes.append("无预测：观测值过少 · No projection: too few observations for a trend") }
        let notesTop = bottom + 64 + Double(rows) * 21
        for (k, note) in notes.prefix(2).enumerated() {
            chart.text(note + (k == 1 && notes.count > 2 ? " (+\(notes.count - 2))" : ""), x: left, y: notesTop + Double(k) * 17,
                       size: 11, fill: "#555")
        }

        let title = "\(indicator.name.zh) · \(indicator.name.en)"
        var description = "Observed \(results.observed.first.map { "\($0.year)" } ?? "none")"
        if let last = results.observed.last, last.year != results.observed.first?.year { description += "–\(last.year)" }
        description += paths.isEmpty ? "; no projection" : "; projections to \(paths.map { $0.rows.last!.year }.max()!) under \(paths.count) scenario(s)"
        for t in targets { description += "; \(t.label)" }
        return (chart, title, description + ".")
    }

    /// Whether two scenarios' rows hold the same numbers.
    static func samePath(_ a: [ProjectionRow], _ b: [ProjectionRow]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy {
            ($0.year, $0.value, $0.lo80, $0.hi80) == ($1.year, $1.value, $1.lo80, $1.hi80) && ($0.lo95, $0.hi95) == ($1.lo95, $1.hi95)
        }
    }

    /// About how wide `text` is at `size` pixels: CJK characters a full em, others a little over half.
    static func estimatedWidth(_ text: String, size: Double) -> Double {
        text.unicodeScalars.reduce(0) { $0 + (TerminalText.displayWidth(String($1)) == 2 ? size : size * 0.58) }
    }

    enum LegendSwatch {
        case point(String), dashed(String), path(String), dashedPath(String), bands, target(String)
    }
}
