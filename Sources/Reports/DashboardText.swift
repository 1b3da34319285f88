import Common
import Foundation
import Simulation
import Studies

/// The feasibility table of `pathways check`, in about 100 columns: the assessed targets first, one column per
/// scenario with `p_meet` and its verdict, each target followed by its gap and pace and the progress measures;
/// then the scenarios' assumptions against their trends; then the targets without data, counted, with the
/// pace their terms imply. ANSI colour (the verdict's) only when asked.
public enum DashboardText {
    public static func table(_ run: StudyRun, width: Int = 100, colour: Bool = false) -> String {
        let scenarios = run.scenarios.map(\.spec.name)
        var byTarget: [String: [String: FeasibilityRow]] = [:]
        for scenario in run.scenarios { for row in scenario.feasibility { byTarget[row.target.id, default: [:]][scenario.spec.name] = row } }
        let assessed = run.study.targets.filter { t in byTarget[t.id]?.values.contains { $0.verdict != .noData } ?? false }
        let without = run.study.targets.filter { t in !assessed.contains { $0.id == t.id } }
        // "100% virtually certain" takes 22 columns: with less room, its words are shortened.
        let cell = max(18, min(23, (width - 15) / max(1, scenarios.count)))
        let idWidth = max(14, width - cell * scenarios.count - 1)
        func fit(_ s: String, _ w: Int) -> String {
            let clipped = TerminalText.displayWidth(s) > w ? String(s.prefix(w - 1)) + "…" : s
            return TerminalText.pad(clipped, to: w)
        }
        func wrapped(_ text: String, indent: String = "  ") -> String {
            TerminalText.wrap(text, width: width - indent.count).map { indent + $0 + "\n" }.joined()
        }

        var out = "Assessed targets: \(assessed.count) of \(run.study.targets.count). Each scenario's cell: p_meet, the probability that the target is met, in the IPCC's calibrated words.\n"
            .split(separator: "\n").flatMap { TerminalText.wrap(String($0), width: width) }.joined(separator: "\n") + "\n\n"
        out += fit("target", idWidth) + " " + scenarios.map { fit($0, cell) }.joined() + "\n"
        out += String(repeating: "-", count: min(width, idWidth + 1 + cell * scenarios.count)) + "\n"
        for target in assessed {
            var line = fit(target.id, idWidth) + " "
            for name in scenarios {
                guard let row = byTarget[target.id]?[name] else { line += fit("", cell); continue }
                let p = row.pMeet.map { NumberText.percent($0) + " " } ?? ""
                var words = StatusStyle.short(row.verdict)
                if TerminalText.displayWidth(p + words) >= cell, row.verdict == .likelihood(.virtuallyCertain) { words = "virt. certain" }
                let text = fit(p + words, cell)
                line += colour ? StatusStyle.ansi(row.verdict) + text + "\u{1B}[0m" : text
            }
            out += line + "\n"
            guard let first = byTarget[target.id]?[scenarios.first ?? ""] else { continue }
            let unit = run.study.indicator(id: target.indicator)?.unit ?? ""
            var facts = "\(FeasibilityText.threshold(first)) in \(target.year)"
            if let year = first.latestYear {
                facts += "; latest \(FeasibilityText.observed(first.latestValue)) (\(year))"
                if let met = first.metAtLatest { facts += met ? ", met then" : ", not met then" }
            }
            if let progress = FeasibilityText.progress(first) { facts += "; " + progress }
            out += wrapped(facts)
            var said: [String: String] = [:]   // text → the first scenario that said it
            for name in scenarios {
                guard let row = byTarget[target.id]?[name] else { continue }
                let parts = [FeasibilityText.gap(row), FeasibilityText.pace(row, indicatorUnit: unit)].compactMap { $0 } + row.notes
                guard !parts.isEmpty else { continue }
                let text = parts.joined(separator: "; ")
                if let earlier = said[text] {
                    out += wrapped("\(name): as \(earlier)", indent: "    ")
                } else {
                    said[text] = name
                    out += wrapped("\(name): " + text, indent: "    ")
                }
            }
        }
        out += "\n"
        for scenario in run.scenarios {
            var counts: [Verdict: Int] = [:]
            for row in scenario.feasibility { counts[row.verdict, default: 0] += 1 }
            let parts = Verdict.allCases.compactMap { v in counts[v].map { "\($0) \(v.code)" } }
            out += wrapped("\(scenario.spec.name): " + parts.joined(separator: ", "), indent: "")
        }

        let effects = run.assumptionEffects
        if !effects.isEmpty {
            out += "\nScenario assumptions against the trends they replace:\n"
            for e in effects {
                let unit = run.study.indicator(id: e.indicator)?.unit ?? ""
                out += wrapped("\(e.scenario): " + assumptionText(e, indicatorUnit: unit))
            }
        }

        if !without.isEmpty {
            out += "\nTargets without data: \(without.count). The pace each target's own terms imply, and what would settle it:\n"
            for target in without {
                guard let row = byTarget[target.id]?[scenarios.first ?? ""] else { continue }
                let unit = run.study.indicator(id: target.indicator)?.unit ?? ""
                let pace = FeasibilityText.implied(row, indicatorUnit: unit) ?? "\(FeasibilityText.threshold(row)) by \(target.year)"
                out += wrapped("\(target.id): \(pace); settled by \(row.settledBy ?? "an observation")" + row.notes.map { "; " + $0 }.joined(), indent: "  ")
            }
        }
        out += "\n"
        out += wrapped("Verdicts: \(Likelihood.allCases.reversed().map { "\($0.name.en) \($0.rangeText)" }.joined(separator: ", ")) "
                       + "(\(Likelihood.source)); met / missed when the target year is observed (approximate when the outcome is about a number; undetermined when it is a bound that does not settle the target). Eurostat, UNSD and ESCAP measures look back at observed progress and are not verdicts.", indent: "")
        return out
    }

