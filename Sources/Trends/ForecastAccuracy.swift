/// One out-of-sample forecast from a rolling origin, with what it is scored against.
public struct ForecastRecord: Sendable, Equatable {
    /// Last training year.
    public let origin: Int
    public let year: Int
    public var horizon: Int { year - origin }
    public let actual: Double
    public let forecast: Double
    /// The predictive distribution behind the forecast (nil for a family without intervals).
    public let distribution: PredictiveDistribution?
    /// MASE denominator: mean absolute one-step change over the training years.
    public let scale: Double

    public init(origin: Int, year: Int, actual: Double, forecast: Double, distribution: PredictiveDistribution?, scale: Double) {
        self.origin = origin
        self.year = year
        self.actual = actual
        self.forecast = forecast
        self.distribution = distribution
        self.scale = scale
    }

    /// The same forecast with its predictive scale multiplied by `factor`.
    func widened(by factor: Double) -> ForecastRecord {
        guard factor != 1, let d = distribution else { return self }
        return ForecastRecord(origin: origin, year: year, actual: actual, forecast: forecast, distribution: d.widened(by: factor), scale: scale)
    }

    public static func == (a: ForecastRecord, b: ForecastRecord) -> Bool {
        a.origin == b.origin && a.year == b.year && a.actual == b.actual && a.forecast == b.forecast
    }
}

/// Accuracy of a set of out-of-sample forecasts (Hyndman & Koehler 2006).
///
/// - MAPE = mean |e/y|·100; sMAPE = mean 2|e|/(|y| + |ŷ|)·100; MASE = mean |e|/scale, with the scale the
///   in-sample mean absolute one-step change of the training series (a naive forecast's error).
/// - Coverage: the share of actual values inside the 80% and 95% prediction intervals.
public struct ForecastAccuracy: Sendable, Equatable {
    public let count: Int
    public let mape: Double
    public let smape: Double
    public let mase: Double
    /// Nil when the forecasts have no intervals.
    public let coverage80: Double?
    public let coverage95: Double?
    /// Mean scaled interval score of the 95% intervals (M4 competition's MSIS, Makridakis et al. 2020):
    /// `(U − L + (2/α)(L − y)⁺ + (2/α)(y − U)⁺) / scale`, α = 0.05; nil without intervals. It rewards
    /// narrow intervals and punishes misses, so it ranks forecasts by accuracy and calibration together.
    public let msis: Double?

    public init(_ records: [ForecastRecord]) {
        count = records.count
        func mean(_ values: [Double]) -> Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }
        mape = mean(records.map { abs(($0.actual - $0.forecast) / $0.actual) * 100 })
        smape = mean(records.map { 2 * abs($0.actual - $0.forecast) / (abs($0.actual) + abs($0.forecast)) * 100 })
        mase = mean(records.filter { $0.scale > 0 }.map { abs($0.actual - $0.forecast) / $0.scale })
        let with80 = records.compactMap { r in r.distribution.map { $0.interval(level: 0.8).contains(r.actual) } }
        let with95 = records.compactMap { r in r.distribution.map { $0.interval(level: 0.95).contains(r.actual) } }
        let scores = records.compactMap { r -> Double? in
            guard let d = r.distribution, r.scale > 0 else { return nil }
            let i = d.interval(level: 0.95)
            let penalty = 2 / 0.05 * (max(0, i.lower - r.actual) + max(0, r.actual - i.upper))
            return (i.upper - i.lower + penalty) / r.scale
        }
        msis = scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count)
        coverage80 = with80.isEmpty ? nil : Double(with80.filter { $0 }.count) / Double(with80.count)
        coverage95 = with95.isEmpty ? nil : Double(with95.filter { $0 }.count) / Double(with95.count)
    }
}
