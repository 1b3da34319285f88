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
/// - `naive`: a random walk, y_t = y_{t−1} + ε_t: the last observation carried forward (FPP3 §5.2)
/// - `ses`: simple exponential smoothing, ETS(A,N,N) by maximum likelihood (Hyndman et al. 2008)
/// - `theta`: the Theta method as simple exponential smoothing with drift half the least-squares slope
///   (Assimakopoulos & Nikolopoulos 2000, in the form of Hyndman & Billah 2003; R `forecast::thetaf`)
/// - `holt`: Holt's linear trend, ETS(A,A,N) by maximum likelihood
/// - `dampedTrend`: the additive damped trend, ETS(A,Ad,N) by maximum likelihood (Gardner & McKenzie 1985)
/// - `combination`: `auto`, the median of a fixed pool of forecasts with calibrated intervals (``ForecastPool``)
///
/// `drift`, `naive` and the exponential smoothing families work on a scale chosen by ``TrendOptions/scale``:
/// the values themselves by default, their logarithm on request, the logit of the cap for a bounded series.
public enum TrendFamily: Hashable, Sendable, CustomStringConvertible {
    case linear
    case compound
    case polynomial(degree: Int)
    case logistic
    case damped
    case drift
    case endpointCAGR
    case naive
    case ses
    case theta
    case holt
    case dampedTrend
    case combination

    /// Families `auto` chooses among: `linear`, `compound`, `damped` and `drift`, plus `logistic` when the
    /// series is bounded (a cap or cap limit is known). Polynomials are left out, as Hyndman & Athanasopoulos
    /// advise (FPP3 §7.7: quadratic and higher trends give unrealistic forecasts when extrapolated; on the 31
    /// provinces' urbanization backtest, admitting `polynomial2` made `auto` worse than the median family);
    /// the endpoint rate has no interval. Both remain available by name.
    public static func autoCandidates(bounded: Bool) -> [TrendFamily] {
        bounded ? [.linear, .compound, .logistic, .damped, .drift] : [.linear, .compound, .damped, .drift]
    }

    /// Every family that fits on its own, in display order (the combination is made of them).
    public static let all: [TrendFamily] = [.linear, .compound, .polynomial(degree: 2), .polynomial(degree: 3), .logistic, .damped, .drift,
                                            .endpointCAGR, .naive, .ses, .theta, .holt, .dampedTrend]

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
        case .naive: return "naive"
        case .ses: return "ses"
        case .theta: return "theta"
        case .holt: return "holt"
        case .dampedTrend: return "damped-trend"
        case .combination: return "combination"
        }
    }

    public var description: String { name }

    /// The family with this name, or nil.
    public init?(name: String) {
        guard let family = (Self.all + [.combination]).first(where: { $0.name == name.lowercased() }) else { return nil }
        self = family
    }

    /// Whether the family works on a scale chosen by ``TrendOptions/scale`` (random walks and exponential
    /// smoothing) rather than on the one its curve is linear in.
    public var hasChosenScale: Bool {
        switch self {
        case .drift, .naive, .ses, .theta, .holt, .dampedTrend: return true
        default: return false
        }
    }

    /// Whether the family is least squares on a transformed response with a design of its own (linear,
    /// compound, polynomials, logistic, damped): the families fitted in batches per shared years.
    var isRegression: Bool {
        switch self {
        case .linear, .compound, .polynomial, .logistic, .damped: return true
        default: return false
        }
    }

    /// Whether the family is exponential smoothing (fitted series by series, by maximum likelihood).
    var isSmoothing: Bool {
        switch self {
        case .ses, .theta, .holt, .dampedTrend: return true
        default: return false
        }
    }

    /// The response transform the family is linear in (identity for the additive families; the chosen
    /// scale's for ``hasChosenScale`` families, decided per series by ``TrendOptions/transform(for:values:)``).
    func transform(cap: Double?) -> ResponseTransform {
        switch self {
        case .linear, .polynomial, .drift, .endpointCAGR, .naive, .ses, .theta, .holt, .dampedTrend, .combination: return .identity
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
        case .naive: return 0
        case .ses: return 2
        case .theta: return 3
        case .holt: return 4
        case .dampedTrend: return 5
        case .combination: return 0
        case .damped: return 2 + levelShifts
        default: return 1 + degree + levelShifts
        }
    }
}
