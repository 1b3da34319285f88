import Studies

/// What a reader should conclude about one target under one scenario: the one word a dashboard cell shows.
///
/// Observed outcomes come first: when the history holds the target's measure in the target year, the
/// verdict is the fact (`met`, `missed`). Otherwise it is the likelihood band of `p_meet`, through
/// `Likelihood(probability:)` and nothing else. The progress statuses (Eurostat, UNSD, ESCAP) look back at
/// observed growth and are columns of their own, never a verdict.
public enum Verdict: Sendable, Hashable, CustomStringConvertible {
    /// The target year is observed and the observation meets the target.
    case met
    /// The target year is observed and the observation misses the target.
    case missed
    /// The probability that the target is met, in calibrated words.
    case likelihood(Likelihood)
    /// The indicator has data but no probability can be given (the row's note says why).
    case undetermined
    /// The indicator has no observation at all.
    case noData

    /// The verdict of a probability, or of an observed outcome (`p` 1 or 0 with `observed`).
    public init(pMeet: Double?, observed: Bool, hasData: Bool) {
        guard hasData else { self = .noData; return }
        guard let p = pMeet else { self = .undetermined; return }
        if observed { self = p == 1 ? .met : .missed; return }
        self = .likelihood(Likelihood(probability: p))
    }

    /// The verdict as written in `feasibility.csv`.
    public var code: String {
        switch self {
        case .met: return "met"
        case .missed: return "missed"
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
        case .likelihood(let l): return l.name
        case .undetermined: return BilingualText(en: "undetermined", zh: "无法判断")
        case .noData: return BilingualText(en: "no data", zh: "无数据")
        }
    }

    /// Every verdict, in dashboard order (best first).
    public static let allCases: [Verdict] = [.met] + Likelihood.allCases.reversed().map { .likelihood($0) } + [.missed, .undetermined, .noData]

    public var description: String { code }
}
