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
        distributions?.map { $0.interval(level: level) }
    }
}
