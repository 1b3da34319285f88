import Common
import Foundation
import Simulation
import Studies

/// `pathways retro` in the terminal, and the sentences the report shares with it: what can be scored, the
/// scores of Pathways and its two rivals side by side, the reliability of `p_meet`, and the projections of the
/// outcome year against the outcomes.
public enum RetroText {
    /// `vintages 2020-2024`.
    public static func vintages(_ retro: Retrospective) -> String {
        let years = retro.years
        guard let first = years.first, let last = years.last else { return "no vintage" }
        return first == last ? "vintage \(first)" : "vintages \(first)-\(last)"
    }

    /// An outcome against its target: `income-ratio-2025 met (1.81 against < 1.9)`.
    public static func outcome(_ o: Retrospective.TargetOutcome) -> String {
        var text = "\(o.target.id) \(o.verdict.code)"
        if let outcome = o.outcome { text += " (\(outcome.text) against \(StatusStyle.rule(o.target.rule).en))" }
        return text
    }

    /// What can and cannot be scored, in sentences: the count of targets with an outcome that settles them,
    /// those with one that does not, those without, and how many (vintage, target) pairs the scores use.
    public static func coverage(_ retro: Retrospective) -> [String] {
        let total = retro.outcomes.count
        let year = retro.outcomeYear
        var lines: [String] = []
        let settled = retro.settled, unsettled = retro.unsettled, without = retro.withoutOutcome
        let withData = Set(retro.rows.filter { $0.verdict != .noData }.map(\.target.id))
        if settled.isEmpty {
            let with = total - without.count
            lines.append("Nothing can be scored: \(with) of the \(total) targets \(with == 1 ? "has" : "have") a \(year) outcome in the history"
                         + (unsettled.isEmpty ? "" : ", and \(with == 1 ? "it does" : "none of them does") not settle \(with == 1 ? "its target" : "theirs") (\(unsettled.map(outcome).joined(separator: "; ")))")
                         + ". \(withData.count) of the \(total) had data at some vintage: their p_meet by vintage is in retro.csv, with nothing to score it against.")
        } else {
            lines.append("Targets with an outcome that settles them: \(settled.count) of \(total) (\(settled.map(outcome).joined(separator: "; "))).")
            if !unsettled.isEmpty {
                lines.append("With an outcome that does not settle them: \(unsettled.count) (\(unsettled.map(outcome).joined(separator: "; "))).")
            }
            let notScored = without.filter { withData.contains($0.target.id) }.map(\.target.id)
            lines.append("Without an outcome: \(without.count)" + (notScored.isEmpty ? "." : "; of them \(notScored.count) had data and are not scored (\(notScored.joined(separator: ", "))).")
                         + " Outcomes are the \(year) values (or bounds) in the history; every other target year is later or not observed.")
        }
        let checked = Set(retro.projections.map(\.indicator)).sorted()
        if checked.isEmpty {
            lines.append("No indicator has a \(year) outcome that a vintage projected, so no projection can be checked.")
        } else {
            let outcomes = checked.compactMap { id in retro.projections.first { $0.indicator == id }.map { "\(id) (\($0.outcome.text))" } }
            lines.append("Projections checked against \(year) outcomes: \(checked.count) indicator\(checked.count == 1 ? "" : "s"): \(outcomes.joined(separator: ", ")).")
        }
        return lines
    }

    static func score(_ value: Double?) -> String { NumberText.fixed(value, decimals: 3) }

    /// The scores of one scenario: a row per vintage and one for all, Brier then log score, the three methods side by side.
    public static func scoreTable(_ retro: Retrospective, scenario: String) -> [String] {
        let methods = Retrospective.Method.allCases
        let columns = [9, 4] + Array(repeating: 9, count: methods.count * 2)
        func line(_ cells: [String]) -> String {
            zip(cells, columns).enumerated().map { k, pair in k < 1 ? TerminalText.pad(pair.0, to: pair.1) : TerminalText.padLeft(pair.0, to: pair.1) }
                .joined(separator: " ")
        }
        var out = [line(["", "", "Brier:"] + Array(repeating: "", count: methods.count - 1) + ["log:"] + Array(repeating: "", count: methods.count - 1)),
                   line(["vintage", "n"] + methods.map(shortName) + methods.map(shortName))]
        for vintage in retro.years.map(Optional.some) + [nil] {
            let scores = methods.map { retro.score($0, scenario: scenario, vintage: vintage) }
            let n = scores.first.flatMap { $0?.count } ?? 0
            out.append(line([vintage.map(String.init) ?? "all", String(n)] + scores.map { score($0?.brier) } + scores.map { score($0?.logScore) }))
        }
        return out
    }

