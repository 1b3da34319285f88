import Studies

/// What a reader should conclude about one target under one scenario: the one word a dashboard cell shows.
///
/// Observed outcomes come first: when the history holds the target's measure in the target year, the
/// verdict is the fact (`met`, `missed`; `met (approximate)`, `missed (approximate)` when the outcome is
/// given as about a number, `左右`), and a bound that does not settle the target (`> 70000` against
/// `≥ 75000`) is `undetermined`. Otherwise it is the likelihood band of `p_meet`, through
/// `Likelihood(probability:)` and nothing else. The progress statuses (Eurostat, UNSD, ESCAP) look back at
/// observed growth and are columns of their own, never a verdict.
public enum Verdict: Sendable, Hashable, CustomStringConvertible {
    /// The target year is observed and the observation meets the target.
    case met
    /// The target year is observed and the observation misses the target.
    case missed
    /// The target year is observed as about a number (`左右`), and that number meets the target.
    case metApproximate
    /// The target year is observed as about a number, and that number misses the target.
    case missedApproximate
    /// The probability that the target is met, in calibrated words.
    case likelihood(Likelihood)
    /// The indicator has data but no probability can be given (the row's note says why).
    case undetermined
    /// The indicator has no observation at all.
    case noData

    /// The verdict of a probability, or of an observed outcome (`p` 1 or 0 with `observed`; `approximate`
    /// when the outcome is about a number).
    public init(pMeet: Double?, observed: Bool, approximate: Bool = false, hasData: Bool) {
        guard hasData else { self = .noData; return }
        guard let p = pMeet else { self = .undetermined; return }
        if observed {
            switch (p == 1, approximate) {
            case (true, false): self = .met
            case (false, false): self = .missed
            case (true, true): self = .metApproximate
            case (false, true): self = .missedApproximate
            }
            return
        }
        self = .likelihood(Likelihood(probability: p))
    }

    /// Whether the verdict is an observed outcome (met or missed, exactly or approximately).
    public var isOutcome: Bool {
        switch self {
        case .met, .missed, .metApproximate, .missedApproximate: return true
        default: return false
        }
    }

    /// For an observed outcome, whether the target was met; nil for any other verdict.
    public var outcomeMet: Bool? {
        switch self {
        case .met, .metApproximate: return true
        case .missed, .missedApproximate: return false
        default: return nil
        }
    }

    /// The verdict as written in `feasibility.csv`.
    public var code: String {
        switch self {
        case .met: return "met"
        case .missed: return "missed"
        case .metApproximate: return "met (approximate)"
        case .missedApproximate: return "missed (approximate)"
        case .likelihood(let l): return l.name.en
        case .undetermined: return "undetermined"
        case .noData: return "no data"
        }
    }

    /// The verdict in both languages.
    public var name: BilingualText {
        switch self {
        case .met: return BilingualText(en: "met (observed)", zh: "已实现（观测）")
        case .missed: return BilingualText(en: "missed (observed)", zh: "未实现（观测）")
        case .metApproximate: return BilingualText(en: "met (approximate)", zh: "已实现（约数）")
        case .missedApproximate: return BilingualText(en: "missed (approximate)", zh: "未实现（约数）")
        case .likelihood(let l): return l.name
        case .undetermined: return BilingualText(en: "undetermined", zh: "无法判断")
        case .noData: return BilingualText(en: "no data", zh: "无数据")
        }
    }

    /// Every verdict, in dashboard order (best first).
    public static let allCases: [Verdict] = [.met, .metApproximate] + Likelihood.allCases.reversed().map { .likelihood($0) }
        + [.missedApproximate, .missed, .undetermined, .noData]

    public var description: String { code }
}
