import Common
import Foundation

/// Progress towards a target without uncertainty: the Eurostat EU-SDG / Open SDG progress ratio and
/// status, and the UN Statistics Division projected-progress score.
///
/// Notation: `y0` the base value in year `t0`, `yt` the latest value in year `t`, `yT` the target in
/// year `T`, `d = +1` when higher is better and `−1` when lower is better.
/// - Observed growth `CAGR_o = (yt/y0)^(1/(t − t0)) − 1`, required growth `CAGR_r = (yT/y0)^(1/(T − t0)) − 1`,
///   progress ratio `R = d · CAGR_o / |CAGR_r|` (Eurostat's method as implemented by Open SDG,
///   `sdg-build/sdg/ProgressMeasure.py`).
/// - UNSD: `yT^e = yt (1 + CAGR_o)^(T − t)` and score `(yT^e − y0)/(yT − y0)`.
public struct ProgressMeasure: Sendable, Equatable {
    public let observedGrowth: Double
    public let requiredGrowth: Double
    /// `d · CAGR_o / |CAGR_r|`.
    public let ratio: Double
    /// The UNSD projected-progress score.
    public let projectedProgressScore: Double

    /// Thresholds of the status: on track from `onTrack`, moderate from `moderate`, insufficient from 0
    /// (Eurostat / Open SDG: 0.95 and 0.6).
    public struct Thresholds: Sendable, Equatable {
        public var onTrack: Double = 0.95
        public var moderate: Double = 0.6
        public init(onTrack: Double = 0.95, moderate: Double = 0.6) { self.onTrack = onTrack; self.moderate = moderate }
    }

    /// Computes the measures; nil when a growth rate is undefined (non-positive values, equal years).
    public init?(base y0: Double, baseYear t0: Int, latest yt: Double, latestYear t: Int,
                 target yT: Double, targetYear T: Int, higherIsBetter: Bool) {
        guard y0 > 0, yt > 0, yT > 0, t > t0, T > t0 else { return nil }
        let d = higherIsBetter ? 1.0 : -1.0
        observedGrowth = CompoundGrowth.rate(from: y0, to: yt, years: t - t0)
        requiredGrowth = CompoundGrowth.rate(from: y0, to: yT, years: T - t0)
        ratio = requiredGrowth == 0 ? (d * observedGrowth >= 0 ? .infinity : -.infinity) : d * observedGrowth / abs(requiredGrowth)
        let projected = CompoundGrowth.project(yt, rate: observedGrowth, years: T - t)
        projectedProgressScore = yT == y0 ? .nan : (projected - y0) / (yT - y0)
    }

    /// The status for this ratio (the target is not yet achieved).
    public func status(_ thresholds: Thresholds = .init()) -> TargetStatus {
        Self.status(ratio: ratio, thresholds)
    }
}

/// Where a target stands.
public enum TargetStatus: String, Sendable, CaseIterable {
    case achieved = "achieved"
    case onTrack = "on track"
    case moderateProgress = "moderate progress"
    case insufficientProgress = "insufficient progress"
    case movingAway = "moving away"
    /// Fewer than two observations of the indicator: no growth can be measured.
    case insufficientData = "insufficient data"
    case noData = "no data"
}
