import Common
import Foundation
import Simulation
import Studies

/// The report's retrospective section (`pathways retro`): what can be scored, the chart of `p_meet` by vintage
/// against what happened, each target's verdicts by vintage with the rivals' forecasts, the scores side by side,
/// the reliability of `p_meet`, and the projections of the target year against its outcomes.
extension HTMLReport {
    func retrospectiveSection(_ retro: Retrospective) -> Markup {
        var children: [Markup] = [
            .node("h2", [], Self.bi("回顾：各年份当时的判断与实际结果", "Looking back: the verdicts each vintage gave, against what happened", separator: " · ")),
            .node("p", [("class", "help")], Self.bi(
                "每个“年份版本”只用该年及以前年份的历史数据重新运行全部评估（所有情景，相同种子），再与历史中目标年份的实际结果比较。对手：欧盟统计局进展状态（进度正常或已实现视为“将实现”）与最近两个观测值的直线外推。Brier 分数为 (p − o)² 的平均值；对数分数为 −ln p̃（实现）或 −ln(1 − p̃)（未实现）的平均值，p̃ 截断在 [0.01, 0.99]。两者越低越好，三种方法在同一组目标上计算。",
                "Each vintage re-runs the whole assessment (every scenario, the same seed) with only the rows of the years up to it, and is compared with the outcome of the target year in the whole history. The rivals: the Eurostat progress status read as a forecast (on track or achieved = met) and a straight line through the last two observations. The Brier score is the mean of (p − o)²; the log score the mean of −ln p̃ when met and −ln(1 − p̃) when missed, p̃ = p clipped to [0.01, 0.99]. Lower is better for both; the three methods are scored on the same targets.",
                separator: " ")),
            .node("ul", [("class", "help")], RetroText.coverage(retro).map { .node("li", [], text: $0) }),
            .node("figure", [("class", "chart")], [RetroChart(retro: retro).markup()]),
        ]
        for scenario in retro.scenarioNames {
            children += retroScenario(retro, scenario: scenario)
        }
        children += retroProjections(retro)
        if !retro.notes.isEmpty {
            children.append(.node("ul", [("class", "note")], retro.notes.map { .node("li", [], text: $0) }))
        }
        children.append(.node("p", [("class", "help")], Self.bi(
            "数据文件：retro.csv、retro-scores.csv、retro-reliability.csv、retro-projections.csv（说明见 Notebooks-out/README.md）。",
            "Data: retro.csv, retro-scores.csv, retro-reliability.csv, retro-projections.csv (columns explained in Notebooks-out/README.md).", separator: " ")))
        return .node("section", [("id", "retrospective")], children)
    }