    /// `rural_income: growth 1.5 points faster 2023-2025: 10.25% a year against 8.75% on its trend (above)`.
    public static func assumptionText(_ e: AssumptionEffect, indicatorUnit: String) -> String {
        let value: (Double) -> String = { v in
            switch e.measure {
            case .growth: return FeasibilityText.pace(v, unit: .growth, indicatorUnit: indicatorUnit)
            case .points: return FeasibilityText.pace(v, unit: .points, indicatorUnit: indicatorUnit)
            case .level: return NumberText.significant(v) + " \(indicatorUnit)"
            }
        }
        let years = e.firstYear == e.lastYear ? "in \(e.firstYear)" : "\(e.firstYear)-\(e.lastYear)"
        let side = e.direction > 0 ? "above its trend" : (e.direction < 0 ? "below its trend" : "equal to its trend")
        let inherited = e.assumption.scenario == e.scenario ? "" : " (from \(e.assumption.scenario))"
        return "\(e.indicator) \(describe(e.assumption))\(inherited): \(value(e.assumed)) \(years) against \(value(e.trend)) on its trend (\(side))"
    }

    /// An assumption as written: `growth 8.5% from 2023`, `points +0.8 from 2024`, `path 2024: 33, 2025: 36`.
    public static func describe(_ a: Assumption) -> String {
        switch a.change {
        case .growth(let rate, let from): return "growth \(NumberText.exactPercent(rate))" + (from.map { " from \($0)" } ?? "")
        case .points(let perYear, let from): return "points \(NumberText.signed(perYear, decimals: 2))" + (from.map { " from \($0)" } ?? "")
        case .path(let pins): return "path " + pins.sorted { $0.key < $1.key }.map { "\($0.key): \(NumberText.plain($0.value))" }.joined(separator: ", ")
        case .shock(let year, let level): return "shock \(NumberText.exactPercent(level)) in \(year)"
        case .growthShock(let from, let to, let delta):
            return "growth \(NumberText.signed(delta * 100, decimals: 2)) points \(from)-\(to)"
        }
    }
}
