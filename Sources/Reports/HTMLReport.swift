import Common
import Foundation
import Simulation
import Studies
import Trends

/// `report.html`: one self-contained page that opens with the feasibility dashboard (one row per target,
/// one column per scenario with `p_meet` and its verdict in colour and words, grouped by the plan's chapters
/// and sortable, the targets without data counted at the end), then
/// one section per indicator with its chart, its trend fit and its numbers.
///
/// Everything is inline (style sheet, script, SVG charts): the page loads nothing, so it can be mailed or
/// opened offline. It is XHTML-compatible, so an XML parser reads it as well as a browser. Labels are in
/// Chinese and English side by side; buttons show one language only.
public struct HTMLReport: Sendable {
    public let run: StudyRun
    public let charts: [IndicatorChart]
    /// The vintages of `pathways retro`, shown in a section after the dashboard; nil for `pathways run`.
    public let retrospective: Retrospective?

    public init(run: StudyRun, charts: [IndicatorChart], retrospective: Retrospective? = nil) {
        self.run = run
        self.charts = charts
        self.retrospective = retrospective
    }

    /// The page's text.
    public func text() -> String {
        "<!DOCTYPE html>\n" + page().rendered() + "\n"
    }

    // MARK: Helpers

    /// A bilingual label: the Chinese and the English spans, which the language buttons show or hide.
    static func bi(_ text: BilingualText, separator: String = " ") -> [Markup] {
        if text.zh == text.en { return [.text(text.en)] }
        return [.node("span", [("class", "zh")], text: text.zh), .node("span", [("class", "sep")], text: separator),
                .node("span", [("class", "en")], text: text.en)]
    }

    static func bi(_ zh: String, _ en: String, separator: String = " ") -> [Markup] {
        bi(BilingualText(en: en, zh: zh), separator: separator)
    }

    static func cell(_ name: String = "td", _ attributes: [(String, String?)] = [], _ children: [Markup]) -> Markup {
        .node(name, attributes, children)
    }

    static func cell(_ text: String, _ attributes: [(String, String?)] = []) -> Markup {
        .node("td", attributes, text: text)
    }

    /// The plan's chapters in the order their first indicator appears, then targets without a chapter.
    var chapters: [(chapter: BilingualText?, targets: [Target])] {
        var order: [BilingualText?] = []
        var byChapter: [BilingualText?: [Target]] = [:]
        for target in run.study.targets {
            let chapter = run.study.indicator(id: target.indicator)?.chapter
            if byChapter[chapter] == nil { order.append(chapter) }
            byChapter[chapter, default: []].append(target)
        }
        let named = order.filter { $0 != nil }, unnamed = order.filter { $0 == nil }
        return (named + unnamed).map { ($0, byChapter[$0] ?? []) }
    }

    var rowsByTarget: [String: [String: FeasibilityRow]] {
        var rows: [String: [String: FeasibilityRow]] = [:]
        for scenario in run.scenarios {
            for row in scenario.feasibility { rows[row.target.id, default: [:]][scenario.spec.name] = row }
        }
        return rows
    }

    // MARK: Page

