/// How a series is forecast: `auto` (the combination), `select` (one family chosen by cross-validation), or
/// one family by name. What `pathways trend --model` and a study's `model:` name.
public enum TrendMethod: Sendable, Equatable, CustomStringConvertible {
    /// The median of ``ForecastPool/standard`` with calibrated intervals (``TrendFitter/auto(_:options:pool:calibration:)``).
    case auto
    /// One family chosen per series by rolling-origin cross-validation (``TrendFitter/select(_:candidates:options:)``).
    case select
    case family(TrendFamily)

    public init?(name: String) {
        switch name.lowercased() {
        case "auto": self = .auto
        case "select": self = .select
        default:
            guard let family = TrendFamily(name: name), family != .combination else { return nil }
            self = .family(family)
        }
    }

    /// Every name, in the order help texts list them.
    public static var names: [String] { ["auto", "select"] + TrendFamily.all.map(\.name) }

    public var description: String {
        switch self {
        case .auto: return "auto"
        case .select: return "select"
        case .family(let family): return family.name
        }
    }
}
