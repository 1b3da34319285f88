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
        var accumulator = Accumulator()
        for record in records { accumulator.add(record) }
        self = accumulator.accuracy
    }

    /// The sums behind the measures, added a record at a time: many sets of forecasts scored without keeping
    /// the forecasts, and merged (in a fixed order, so results do not depend on threads).
    public struct Accumulator: Sendable {
        var count = 0
        var ape = 0.0, sape = 0.0, scaledErrors = 0.0, scaled = 0
        var covered80 = 0, covered95 = 0, withIntervals = 0
        var intervalScores = 0.0, scored = 0

        public init() {}

        public mutating func add(_ r: ForecastRecord) {
            count += 1
            ape += abs((r.actual - r.forecast) / r.actual) * 100
            sape += 2 * abs(r.actual - r.forecast) / (abs(r.actual) + abs(r.forecast)) * 100
            if r.scale > 0 { scaledErrors += abs(r.actual - r.forecast) / r.scale; scaled += 1 }
            guard let d = r.distribution else { return }
            withIntervals += 1
            if d.interval(level: 0.8).contains(r.actual) { covered80 += 1 }
            let i = d.interval(level: 0.95)
            if i.contains(r.actual) { covered95 += 1 }
            if r.scale > 0 {
                let penalty = 2 / 0.05 * (max(0, i.lower - r.actual) + max(0, r.actual - i.upper))
                intervalScores += (i.upper - i.lower + penalty) / r.scale
                scored += 1
            }
        }

        /// Adds another accumulator's sums.
        public mutating func merge(_ other: Accumulator) {
            count += other.count
            ape += other.ape; sape += other.sape; scaledErrors += other.scaledErrors; scaled += other.scaled
            covered80 += other.covered80; covered95 += other.covered95; withIntervals += other.withIntervals
            intervalScores += other.intervalScores; scored += other.scored
        }

        public var accuracy: ForecastAccuracy {
            ForecastAccuracy(count: count, mape: count == 0 ? .nan : ape / Double(count), smape: count == 0 ? .nan : sape / Double(count),
                             mase: scaled == 0 ? .nan : scaledErrors / Double(scaled),
                             coverage80: withIntervals == 0 ? nil : Double(covered80) / Double(withIntervals),
                             coverage95: withIntervals == 0 ? nil : Double(covered95) / Double(withIntervals),
                             msis: scored == 0 ? nil : intervalScores / Double(scored))
        }
    }

    init(count: Int, mape: Double, smape: Double, mase: Double, coverage80: Double?, coverage95: Double?, msis: Double?) {
        self.count = count
        self.mape = mape
        self.smape = smape
        self.mase = mase
        self.coverage80 = coverage80
        self.coverage95 = coverage95
        self.msis = msis
    }
}