    func page() -> Markup {
        let study = run.study
        let title = "\(study.title.zh) · \(study.title.en)"
        return .node("html", [("xmlns", "http://www.w3.org/1999/xhtml"), ("lang", "zh-CN")], [
            .node("head", [], [
                .node("meta", [("charset", "utf-8")]),
                .node("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]),
                .node("title", text: title),
                .node("style", [], [.raw(Self.styleSheet)]),
            ]),
            .node("body", [("class", "lang-both")], [header(), dashboard()] + (retrospective.map { [retrospectiveSection($0)] } ?? []) + [
                scenarioSection(),
                indicatorSections(),
                notesSection(),
                .node("script", [], [.raw(Self.script)]),
            ]),
        ])
    }

    func header() -> Markup {
        let study = run.study
        var children: [Markup] = [
            .node("div", [("class", "controls")], [
                .node("span", [("class", "label")], text: "语言 Language: "),
                .node("button", [("type", "button"), ("data-lang", "both"), ("class", "on")], text: "中文 + English"),
                .node("button", [("type", "button"), ("data-lang", "zh")], text: "中文"),
                .node("button", [("type", "button"), ("data-lang", "en")], text: "English"),
            ]),
            .node("h1", [], Self.bi(study.title, separator: " / ")),
            .node("p", [("class", "meta")], Self.bi("地区", "Region") + [.text(": ")] + Self.bi(study.region)
                  + [.text(" · ")] + Self.bi("基期", "base year") + [.text(" \(study.baseYear) · ")]
                  + Self.bi("目标年", "target year") + [.text(" \(study.targetYear)")]),
        ]
        if let plan = study.plan {
            children.append(.node("p", [("class", "meta")], Self.bi("规划", "Plan") + [.text(": ")] + Self.bi(plan.title)
                                  + [.text(" — ")] + Self.bi("来源", "source") + [.text(": \(plan.source)")]))
        }
        let paths = Set(run.scenarios.map(\.paths)).sorted().map(String.init).joined(separator: ", ")
        children.append(.node("p", [("class", "meta")], Self.bi("情景", "Scenarios") + [.text(": \(run.scenarios.count) · ")]
                              + Self.bi("目标", "targets") + [.text(": \(study.targets.count) · ")]
                              + Self.bi("蒙特卡洛路径", "Monte Carlo paths") + [.text(": \(paths) · ")]
                              + Self.bi("种子", "seeds") + [.text(": " + run.scenarios.map { "\($0.spec.name) \($0.seed)" }.joined(separator: ", "))]))
        return .node("header", [], children)
    }

    // MARK: Dashboard

    func dashboard() -> Markup {
        let rows = rowsByTarget
        let scenarios = run.scenarios
        let columnCount = 6 + scenarios.count
        let hasData: (Target) -> Bool = { t in scenarios.contains { rows[t.id]?[$0.spec.name].map { $0.verdict != .noData } ?? false } }

        // Counts of each verdict per scenario.
        var summaryRows: [Markup] = []
        for verdict in Verdict.allCases {
            let counts = scenarios.map { s in s.feasibility.filter { $0.verdict == verdict }.count }
            guard counts.contains(where: { $0 > 0 }) else { continue }
            var label = Self.bi(verdict.name)
            if case .likelihood(let l) = verdict { label.append(.text(" (\(l.rangeText))")) }
            summaryRows.append(.node("tr", [], [
                Self.cell("th", [("class", "verdict"), ("data-verdict", verdict.code), ("style", Self.verdictStyle(verdict))], label)]
                + counts.map { Self.cell(String($0), [("class", "num")]) }))
        }
        let summary = Markup.node("table", [("class", "summary")], [
            .node("thead", [], [.node("tr", [], [Self.cell("th", [], Self.bi("判断", "Verdict"))]
                                     + scenarios.map { Self.cell("th", [], Self.bi($0.spec.title)) })]),
            .node("tbody", [], summaryRows),
        ])

        var head: [Markup] = [
            Self.cell("th", [("data-sort", "target"), ("class", "sortable")], Self.bi("目标", "Target")),
            Self.cell("th", [("data-sort", "indicator"), ("class", "sortable")], Self.bi("指标", "Indicator")),
            Self.cell("th", [], Self.bi("规则", "Rule")),
            Self.cell("th", [("data-sort", "year"), ("class", "sortable")], Self.bi("年份", "Year")),
            Self.cell("th", [], Self.bi("最新观测", "Latest observation")),
            Self.cell("th", [], Self.bi("以往进展（不是判断）", "Progress so far (not a verdict)")),
        ]
        for (k, s) in scenarios.enumerated() {
            head.append(Self.cell("th", [("data-sort", "p\(k)"), ("class", "sortable scenario")],
                                  Self.bi(s.spec.title, separator: " ") + [.node("br"), .node("code", [], text: s.spec.name)]))
        }
        var body: [Markup] = []
        var order = 0
        let charted = Set(charts.map(\.results.indicator.id))
        func targetRow(_ target: Target, noData: Bool) -> Markup {
            let indicator = run.study.indicator(id: target.indicator)
            let name = indicator?.name ?? BilingualText(en: target.indicator, zh: target.indicator)
            let rule = StatusStyle.rule(target.rule)
            var attributes: [(String, String?)] = [("class", noData ? "target nodata" : "target"), ("data-order", String(order)),
                                                   ("data-target", target.id), ("data-indicator", target.indicator), ("data-year", String(target.year))]
            var cells: [Markup] = [
                Self.cell("td", [("class", "tname")], [.node("code", [], text: target.id),
                                                       .node("div", [("class", "quote"), ("title", target.quote)], text: target.quote)]),
                Self.cell("td", [], charted.contains(target.indicator)
                          ? [.node("a", [("href", "#ind-\(target.indicator)")], Self.bi(name, separator: " "))]
                          : Self.bi(name, separator: " ")),
                Self.cell("td", [("class", "rule")], Self.bi(rule, separator: " / ")),
                Self.cell(String(target.year), [("class", "num")]),
            ]
            let targetRows = scenarios.map { rows[target.id]?[$0.spec.name] }
            for (k, row) in targetRows.enumerated() {
                attributes.append(("data-p\(k)", row?.pMeet.map(NumberText.csv) ?? "-1"))
            }
            let first = targetRows.compactMap { $0 }.first
            let unit = indicator?.unit ?? ""
            if noData {
                // No observation: what the target's terms imply, and what would settle it, across the scenarios.
                var text = first.flatMap { FeasibilityText.implied($0, indicatorUnit: unit) } ?? ""
                if let settle = first?.settledBy { text += (text.isEmpty ? "" : "; ") + "settled by \(settle)" }
                cells.append(Self.cell("td", [("class", "small"), ("colspan", "2")], Self.bi("无观测", "no observation") + [.node("br"), .text(text)]))
                cells.append(Self.cell("td", [("class", "verdict"), ("colspan", String(scenarios.count)), ("data-verdict", Verdict.noData.code),
                                              ("style", Self.verdictStyle(.noData))],
                                       [.node("span", [("class", "vlabel")], Self.bi(Verdict.noData.name))]))
            } else {
                var latest: [Markup] = []
                if let row = first, let year = row.latestYear {
                    latest.append(.text("\(FeasibilityText.observed(row.latestValue)) (\(year))"))
                    if let met = row.metAtLatest {
                        latest += [.node("br")] + Self.bi(met ? "当时已达到" : "当时未达到", met ? "met then" : "not met then")
                    }
                }
                cells.append(Self.cell("td", [("class", "small")], latest))
                cells.append(Self.cell("td", [("class", "small")], [.text(first.flatMap(FeasibilityText.progress) ?? "–")]))
                cells += targetRows.map { verdictCell($0, unit: unit) }
            }
            order += 1
            return .node("tr", attributes, cells)
        }
        for (chapter, targets) in chapters {
            let assessed = targets.filter(hasData)
            guard !assessed.isEmpty else { continue }
            body.append(.node("tr", [("class", "group")], [
                .node("th", [("colspan", String(columnCount))], chapter.map { Self.bi($0) } ?? Self.bi("未分章节", "No chapter"))]))
            body += assessed.map { targetRow($0, noData: false) }
        }
        let without = run.study.targets.filter { !hasData($0) }
        if !without.isEmpty {
            body.append(.node("tr", [("class", "group nodata"), ("id", "targets-without-data")], [
                .node("th", [("colspan", String(columnCount))], Self.bi("无数据的目标（\(without.count)）", "Targets without data (\(without.count))", separator: " · ")
                      + [.text(" — ")] + Self.bi("按规划自身的条件所需的速度，以及哪项观测可作判断", "the pace each target's own terms imply, and the observation that would settle it", separator: " "))]))
            body += without.map { targetRow($0, noData: true) }
        }
        let assessedCount = run.study.targets.count - without.count
        return .node("section", [("id", "dashboard")], [
            .node("h2", [], Self.bi("可行性总览", "Feasibility dashboard", separator: " · ")),
            .node("p", [("class", "help")], Self.bi(
                "每行一个规划目标，每列一个情景。百分数为目标实现概率 p_meet（蒙特卡洛），颜色和文字是按 IPCC 校准可能性用语对该概率的判断；目标年份已有观测时为观测结果（已实现/未实现）。“以往进展”一栏是欧盟统计局、联合国统计司和亚太经社会的历史进展度量，不是判断。点击表头排序，点击“按章节分组”恢复原顺序。",
                "One row per target of the plan, one column per scenario. The percentage is p_meet, the probability that the target is met (Monte Carlo); the colour and the words are that probability in the IPCC's calibrated likelihood language, or the observed outcome when the target year is observed. “Progress so far” holds the Eurostat, UNSD and ESCAP measures of observed progress: facts about the past, not verdicts. Click a column header to sort; “group by chapter” restores the plan's order. Add #with-data to the address to open the page with only the targets that have data.",
                separator: " ")),
            .node("p", [("class", "help")], Self.bi("\(run.study.targets.count) 个目标中 \(assessedCount) 个有数据，其余列在表末。",
                                                    "\(assessedCount) of \(run.study.targets.count) targets have data; the others are listed at the end of the table.", separator: " ")
                  + [.text(" ")] + Self.bi("判断用语", "Verdicts", separator: " ") + [.text(": " + Likelihood.allCases.reversed().map { "\($0.name.en) \($0.name.zh) \($0.rangeText)" }.joined(separator: " · ") + " — \(Likelihood.source).")]),
            summary,
            .node("div", [("class", "controls")], [
                .node("button", [("type", "button"), ("id", "group-by-chapter"), ("class", "on")], text: "按章节分组 Group by chapter"),
                .node("button", [("type", "button"), ("id", "only-with-data")], text: "只看有数据的目标 Only targets with data"),
            ]),
            .node("table", [("id", "dashboard-table"), ("class", "dashboard")], [
                .node("thead", [], [.node("tr", [], head)]),
                .node("tbody", [], body),
            ]),
        ])
    }

    /// The style of a cell with this verdict: its background and a text colour that reads on it.
    static func verdictStyle(_ verdict: Verdict) -> String {
        "background:\(StatusStyle.color(verdict));color:\(StatusStyle.textColor(verdict))"
    }

    /// A scenario's cell: `p_meet`, the verdict in words (its colour the verdict's), the gap and the pace.
    func verdictCell(_ row: FeasibilityRow?, unit: String) -> Markup {
        guard let row else { return Self.cell("–", [("class", "verdict")]) }
        var tip = row.verdict.code
        if let gap = FeasibilityText.gap(row) { tip += "; " + gap }
        if let pace = FeasibilityText.pace(row, indicatorUnit: unit) { tip += "; " + pace }
        if let yearMet = row.yearMet { tip += "; the median path meets it in \(yearMet)" }
        tip += row.notes.map { "; " + $0 }.joined()
        var children: [Markup] = [
            .node("span", [("class", "p")], text: row.pMeet.map { NumberText.percent($0, decimals: 0) } ?? "–"),
            .node("br"),
            .node("span", [("class", "vlabel")], Self.bi(row.verdict.name, separator: " ")),
        ]
        if row.verdict.isOutcome, let outcome = row.outcome {
            var text = "observed " + outcome.text
            if let gap = row.gap { text += "; gap \(FeasibilityText.signedGap(gap, of: row))" }
            children += [.node("br"), .node("span", [("class", "gap")], text: text)]
        } else if let projected = row.projected {
            var gap = "median " + FeasibilityText.measure(projected, of: row.target)
            if let lo = row.lo80, let hi = row.hi80, lo < hi {
                gap += " (80%: \(FeasibilityText.measure(lo, of: row.target))–\(FeasibilityText.measure(hi, of: row.target)))"
            }
            children += [.node("br"), .node("span", [("class", "gap")], text: gap)]
        }
        if let pace = row.pace {
            var text = "needs \(row.target.rule.op.wantsHigher ? "≥" : "≤") " + FeasibilityText.pace(pace.needed, unit: pace.unit, indicatorUnit: unit)
            if let projected = pace.projected { text += ", projected " + FeasibilityText.pace(projected, unit: pace.unit, indicatorUnit: unit) }
            children += [.node("br"), .node("span", [("class", "gap")], text: text)]
        }
        return Self.cell("td", [("class", "verdict"), ("data-verdict", row.verdict.code), ("data-p", row.pMeet.map(NumberText.csv) ?? ""),
                                ("style", Self.verdictStyle(row.verdict)), ("title", tip)], children)
    }

    // MARK: Scenarios

    func scenarioSection() -> Markup {
        let rows = run.scenarios.enumerated().map { k, s -> Markup in
            let color = IndicatorChart.palette[k % IndicatorChart.palette.count]
            let effects = run.assumptionEffects.filter { $0.scenario == s.spec.name }
            let assumptions: [Markup] = effects.isEmpty
                ? Self.bi("无（各指标按趋势）", "none: every indicator on its trend", separator: " ")
                : [.node("ul", [], effects.map { e in
                    .node("li", [], text: DashboardText.assumptionText(e, indicatorUnit: run.study.indicator(id: e.indicator)?.unit ?? ""))
                })]
            return .node("tr", [], [
                Self.cell("td", [], [.node("span", [("class", "swatch"), ("style", "background:\(color)")], text: " "),
                                     .node("code", [], text: s.spec.name)]),
                Self.cell("td", [], Self.bi(s.spec.title, separator: " / ")),
                Self.cell("td", [], Self.bi(s.spec.rationale, separator: " ")),
                Self.cell("td", [("class", "small")], assumptions),
                Self.cell(String(s.paths), [("class", "num")]),
                Self.cell(String(s.seed), [("class", "num")]),
            ])
        }
        var children: [Markup] = [
            .node("h2", [], Self.bi("情景", "Scenarios", separator: " · ")),
            .node("table", [("class", "plain")], [
                .node("thead", [], [.node("tr", [], [
                    Self.cell("th", [], Self.bi("名称", "Name")), Self.cell("th", [], Self.bi("标题", "Title")),
                    Self.cell("th", [], Self.bi("说明", "Rationale")), Self.cell("th", [], Self.bi("假设与所替代的趋势", "Assumptions against the trend they replace")),
                    Self.cell("th", [], Self.bi("路径", "Paths")), Self.cell("th", [], Self.bi("种子", "Seed")),
                ])]),
                .node("tbody", [], rows),
            ]),
        ]
        // The correlations that decide a derived indicator's spread, and any declared one, with their sources.
        let linked = Set(ShockCorrelation.linkedPairs(run.study).map(\.pair))
        let shown = (run.scenarios.first?.correlations ?? []).filter { c in
            linked.contains(c.pair) || { if case .residuals = c.source { return false }; if case .undeclared = c.source { return false }; return true }()
        }
        if !shown.isEmpty {
            let head = [Self.cell("th", [], Self.bi("指标对", "Indicators"))] + run.scenarios.map { Self.cell("th", [], [.node("code", [], text: $0.spec.name)]) }
                + [Self.cell("th", [], Self.bi("来源", "Source"))]
            let body = shown.map { c -> Markup in
                let values = run.scenarios.map { s in s.correlations.first { $0.pair == c.pair } }
                return .node("tr", [], [Self.cell("td", [], [.node("code", [], text: "\(c.pair.first), \(c.pair.second)")])]
                             + values.map { Self.cell(NumberText.fixed($0?.value, decimals: 3), [("class", "num")]) }
                             + [Self.cell("td", [("class", "small")], [.text(Set(values.compactMap { $0?.source.description }).sorted().joined(separator: " / "))])])
            }
            children.append(.node("h3", [], Self.bi("冲击的相关系数", "Correlation of the indicators' yearly shocks", separator: " · ")))
            children.append(.node("p", [("class", "help")], Self.bi(
                "派生指标（如城乡收入倍差）的区间取决于其输入指标冲击的相关性。全部指标对见 correlations.csv。",
                "The interval of a derived indicator (the urban-rural income ratio) depends on how its inputs' shocks move together. Every pair is in correlations.csv.",
                separator: " ")))
            children.append(.node("table", [("class", "plain")], [.node("thead", [], [.node("tr", [], head)]), .node("tbody", [], body)]))
        }
        return .node("section", [("id", "scenarios")], children)
    }

    // MARK: Indicators

    func indicatorSections() -> Markup {
        let withData = Set(charts.map(\.results.indicator.id))
        let without = run.study.indicators.filter { !withData.contains($0.id) }
        var children: [Markup] = [.node("h2", [], Self.bi("指标", "Indicators", separator: " · "))]
        children.append(.node("nav", [("class", "toc")], charts.map { chart in
            .node("a", [("href", "#ind-\(chart.results.indicator.id)")], text: chart.results.indicator.name.zh)
        }))
        // Each section draws its chart again (inline): on all cores, kept in order.
        children += Parallel.map(charts.count) { indicatorSection(charts[$0]) }
        if !without.isEmpty {
            children.append(.node("h3", [("id", "no-data")], Self.bi("无数据的指标（\(without.count)）", "Indicators without data (\(without.count))", separator: " · ")))
            children.append(.node("p", [("class", "help")], Self.bi(
                "以下指标在 history.csv 中没有观测值，因此不绘图，其目标状态为“无数据”。",
                "These indicators have no observation in history.csv: they get no chart, and their targets read “no data”.",
                separator: " ")))
            children.append(.node("ul", [("class", "nodata")], without.map { i in
                .node("li", [], [.node("code", [], text: i.id), .text(" ")] + Self.bi(i.name, separator: " · "))
            }))
        }
        return .node("section", [("id", "indicators")], children)
    }

    func indicatorSection(_ chart: IndicatorChart) -> Markup {
        let r = chart.results
        let i = r.indicator
        var meta: [Markup] = []
        if let chapter = i.chapter { meta += Self.bi(chapter) + [.text(" · ")] }
        meta += Self.bi("单位", "unit") + [.text(": \(i.unit) · ")] + Self.bi("类型", "kind") + [.text(": \(i.kind.rawValue) · ")]
            + Self.bi(i.direction == .up ? "越高越好" : "越低越好", i.direction == .up ? "higher is better" : "lower is better")
        var children: [Markup] = [
            .node("h3", [], Self.bi(i.name, separator: " · ")),
            .node("p", [("class", "meta")], [.node("code", [], text: i.id), .text(" · ")] + meta),
            .node("figure", [("class", "chart")], [chart.markup()]),
            .node("p", [("class", "fit")], fitSummary(r)),
        ]
        if !r.targets.isEmpty { children.append(targetList(r)) }
        children.append(valueTable(r, chart: chart))
        return .node("section", [("class", "indicator"), ("id", "ind-\(i.id)")], children)
    }

    func fitSummary(_ r: IndicatorResults) -> [Markup] {
        if let formula = r.indicator.formula {
            return Self.bi("派生指标", "Derived") + [.text(": "), .node("code", [], text: formula.description), .text(" — ")]
                + Self.bi("逐条路径计算，无自身拟合。", "computed path by path from its inputs; no fit of its own.", separator: " ")
        }
        guard let trend = r.trend else { return Self.bi("无趋势拟合（没有观测值）。", "No trend fit (no observations).", separator: " ") }
        guard let fit = trend.fit else {
            return Self.bi("无趋势拟合", "No trend fit") + [.text(": \(trend.reason)")]
        }
        var text = "\(fit.family.name), \(fit.observationCount) observations \(fit.years.first!)–\(fit.years.last!)"
        text += "; " + zip(fit.parameterNames, zip(fit.parameters, fit.standardErrors))
            .map { "\($0) = \(NumberText.significant($1.0)) (se \(NumberText.significant($1.1, digits: 2)))" }.joined(separator: ", ")
        if let g = fit.growthRate {
            text += "; growth \(NumberText.percent(g, decimals: 2)) a year"
            if let ci = fit.growthRateInterval() {
                text += " (95%: \(NumberText.percent(ci.lower, decimals: 2))–\(NumberText.percent(ci.upper, decimals: 2)))"
            }
        }
        if fit.residualStandardDeviation.isFinite, fit.residualStandardDeviation > 0 {
            text += "; residual sd \(NumberText.significant(fit.residualStandardDeviation, digits: 3))"
            text += fit.transform == .identity ? "" : " (\(fit.transform))"
        }
        if let aicc = fit.aicc, aicc.isFinite { text += "; AICc \(NumberText.fixed(aicc, decimals: 2))" }
        text += ". Why: \(trend.reason)."
        return Self.bi("趋势拟合", "Trend fit") + [.text(": " + text)]
    }

    func targetList(_ r: IndicatorResults) -> Markup {
        .node("ul", [("class", "targets")], r.targets.map { t in
            let rule = StatusStyle.rule(t.target.rule)
            var items: [Markup] = [.node("code", [], text: t.target.id), .text(" ")]
                + Self.bi(rule, separator: " / ") + [.text(" (\(t.target.year)) — “\(t.target.quote)”")]
            if let note = t.target.note { items.append(.node("span", [("class", "note")], text: " \(note)")) }
            if let source = t.target.source { items.append(.node("span", [("class", "note")], text: " [\(source)]")) }
            var outcomes: [Markup] = []
            let unit = r.indicator.unit
            for row in t.rows {
                var s = "\(row.scenario): p_meet \(row.pMeet.map { NumberText.percent($0, decimals: 1) } ?? "–")"
                if let gap = FeasibilityText.gap(row) { s += "; \(gap)" }
                if let lo = row.lo95, let hi = row.hi95, lo < hi {
                    s += "; 95%: \(FeasibilityText.measure(lo, of: row.target))–\(FeasibilityText.measure(hi, of: row.target))"
                }
                if let pace = FeasibilityText.pace(row, indicatorUnit: unit) { s += "; \(pace)" }
                if let y = row.yearMet { s += "; the median path meets it in \(y)" }
                s += row.notes.map { "; " + $0 }.joined()
                outcomes.append(.node("li", [], [.node("span", [("class", "chip"), ("data-verdict", row.verdict.code), ("data-p", row.pMeet.map(NumberText.csv) ?? ""),
                                                        ("style", Self.verdictStyle(row.verdict))],
                                                       Self.bi(row.verdict.name, separator: " ")), .text(" " + s)]))
            }
            if let progress = t.rows.first.flatMap(FeasibilityText.progress) {
                outcomes.append(.node("li", [("class", "note")], Self.bi("以往进展（不是判断）", "Progress so far (not a verdict)", separator: " ") + [.text(": " + progress)]))
            }
            if !outcomes.isEmpty { items.append(.node("ul", [], outcomes)) }
            return .node("li", [], items)
        })
    }

    func valueTable(_ r: IndicatorResults, chart: IndicatorChart) -> Markup {
        let observed = r.observedByYear
        let scenarios = r.projections.filter { !$0.rows.isEmpty }
        var byScenario: [String: [Int: ProjectionRow]] = [:]
        for s in scenarios { byScenario[s.scenario.name] = Dictionary(s.rows.map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a }) }
        let years = Set(observed.keys).union(scenarios.flatMap { $0.rows.map(\.year) }).sorted()
        var head: [Markup] = [Self.cell("th", [], Self.bi("年份", "Year")), Self.cell("th", [], Self.bi("观测值", "Observed"))]
        for s in scenarios {
            head.append(Self.cell("th", [], [.node("span", [("class", "swatch"), ("style", "background:\(chart.color(ofScenario: s.scenario.name))")], text: " "),
                                             .node("code", [], text: s.scenario.name), .node("br")]
                                  + Self.bi("中位数 [95%区间]", "median [95% interval]", separator: " ")))
        }
        let rows = years.map { year -> Markup in
            let mark = r.chainedYears.contains(year) ? " †" : ""
            var cells = [Self.cell(String(year)), Self.cell(observed[year].map { NumberText.significant($0, digits: 5) + mark } ?? "", [("class", "num")])]
            for s in scenarios {
                if let p = byScenario[s.scenario.name]?[year] {
                    let band = p.lo95 == nil ? "" : " [\(NumberText.significant(p.lo95))–\(NumberText.significant(p.hi95))]"
                    cells.append(Self.cell(NumberText.significant(p.value) + band, [("class", "num")]))
                } else {
                    cells.append(Self.cell("", [("class", "num")]))
                }
            }
            return .node("tr", [], cells)
        }
        var parts: [Markup] = [
            .node("summary", [], Self.bi("数值表", "Values")),
            .node("table", [("class", "plain values")], [.node("thead", [], [.node("tr", [], head)]), .node("tbody", [], rows)]),
        ]
        if !r.chainedYears.isEmpty {
            parts.append(.node("p", [("class", "note")], [.text("† ")] + Self.bi("由公布的增速推算,并非公布的数值", "chained from the published growth rate, not a published level")))
        }
        return .node("details", [("open", "open")], parts)
    }