    /// A scenario's verdicts by vintage (targets with a probability at some vintage), then its scores and reliability.
    func retroScenario(_ retro: Retrospective, scenario: String) -> [Markup] {
        let rows = retro.rows.filter { $0.scenario == scenario }
        let shown = retro.study.targets.filter { t in rows.contains { $0.target.id == t.id && $0.verdict != .noData } }
        guard !shown.isEmpty else { return [] }
        let outcomes = Dictionary(uniqueKeysWithValues: retro.outcomes.map { ($0.target.id, $0) })
        let head: [Markup] = [Self.cell("th", [], Self.bi("目标", "Target"))]
            + retro.years.map { Self.cell("th", [], [.text(String($0))]) } + [Self.cell("th", [], Self.bi("结果", "Outcome"))]
        let body = shown.map { target -> Markup in
            var cells: [Markup] = [Self.cell("td", [("class", "tname")], [.node("code", [], text: target.id), .node("br"),
                                                                          .text("\(StatusStyle.rule(target.rule).en) in \(target.year)")])]
            for year in retro.years {
                guard let r = rows.first(where: { $0.vintage == year && $0.target.id == target.id }) else {
                    cells.append(Self.cell("–", [("class", "num")]))
                    continue
                }
                let rivals = "Eurostat \(r.eurostat.map { $0 ? "met" : "missed" } ?? "–") · line \(r.straightLineMet.map { $0 ? "met" : "missed" } ?? "–")"
                cells.append(Self.cell("td", [("class", "verdict"), ("data-verdict", r.verdict.code), ("data-p", r.pMeet.map(NumberText.csv) ?? ""),
                                              ("style", Self.verdictStyle(r.verdict)), ("title", "\(r.status.rawValue); straight line \(NumberText.significant(r.straightLine))")],
                                       [.node("span", [("class", "p")], text: r.pMeet.map { NumberText.percent($0) } ?? "–"), .node("br"),
                                        .node("span", [("class", "vlabel")], Self.bi(r.verdict.name, separator: " ")), .node("br"),
                                        .node("span", [("class", "gap")], text: rivals)]))
            }
            let o = outcomes[target.id]
            if let o, o.verdict.isOutcome || o.outcome != nil {
                cells.append(Self.cell("td", [("class", "verdict"), ("data-verdict", o.verdict.code), ("data-p", o.verdict.isOutcome ? (o.met == true ? "1" : "0") : ""),
                                              ("style", Self.verdictStyle(o.verdict))],
                                       [.node("span", [("class", "vlabel")], Self.bi(o.verdict.name, separator: " "))]
                                       + (o.outcome.map { [.node("br"), .node("span", [("class", "gap")], text: $0.text)] } ?? [])))
            } else {
                cells.append(Self.cell("td", [("class", "small")], Self.bi("无结果", "no outcome")))
            }
            return .node("tr", [], cells)
        }
        var out: [Markup] = [
            .node("h3", [], Self.bi("各年份的判断", "Verdicts by vintage", separator: " · ") + [.text(" — "), .node("code", [], text: scenario)]),
            .node("table", [("class", "plain retro")], [.node("thead", [], [.node("tr", [], head)]), .node("tbody", [], body)]),
        ]
        guard !retro.scored(scenario: scenario).isEmpty else { return out }
        let methods = Retrospective.Method.allCases
        let scoreHead: [Markup] = [Self.cell("th", [], Self.bi("年份版本", "Vintage")), Self.cell("th", [], [.text("n")])]
            + methods.map { Self.cell("th", [], [.text("Brier: \($0.name)")]) } + methods.map { Self.cell("th", [], [.text("log: \($0.name)")]) }
        let scoreRows = (retro.years.map(Optional.some) + [nil]).map { vintage -> Markup in
            let scores = methods.map { retro.score($0, scenario: scenario, vintage: vintage) }
            let n = scores.first.flatMap { $0?.count } ?? 0
            return .node("tr", vintage == nil ? [("class", "total")] : [], [Self.cell(vintage.map(String.init) ?? "all"), Self.cell(String(n), [("class", "num")])]
                         + scores.map { Self.cell(NumberText.fixed($0?.brier, decimals: 3), [("class", "num")]) }
                         + scores.map { Self.cell(NumberText.fixed($0?.logScore, decimals: 3), [("class", "num")]) })
        }
        out.append(.node("h3", [], Self.bi("评分（越低越好）", "Scores (lower is better)", separator: " · ") + [.text(" — "), .node("code", [], text: scenario)]))
        out.append(.node("table", [("class", "plain")], [.node("thead", [], [.node("tr", [], scoreHead)]), .node("tbody", [], scoreRows)]))
        let reliability = retro.reliability(scenario: scenario).map { row -> Markup in
            .node("tr", [], [Self.cell("td", [], Self.bi(row.band.name, separator: " ") + [.text(" (\(row.band.rangeText))")]),
                             Self.cell(String(row.count), [("class", "num")]), Self.cell(String(row.met), [("class", "num")]),
                             Self.cell(NumberText.fixed(row.meanProbability, decimals: 2), [("class", "num")]),
                             Self.cell(NumberText.percent(row.observedFrequency), [("class", "num")])])
        }
        out.append(.node("p", [("class", "help")], Self.bi("p_meet 的可靠性：各可能性档内的预测有多少实际实现（全部年份版本）。", "Reliability of p_meet: of the forecasts in each likelihood band, how many were met (all vintages).", separator: " ")))
        out.append(.node("table", [("class", "plain")], [
            .node("thead", [], [.node("tr", [], [Self.cell("th", [], Self.bi("档", "Band")), Self.cell("th", [], Self.bi("预测数", "Forecasts")),
                                                 Self.cell("th", [], Self.bi("实现数", "Met")), Self.cell("th", [], Self.bi("平均 p", "Mean p")),
                                                 Self.cell("th", [], Self.bi("实现比例", "Share met"))])]),
            .node("tbody", [], reliability),
        ]))
        out.append(.node("ul", [("class", "small")], RetroText.rivals(retro, scenario: scenario).map { .node("li", [], text: $0) }))
        return out
    }

    /// The target year's outcomes against each vintage's median and intervals, by indicator (first scenario).
    func retroProjections(_ retro: Retrospective) -> [Markup] {
        guard let scenario = retro.scenarioNames.first else { return [] }
        let rows = retro.projections.filter { $0.scenario == scenario }
        guard !rows.isEmpty else { return [] }
        func mark(_ b: Bool?) -> String { b.map { $0 ? "✓" : "✗" } ?? "?" }
        let head: [Markup] = [Self.cell("th", [], Self.bi("指标", "Indicator")), Self.cell("th", [], Self.bi("结果", "Outcome"))]
            + retro.years.map { Self.cell("th", [], [.text(String($0))]) }
        let body = Set(rows.map(\.indicator)).sorted().map { id -> Markup in
            let mine = rows.filter { $0.indicator == id }
            var cells: [Markup] = [Self.cell("td", [], [.node("code", [], text: id)]), Self.cell(mine.first?.outcome.text ?? "–", [("class", "num")])]
            for year in retro.years {
                guard let p = mine.first(where: { $0.vintage == year }) else { cells.append(Self.cell("–", [("class", "num")])); continue }
                let error = p.absolutePercentageError.map { " (\(NumberText.fixed($0 * 100, decimals: 1))%)" } ?? ""
                cells.append(Self.cell(NumberText.significant(p.projected) + error + " \(mark(p.covered80))\(mark(p.covered95))", [("class", "num")]))
            }
            return .node("tr", [], cells)
        }
        return [
            .node("h3", [], Self.bi("\(retro.outcomeYear) 年的预测与结果", "Projections of \(retro.outcomeYear) against the outcomes", separator: " · ")
                  + [.text(" — "), .node("code", [], text: scenario)]),
            .node("p", [("class", "help")], Self.bi(
                "各年份版本的中位数（绝对百分比误差），以及 80% 和 95% 区间是否包含结果（✓ 是，✗ 否，? 结果只是一个界限，无法判断）。",
                "Each vintage's median (absolute percentage error), then whether its 80% and 95% intervals held the outcome (✓ yes, ✗ no, ? the outcome is a bound that leaves it open).",
                separator: " ")),
            .node("table", [("class", "plain")], [.node("thead", [], [.node("tr", [], head)]), .node("tbody", [], body)]),
        ]
    }
}
