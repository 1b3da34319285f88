import Common
import Foundation
import Simulation
import Studies

/// One target's assessment in words for people, in the target's own units: the same phrases in `check`,
/// the report and the notes of `feasibility.csv`.
public enum FeasibilityText {
    /// A value of the target's measure: a percentage for an average-growth target, else about four digits.
    public static func measure(_ value: Double?, of target: Target) -> String {
        if case .averageGrowth = target.rule.measure { return NumberText.percent(value, decimals: 2) }
        return NumberText.significant(value)
    }

    /// An observed value as published (`54.1`), or about five digits when it has more (a derived ratio).
    public static func observed(_ value: Double?) -> String {
        // Ten significant digits first, so a difference of published values (1.9 − 1.81) prints as 0.09.
        let plain = NumberText.plain(value.map { v in
            guard v != 0, v.isFinite else { return v }
            let scale = Foundation.pow(10, 9 - Foundation.floor(Foundation.log10(abs(v))))
            return (v * scale).rounded() / scale
        })
        return plain.count <= 8 ? plain : NumberText.significant(value, digits: 5)
    }

    /// The rule with the threshold as assessed (`≥ 60`, `≤ 1.8`, `≥ 8% a year`, `≥ 2 × 2020 = 1200`).
    public static func threshold(_ row: FeasibilityRow) -> String {
        let sign = StatusStyle.sign(row.target.rule.op)
        switch row.target.rule.measure {
        case .multipleOf(let base, let factor):
            return "\(sign) \(NumberText.plain(factor)) × \(base) = \(observed(row.targetValue))"
        case .averageGrowth(_, let rate):
            return "\(sign) \(NumberText.exactPercent(rate)) a year"
        case .level(let value):
            return "\(sign) \(NumberText.plain(value))"
        case .cumulative(_, let total):
            return "\(sign) \(NumberText.plain(total))"
        }
    }

    /// The gap: `observed 1.77 in 2025 against ≤ 1.8 (met, by 0.03)`, `observed > 70000 in 2025 against ≥ 65000
    /// (met)`, or `median 57.2 against ≥ 60 (80%: 56.4–58.0)`.
    public static func gap(_ row: FeasibilityRow) -> String? {
        guard row.targetValue != nil else { return nil }
        if row.verdict.isOutcome {
            let by = row.gap.map { ", by \(isGrowth(row) ? NumberText.fixed(abs($0) * 100, decimals: 2) + " points" : observed(abs($0)))" } ?? ""
            let value: String
            if let outcome = row.outcome {
                let number = isGrowth(row) ? measure(outcome.value, of: row.target) : observed(outcome.value)
                switch outcome.qualifier {
                case .bound(let side): value = "\(side.sign) \(number)"
                case .approximate: value = "about \(number)"
                case .exact: value = number
                }
            } else if let projected = row.projected {
                value = measure(projected, of: row.target)
            } else {
                return nil
            }
            // "about 68" already says the outcome is approximate: the parenthesis says met or missed, and by how much.
            return "observed \(value) in \(row.target.year) against \(threshold(row)) (\(row.verdict.outcomeMet == true ? "met" : "missed")\(by))"
        }
        guard let projected = row.projected else { return nil }
        var text = "median \(measure(projected, of: row.target)) against \(threshold(row))"
        if let lo = row.lo80, let hi = row.hi80, lo < hi {
            text += " (80%: \(measure(lo, of: row.target))–\(measure(hi, of: row.target)))"
        }
        return text
    }

    /// A gap with its sign, in the measure's units (`+0.09`, `-1200`; points for an average growth).
    public static func signedGap(_ gap: Double, of row: FeasibilityRow) -> String {
        let sign = gap < 0 ? "-" : "+"
        return sign + (isGrowth(row) ? NumberText.fixed(abs(gap) * 100, decimals: 2) + " points" : observed(abs(gap)))
    }

    static func isGrowth(_ row: FeasibilityRow) -> Bool {
        if case .averageGrowth = row.target.rule.measure { return true } else { return false }
    }

    /// A pace in words: `12.6% a year`, `+1.97 points a year`, `2400 persons a year`.
    public static func pace(_ value: Double?, unit: FeasibilityRow.Pace.Unit, indicatorUnit: String) -> String {
        // A flow's unit often says "per year" already.
        let unitText = indicatorUnit.replacingOccurrences(of: " per year", with: "").replacingOccurrences(of: " a year", with: "")
        switch unit {
        case .growth: return "\(NumberText.percent(value, decimals: 1)) a year"
        case .points: return "\(NumberText.signed(value, decimals: 2)) \(unitText == "%" ? "points" : unitText) a year"
        case .flow: return ("\(NumberText.significant(value)) " + unitText).trimmingCharacters(in: .whitespaces) + " a year"
        }
    }

    /// `needs ≥ +2.95 points a year from 2023; projected +1.55 points a year` (`≤` for a ceiling).
    public static func pace(_ row: FeasibilityRow, indicatorUnit: String) -> String? {
        guard let p = row.pace, let latest = row.latestYear else { return nil }
        let bound = row.target.rule.op.wantsHigher ? "≥" : "≤"
        var from = latest
        if case .cumulative(let start, _) = row.target.rule.measure, start > latest { from = start }
        var text = "needs \(bound) \(pace(p.needed, unit: p.unit, indicatorUnit: indicatorUnit)) from \(from)"
        if let projected = p.projected {
            text += "; projected \(pace(projected, unit: p.unit, indicatorUnit: indicatorUnit))"
        }
        return text
    }

    /// For a target without data: `needs 14.9% a year from 2020`, `12 over 2021-2025: 2.4 a year`.
    public static func implied(_ row: FeasibilityRow, indicatorUnit: String) -> String? {
        guard let implied = row.impliedPace else { return nil }
        let pace = pace(implied.value, unit: implied.unit, indicatorUnit: indicatorUnit)
        switch row.target.rule.measure {
        case .cumulative(let from, let total):
            return "\(NumberText.plain(total)) over \(from)-\(row.target.year): \(pace)"
        default:
            return "needs \(pace) from \(implied.fromYear)"
        }
    }

    /// The measures that look back at observed progress: `Eurostat: moderate progress (ratio 0.72); UNSD 0.71;
    /// ESCAP: accelerate (gap 29%)`.
    public static func progress(_ row: FeasibilityRow) -> String? {
        var parts: [String] = []
        if row.status != .noData {
            var s = "Eurostat: \(row.status.rawValue)"
            if let r = row.progressRatio, r.isFinite { s += " (ratio \(NumberText.fixed(r, decimals: 2)))" }
            parts.append(s)
        }
        if let u = row.projectedProgressScore, u.isFinite { parts.append("UNSD \(NumberText.fixed(u, decimals: 2))") }
        if let a = row.anticipatedProgress {
            parts.append("ESCAP: \(a.action.rawValue)" + (a.gap.map { " (gap \(NumberText.percent($0)))" } ?? ""))
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// The row's note for `feasibility.csv`: what the reader should know, then, without data, the pace the
    /// target implies and what would settle it.
    public static func note(_ row: FeasibilityRow, indicatorUnit: String) -> String {
        var parts = row.notes
        if let implied = implied(row, indicatorUnit: indicatorUnit) { parts.append(implied) }
        if let settle = row.settledBy { parts.append("settled by \(settle)") }
        return parts.joined(separator: "; ")
    }
}