    // MARK: Notes

    func notesSection() -> Markup {
        var children: [Markup] = [
            .node("h2", [], Self.bi("说明", "Notes", separator: " · ")),
            .node("p", [], Self.bi(
                "判断：p_meet 为蒙特卡洛路径中目标年份达到目标的比例，按 IPCC 校准可能性用语（Mastrandrea 等 2010，IPCC 第五次评估报告主要作者指南说明）分为七档：几乎确定 ≥ 99%，很可能 90–99%，可能 66–90%，或许可能 33–66%，不太可能 10–33%，很不可能 1–10%，极不可能 ≤ 1%。目标年份已有观测时，判断为观测结果：已实现或未实现。对数尺度预测给出的是中位数。",
                "Verdicts: p_meet is the share of Monte Carlo paths that meet the target in its year, worded on the IPCC's calibrated likelihood scale (Mastrandrea et al. 2010, Guidance Note for Lead Authors of the IPCC Fifth Assessment Report on Consistent Treatment of Uncertainties) as seven bands: virtually certain ≥ 99%, very likely 90–99%, likely 66–90%, about as likely as not 33–66%, unlikely 10–33%, very unlikely 1–10%, exceptionally unlikely ≤ 1%. When the target year is observed, the verdict is the observation: met or missed. Projections on a log scale are medians.",
                separator: " ")),
            .node("p", [], Self.bi(
                "以往进展（不是判断）：欧盟统计局/Open SDG 进展比率（近五年观测增速与所需增速之比，≥ 0.95 进度正常，0.6–0.95 进展一般，0–0.6 进展不足，< 0 背离目标）；联合国统计司预测进展得分；亚太经社会（ESCAP）预期进展：近期观测权重较大的加权线性趋势在目标年的值与目标之差占基期到目标全程的比例，并给出保持、加速或扭转。",
                "Progress so far (not verdicts): the Eurostat / Open SDG progress ratio (observed growth over about five years against the growth the target requires: ≥ 0.95 on track, 0.6–0.95 moderate, 0–0.6 insufficient, below 0 moving away); the UN Statistics Division's projected-progress score; UN ESCAP's anticipated progress (a linear trend weighting recent years more, in the target year: the gap to the target as a share of the way from the baseline, and maintain, accelerate or reverse).",
                separator: " ")),
            .node("p", [], Self.bi("数据文件：projections.csv、feasibility.csv、fits.csv、correlations.csv（说明见 Notebooks-out/README.md）。",
                                   "Data: projections.csv, feasibility.csv, fits.csv, correlations.csv (columns explained in Notebooks-out/README.md).", separator: " ")),
        ]
        if !run.notes.isEmpty {
            children.append(.node("ul", [], run.notes.map { .node("li", [], text: $0) }))
        }
        return .node("section", [("id", "notes")], children)
    }

    // MARK: Style and script

    /// The style sheet, `Resources/report.css` (kept free of `<` and `&`, so it is valid XML text).
    static let styleSheet = ReportResource.text("report", "css")

    /// Language buttons and table sorting, `Resources/report.js` (no `<` or `&` in the code, so it is valid XML text).
    static let script = ReportResource.text("report", "js")
}

/// Text files shipped with the Reports module (`Sources/Reports/Resources`): the report's style sheet and script,
/// kept as the files they are rather than as Swift string literals.
enum ReportResource {
    static func text(_ name: String, _ type: String) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: type, subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            preconditionFailure("the Reports resource \(name).\(type) is missing from \(Bundle.module.bundlePath)")
        }
        return text
    }
}
