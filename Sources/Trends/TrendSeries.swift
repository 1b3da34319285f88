import Common

/// One indicator's observations: a value per year, years increasing. NaN marks a missing value.
public struct TrendSeries: Sendable, Equatable {
    public let id: String
    public let years: [Int]
    public let values: [Double]
    /// The panel the series belongs to: the same indicator for other regions. `auto` pools the out-of-sample
    /// errors of a panel's series to calibrate its intervals; nil makes the series a panel of its own.
    public let panel: String?
    /// Published year-on-year growth of the series (a fraction: 0.056 for "增长5.6%"), by the year it ends in.
    /// The random walks on the log scale count each rate whose change the values do not give as one observed
    /// yearly change (``TrendFitter/randomWalkChanges(years:logValues:growth:)``); other families ignore them.
    public let publishedGrowth: [Int: Double]

    public init(id: String, years: [Int], values: [Double], panel: String? = nil, publishedGrowth: [Int: Double] = [:]) {
        precondition(years.count == values.count, "One value per year")
        self.id = id
        self.years = years
        self.values = values
        self.panel = panel
        self.publishedGrowth = publishedGrowth
    }

    /// The key under which calibration errors are pooled.
    var panelKey: String { panel ?? id }

    /// The observations a fit uses: finite values in years not excluded, with years checked to increase
    /// and to lie in `YearRange.supported`.
    /// - Throws: `TrendError` for a repeated or out-of-order year, a year out of range, or when no
    ///   observation is left.
    func usable(excluding excluded: Set<Int>) throws(TrendError) -> (years: [Int], values: [Double]) {
        if let year = years.first(where: { !YearRange.contains($0) }) { throw .yearOutOfRange(series: id, year: year) }
        // The common case, every value usable and years increasing: no copies.
        if excluded.isEmpty, !years.isEmpty, values.allSatisfy(\.isFinite), zip(years, years.dropFirst()).allSatisfy({ $0 < $1 }) {
            return (self.years, self.values)
        }
        var years: [Int] = [], values: [Double] = []
        for (year, value) in zip(self.years, self.values) where !excluded.contains(year) && value.isFinite {
            if let last = years.last, year <= last { throw .duplicateYear(series: id, year: year) }
            years.append(year)
            values.append(value)
        }
        guard !years.isEmpty else { throw .noUsableObservations(series: id, excluded: self.years.filter(excluded.contains).count) }
        return (years, values)
    }
}

/// The scale that random walks and exponential smoothing work on.
public enum ResponseScale: String, Sendable, Equatable, CaseIterable {
    /// The logit of the cap for a bounded series, else the values themselves.
    case automatic
    /// The values themselves (as R `forecast` without a Box–Cox transform).
    case original
    /// The logarithm of the values (positive series).
    case log
}

/// How methods are validated out of sample: the rolling origins of `select`'s cross-validation, of backtests and
/// of `auto`'s calibration. Separate from ``TrendOptions``, which says how to fit.
public struct ValidationOptions: Sendable, Equatable {
    /// Longest horizon, in years, scored from each rolling origin (how far ahead errors are measured; not how far
    /// a forecast goes, which the caller asks for).
    public var horizon: Int
    /// Fewest training points at a rolling origin of cross-validation and backtests.
    public var minimumTrainingPoints: Int
    /// Fewest points for `select` to choose by cross-validation rather than AICc.
    public var pointsForCrossValidation: Int

    public init(horizon: Int = 5, minimumTrainingPoints: Int = 6, pointsForCrossValidation: Int = 8) {
        self.horizon = horizon
        self.minimumTrainingPoints = minimumTrainingPoints
        self.pointsForCrossValidation = pointsForCrossValidation
    }
}

/// How to fit: years to leave out, level shifts, and the fixed or profiled extra parameters.
public struct TrendOptions: Sendable, Equatable {
    /// Years left out of the fit (e.g. 2020).
    public var excludedYears: Set<Int>
    /// Years from which a level-shift dummy (0 before, 1 from that year) enters the fit.
    public var levelShiftYears: [Int]
    /// Logistic cap; nil chooses it by profile likelihood.
    public var cap: Double?
    /// Upper end of the cap profile grid (100 for percentages); nil allows up to three times the maximum.
    public var capLimit: Double?
    /// Damping factor φ of `damped`; nil chooses it by profile likelihood over `dampingGrid`.
    public var dampingFactor: Double?
    /// The scale of the families that have a chosen one (``TrendFamily/hasChosenScale``).
    public var scale: ResponseScale
    /// Whether a series whose values are all positive is a positive quantity (a level, a count), whose
    /// forecasts and bounds stay at or above 0. Off for rates that may turn negative.
    public var positiveStaysPositive: Bool

    public init(
        excludedYears: Set<Int> = [], levelShiftYears: [Int] = [], cap: Double? = nil, capLimit: Double? = nil,
        dampingFactor: Double? = nil, scale: ResponseScale = .automatic, positiveStaysPositive: Bool = true
    ) {
        self.scale = scale
        self.positiveStaysPositive = positiveStaysPositive
        self.excludedYears = excludedYears
        self.levelShiftYears = levelShiftYears.sorted()
        self.cap = cap
        self.capLimit = capLimit
        self.dampingFactor = dampingFactor
    }

    /// Whether the series is bounded above (a cap or a cap limit is known), so `logistic` applies.
    public var isBounded: Bool { cap != nil || capLimit != nil }

    /// The upper bound of a bounded series: the cap, else the cap limit.
    public var upperBound: Double? { cap ?? capLimit }

    /// The bounds forecasts of a series with these values keep: [0, cap] for a bounded series, [0, ∞) for a
    /// positive quantity, none otherwise.
    public func bounds(for values: [Double]) -> ClosedRange<Double>? {
        if let upper = upperBound { return 0...upper }
        if positiveStaysPositive, values.allSatisfy({ $0 > 0 }) { return 0...Double.infinity }
        return nil
    }

    /// The scale a ``TrendFamily/hasChosenScale`` family works on for `values`: the logit of the cap for a
    /// bounded series whose values lie strictly inside (0, cap) (unless the original scale is asked for), the
    /// logarithm when asked for and every value is positive, else the values themselves.
    public func transform(for values: [Double]) -> ResponseTransform {
        if let upper = upperBound, scale != .original, values.allSatisfy({ $0 > 0 && $0 < upper }) { return .logit(cap: upper) }
        if scale == .log, values.allSatisfy({ $0 > 0 }) { return .log }
        return .identity
    }

    /// The families `auto` chooses among for these options.
    public var autoCandidates: [TrendFamily] { TrendFamily.autoCandidates(bounded: isBounded) }

    /// φ values tried when the damping factor is profiled: 0.50, 0.52, …, 0.98 (1 is `compound`).
    public static let dampingGrid: [Double] = stride(from: 50, through: 98, by: 2).map { Double($0) / 100 }

    /// Fractions of the distance from the series maximum to the cap limit tried when the cap is profiled:
    /// 24 geometric steps from 0.5% to 100%, dense near the data where the likelihood changes fastest.
    public static let capGrid: [Double] = (0..<24).map { k in 0.005 * pow200(Double(k) / 23) }

    private static func pow200(_ e: Double) -> Double { exp(e * log(200.0)) }
}

import Foundation
