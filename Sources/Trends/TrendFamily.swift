/// A family of trend curves, each fitted by least squares on a transformed response.
///
/// - `linear`: y = a + b·t
/// - `compound`: log y = a + b·t (annual growth exp(b) − 1)
/// - `polynomial(degree:)`: y = a + b·t + c·t² (+ d·t³), t centred and scaled inside the solver
/// - `logistic`: log(y / (cap − y)) = a + b·t, for shares bounded by `cap`
/// - `damped`: log y = a + b·(1 − φ^s)/(1 − φ), s years since the first observation: growth b·φ^s decays
///   geometrically (φ by profile likelihood)
/// - `drift`: a random walk with drift, y_t = y_{t−1} + c + ε_t: forecasts continue from the last observation
///   at the average annual change; intervals widen like √h (Hyndman & Athanasopoulos, FPP3 §5.2, §5.5)
/// - `endpointCAGR`: the two-point compound growth rate between first and last observation, as official
///   progress reports compute it; no interval, shown for comparison
public enum TrendFamily: Hashable, Sendable, CustomStringConvertible {
    case linear
    case compound
    case polynomial(degree: Int)
    case logistic
    case damped
    case drift
    case endpointCAGR

    /// Families `auto` chooses among: `linear`, `compound`, `damped` and `drift`, plus `logistic` when the
    /// series is bounded (a cap or cap limit is known). Polynomials are left out, as Hyndman & Athanasopoulos
    /// advise (FPP3 §7.7: quadratic and higher trends give unrealistic forecasts when extrapolated; on the 31
    /// provinces' urbanization backtest, admitting `polynomial2` made `auto` worse than the median family);
    /// the endpoint rate has no interval. Both remain available by name.
    public static func autoCandidates(bounded: Bool) -> [TrendFamily] {
        bounded ? [.linear, .compound, .logistic, .damped, .drift] : [.linear, .compound, .damped, .drift]
    }

    /// Every family, in display order.
    public static let all: [TrendFamily] = [.linear, .compound, .polynomial(degree: 2), .polynomial(degree: 3), .logistic, .damped, .drift, .endpointCAGR]

    /// The name used in files and on the command line.
    public var name: String {
        switch self {
        case .linear: return "linear"
        case .compound: return "compound"
        case .polynomial(let k): return "polynomial\(k)"
        case .logistic: return "logistic"
        case .damped: return "damped"
        case .drift: return "drift"
        case .endpointCAGR: return "endpoint-cagr"
        }
    }

    public var description: String { name }

    /// The family with this name, or nil.
    public init?(name: String) {
        guard let family = Self.all.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = family
    }

    /// The response transform the family is linear in (identity for the additive families).
    func transform(cap: Double?) -> ResponseTransform {
        switch self {
        case .linear, .polynomial, .drift, .endpointCAGR: return .identity
        case .compound, .damped: return .log
        case .logistic: return .logit(cap: cap ?? 100)
        }
    }

    /// Degree of the polynomial in time the family fits (1 for the straight-line families).
    var degree: Int {
        if case .polynomial(let k) = self { return k }
        return 1
    }

    /// Coefficients the family estimates with `levelShifts` level-shift columns: the regression's columns
    /// (damped: intercept and growth, φ aside), or the one rate of `drift` and `endpointCAGR`.
    func coefficientCount(levelShifts: Int) -> Int {
        switch self {
        case .drift, .endpointCAGR: return 1
        case .damped: return 2 + levelShifts
        default: return 1 + degree + levelShifts
        }
    }
}
