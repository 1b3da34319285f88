import Studies

/// The calibrated likelihood language of the IPCC, as a partition of [0, 1].
///
/// Mastrandrea et al. (2010), *Guidance Note for Lead Authors of the IPCC Fifth Assessment Report on
/// Consistent Treatment of Uncertainties*, define nested ranges (likely 66–100%, very likely 90–100%, …).
/// Every probability here gets the most specific term whose range holds it, so the seven bands do not
/// overlap and cover [0, 1] (the IPCC's Third Assessment Report used the same partition):
///
/// | band | p |
/// |---|---|
/// | exceptionally unlikely | 0 ≤ p ≤ 0.01 |
/// | very unlikely | 0.01 < p ≤ 0.10 |
/// | unlikely | 0.10 < p ≤ 0.33 |
/// | about as likely as not | 0.33 < p < 0.66 |
/// | likely | 0.66 ≤ p < 0.90 |
/// | very likely | 0.90 ≤ p < 0.99 |
/// | virtually certain | 0.99 ≤ p ≤ 1 |
///
/// An edge belongs to the band further from one half (0.66 is likely, 0.33 unlikely), as in the Guidance
/// Note, whose ranges are closed at their outer ends. `init(probability:)` is the one map from a probability
/// to a band: everything that colours or words a result calls it.
public enum Likelihood: Int, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case exceptionallyUnlikely
    case veryUnlikely
    case unlikely
    case aboutAsLikelyAsNot
    case likely
    case veryLikely
    case virtuallyCertain

    /// The band of `p`, which must lie in [0, 1].
    public init(probability p: Double) {
        precondition(p >= 0 && p <= 1, "A probability lies in [0, 1], not \(p)")
        switch p {
        case ...Self.edges[0]: self = .exceptionallyUnlikely
        case ...Self.edges[1]: self = .veryUnlikely
        case ...Self.edges[2]: self = .unlikely
        case ..<Self.edges[3]: self = .aboutAsLikelyAsNot
        case ..<Self.edges[4]: self = .likely
        case ..<Self.edges[5]: self = .veryLikely
        default: self = .virtuallyCertain
        }
    }

    /// The six inner edges of the partition, ascending: 0.01, 0.10, 0.33, 0.66, 0.90, 0.99.
    public static let edges: [Double] = [0.01, 0.10, 0.33, 0.66, 0.90, 0.99]

    /// The band's probabilities: `lower...upper`, with `lowerIncluded` / `upperIncluded` saying which ends belong to it.
    public var range: (lower: Double, upper: Double, lowerIncluded: Bool, upperIncluded: Bool) {
        let k = rawValue
        let lower = k == 0 ? 0 : Self.edges[k - 1], upper = k == Self.edges.count ? 1 : Self.edges[k]
        // Bands below one half include their upper edge, bands above it their lower edge.
        return (lower, upper, k == 0 || k > Self.aboutAsLikelyAsNot.rawValue, k < Self.aboutAsLikelyAsNot.rawValue || k == Self.edges.count)
    }

    /// The term in English and in the Chinese of the IPCC's Chinese-language reports.
    public var name: BilingualText {
        switch self {
        case .virtuallyCertain: return BilingualText(en: "virtually certain", zh: "几乎确定")
        case .veryLikely: return BilingualText(en: "very likely", zh: "很可能")
        case .likely: return BilingualText(en: "likely", zh: "可能")
        case .aboutAsLikelyAsNot: return BilingualText(en: "about as likely as not", zh: "或许可能")
        case .unlikely: return BilingualText(en: "unlikely", zh: "不太可能")
        case .veryUnlikely: return BilingualText(en: "very unlikely", zh: "很不可能")
        case .exceptionallyUnlikely: return BilingualText(en: "exceptionally unlikely", zh: "极不可能")
        }
    }

    /// The band's probabilities as people read them: `≥ 99%`, `90–99%`, `≤ 1%`.
    public var rangeText: String {
        let (lower, upper, _, _) = range
        func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))" }
        if lower == 0 { return "≤ \(percent(upper))%" }
        if upper == 1 { return "≥ \(percent(lower))%" }
        return "\(percent(lower))–\(percent(upper))%"
    }

    /// Where the scale comes from, for reports.
    public static let source = "IPCC calibrated likelihood language (Mastrandrea et al. 2010, Guidance Note for Lead Authors of the IPCC Fifth Assessment Report on Consistent Treatment of Uncertainties)"

    public var description: String { name.en }

    public static func < (a: Likelihood, b: Likelihood) -> Bool { a.rawValue < b.rawValue }
}
