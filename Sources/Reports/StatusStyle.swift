import Common
import Simulation
import Studies

/// How verdicts and statuses are shown: a verdict's colour (ColorBrewer RdYlGn, readable in print and by
/// colour-blind readers, the words always written beside it), a status's name, a rule's signs.
///
/// A dashboard cell's colour is its verdict's, and a verdict comes from `p_meet` only through
/// `Likelihood(probability:)`, so colour, words and probability cannot disagree.
public enum StatusStyle {
    /// Background colour of a cell with this verdict: red (exceptionally unlikely) through yellow (about as
    /// likely as not) to green (virtually certain); observed outcomes darker (an approximate outcome as its exact one: the words say which); grey without a probability.
    public static func color(_ verdict: Verdict) -> String {
        switch verdict {
        case .met: return "#006837"
        case .metApproximate: return "#1b7837"
        case .likelihood(let l):
            return ["#d73027", "#fc8d59", "#fee08b", "#ffffbf", "#d9ef8b", "#91cf60", "#1a9850"][l.rawValue]
        case .missed: return "#a50026"
        case .missedApproximate: return "#b2182b"
        case .undetermined: return "#d9d9d9"
        case .noData: return "#f2f2f2"
        }
    }

    /// Text colour that reads on `color(verdict)`.
    public static func textColor(_ verdict: Verdict) -> String {
        switch verdict {
        case .met, .missed, .metApproximate, .missedApproximate, .likelihood(.virtuallyCertain), .likelihood(.exceptionallyUnlikely): return "#ffffff"
        default: return "#222222"
        }
    }

    /// The ANSI colour of a verdict in a terminal (green, yellow, red; dim without a probability).
    public static func ansi(_ verdict: Verdict) -> String {
        switch verdict {
        case .met, .metApproximate, .likelihood(.virtuallyCertain), .likelihood(.veryLikely), .likelihood(.likely): return "\u{1B}[32m"
        case .likelihood(.aboutAsLikelyAsNot): return "\u{1B}[33m"
        case .missed, .missedApproximate, .likelihood: return "\u{1B}[31m"
        case .undetermined, .noData: return "\u{1B}[2m"
        }
    }

    /// A verdict in a few letters for the terminal table: the likelihood terms as the IPCC writes them, two shortened.
    public static func short(_ verdict: Verdict) -> String {
        switch verdict {
        case .likelihood(.aboutAsLikelyAsNot): return "as likely as not"
        case .likelihood(.exceptionallyUnlikely): return "except. unlikely"
        case .met: return "met"
        case .missed: return "missed"
        case .metApproximate: return "met (approx.)"
        case .missedApproximate: return "missed (approx.)"
        default: return verdict.name.en
        }
    }

    /// The status's name in both languages.
    public static func label(_ status: TargetStatus) -> BilingualText {
        switch status {
        case .achieved: return BilingualText(en: "achieved", zh: "已实现")
        case .onTrack: return BilingualText(en: "on track", zh: "进度正常")
        case .moderateProgress: return BilingualText(en: "moderate progress", zh: "进展一般")
        case .insufficientProgress: return BilingualText(en: "insufficient progress", zh: "进展不足")
        case .movingAway: return BilingualText(en: "moving away", zh: "背离目标")
        case .insufficientData: return BilingualText(en: "insufficient data", zh: "数据不足")
        case .noData: return BilingualText(en: "no data", zh: "无数据")
        }
    }

    /// A rule's operator as a mathematical sign (`<=` → `≤`).
    public static func sign(_ op: ComparisonOperator) -> String { op.sign }

    /// A target's rule for people, in both languages: `≤ 1.8`, `≥ 2 × 2020 (翻番)`, `≥ 100000 summed from 2021`,
    /// `≥ 8% a year from 2020`.
    public static func rule(_ rule: TargetRule) -> BilingualText {
        let s = sign(rule.op)
        switch rule.measure {
        case .level(let v):
            let text = "\(s) \(NumberText.plain(v))"
            return BilingualText(en: text, zh: text)
        case .multipleOf(let base, let factor):
            return BilingualText(en: "\(s) \(NumberText.plain(factor)) × the \(base) value",
                                 zh: "\(s) \(base)年的\(NumberText.plain(factor))倍")
        case .cumulative(let from, let total):
            return BilingualText(en: "\(s) \(NumberText.plain(total)) summed from \(from)", zh: "\(from)年起累计\(s) \(NumberText.plain(total))")
        case .averageGrowth(let from, let rate):
            let p = NumberText.plain((rate * 100 * 1e9).rounded() / 1e9) + "%"
            return BilingualText(en: "\(s) \(p) a year from \(from)", zh: "\(from)年起年均增长\(s) \(p)")
        }
    }
}