    static func shortName(_ method: Retrospective.Method) -> String {
        switch method {
        case .pathways: return "Pathways"
        case .eurostat: return "Eurostat"
        case .straightLine: return "line"
        }
    }

    /// `likely (66–90%): 4 forecasts, 3 met (mean p 0.78)`.
    public static func reliability(_ retro: Retrospective, scenario: String) -> [String] {
        retro.reliability(scenario: scenario).map {
            "\($0.band.name.en) (\($0.band.rangeText)): \($0.count) forecast\($0.count == 1 ? "" : "s"), \($0.met) met (mean p \(NumberText.fixed($0.meanProbability, decimals: 2)))"
        }
    }

    /// The rivals' hits: `Eurostat status: said met 6 times (6 met), missed 2 times (1 met)`.
    public static func rivals(_ retro: Retrospective, scenario: String) -> [String] {
        let rows = retro.scored(scenario: scenario)
        return [Retrospective.Method.eurostat, .straightLine].map { method in
            let said = rows.filter { $0.forecast(method) == 1 }, denied = rows.filter { $0.forecast(method) == 0 }
            return "\(method.name): said met \(said.count) time\(said.count == 1 ? "" : "s") (\(said.filter { $0.met == true }.count) met), "
                + "missed \(denied.count) time\(denied.count == 1 ? "" : "s") (\(denied.filter { $0.met == true }.count) met)"
        }
    }

    /// One line per indicator: the outcome, then each vintage's median with its error and whether the 80% and
    /// 95% intervals held the outcome (`✓`, `✗`, `?` when a bound leaves it open).
    public static func projections(_ retro: Retrospective, scenario: String) -> [String] {
        let rows = retro.projections.filter { $0.scenario == scenario }
        func mark(_ b: Bool?) -> String { b.map { $0 ? "✓" : "✗" } ?? "?" }
        return Set(rows.map(\.indicator)).sorted().map { id in
            let mine = rows.filter { $0.indicator == id }.sorted { $0.vintage < $1.vintage }
            let cells = mine.map { p in
                "\(p.vintage): \(NumberText.significant(p.projected))" + (p.absolutePercentageError.map { " (\(NumberText.fixed($0 * 100, decimals: 1))%)" } ?? "")
                    + " \(mark(p.covered80))\(mark(p.covered95))"
            }
            return "\(id), outcome \(mine.first?.outcome.text ?? "–"): " + cells.joined(separator: "; ")
        }
    }

    /// The whole terminal text of `pathways retro`.
    public static func summary(_ retro: Retrospective, width: Int = 100) -> String {
        func wrapped(_ text: String, indent: String = "") -> String {
            TerminalText.wrap(text, width: width - indent.count).map { indent + $0 + "\n" }.joined()
        }
        let seeds = retro.current.scenarios.map { "\($0.spec.name) \($0.seed)" }.joined(separator: ", ")
        let paths = Set(retro.current.scenarios.map(\.paths)).sorted().map(String.init).joined(separator: ", ")
        var out = wrapped("Retrospective of \(retro.study.id): \(vintages(retro)), each run with only the rows of the years up to it "
                          + "(every scenario; seeds \(seeds); \(paths) paths), against the \(retro.outcomeYear) outcomes of the whole history.")
        out += "\n"
        for line in coverage(retro) { out += wrapped(line) }
        for scenario in retro.scenarioNames {
            guard !retro.scored(scenario: scenario).isEmpty else { continue }
            out += "\n" + wrapped("Scores under \(scenario) (lower is better; n = targets all three forecast and whose outcome settles them; "
                                  + "log score with p clipped to [\(NumberText.plain(ForecastScore.epsilon)), \(NumberText.plain(1 - ForecastScore.epsilon))]):")
            for line in scoreTable(retro, scenario: scenario) { out += "  " + line + "\n" }
            out += wrapped("Reliability of p_meet (all vintages):", indent: "")
            for line in reliability(retro, scenario: scenario) { out += wrapped(line, indent: "  ") }
            for line in rivals(retro, scenario: scenario) { out += wrapped(line, indent: "  ") }
        }
        if let scenario = retro.scenarioNames.first, !retro.projections.isEmpty {
            out += "\n" + wrapped("Projections of \(retro.outcomeYear) under \(scenario) against the outcomes: median (absolute percentage error), "
                                  + "then whether the 80% and 95% intervals held it (✓ yes, ✗ no, ? a bound leaves it open):")
            for line in projections(retro, scenario: scenario) { out += wrapped(line, indent: "  ") }
        }
        if !retro.notes.isEmpty {
            out += "\n"
            for note in retro.notes { out += wrapped("Note: " + note) }
        }
        return out
    }
}
