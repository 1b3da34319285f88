import LeastSquares

/// Forecasts of one series by one family: the same shape for every family (R forecast's
/// `mean/lower/upper/level`), so charts, accuracy measures and CSV writers need no special cases.
public struct TrendForecast: Sendable {
    public let family: TrendFamily
    public let years: [Int]
    /// Point forecasts: the median of each predictive distribution (the mean for additive families).
    public let point: [Double]
    /// Predictive distributions, one per year; nil for `endpointCAGR`, which has no interval.
    public let distributions: [PredictiveDistribution]?

    /// Central prediction intervals at `level`; nil when the family has none.
    public func intervals(level: Double) -> [Interval]? {
        guard let distributions, let first = distributions.first else { return distributions.map { _ in [] } }
        // One fit, one df: the t quantile is computed once for all years (and kept for the common levels).
        guard case .studentT(let df) = first.law else { return distributions.map { $0.interval(level: level) } }
        let q = StudentTQuantiles.upper(level: level, degreesOfFreedom: df)
        return distributions.map { $0.interval(quantile: q) }
    }
}
