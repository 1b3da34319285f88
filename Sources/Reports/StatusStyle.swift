import Common
import Simulation
import Studies

/// How a target status is shown: its colour (readable in print and by colour-blind readers, with the
/// label always written beside it) and its name in both languages.
public enum StatusStyle {
    /// Background colour of a dashboard cell.
    public static func color(_ status: TargetStatus) -> String {
        switch status {
        case .achieved: return "#1a9850"
        case .onTrack: return "#91cf60"
        case .moderateProgress: return "#fee08b"
        case .insufficientProgress: return "#fc8d59"
        case .movingAway: return "#d73027"
        case .insufficientData: return "#d9d9d9"
        case .noData: return "#f2f2f2"
        }
    }

    /// Text colour that reads on `color(status)`.
    public static func textColor(_ status: TargetStatus) -> String {
        status == .achieved || status == .movingAway ? "#ffffff" : "#222222"
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
    public static func sign(_ op: ComparisonOperator) -> String {
        switch op {
        case .lessOrEqual: return "≤"
        case .greaterOrEqual: return "≥"
        case .less: return "<"
        case .greater: return ">"
        }
    }

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
