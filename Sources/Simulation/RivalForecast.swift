import Foundation
import Studies

/// The two simple rivals a retrospective scores Pathways' `p_meet` against, each a forecast of 1 (met) or 0
/// (missed) made from the same history: the Eurostat progress status read as a forecast, and a straight line
/// through the last two observations.
public enum RivalForecast {
    /// The Eurostat / Open SDG status as a forecast: `on track` or `achieved` says met, `moderate progress`,
    /// `insufficient progress` and `moving away` say missed; without a status (too little data) no forecast.
    public static func eurostat(_ status: TargetStatus) -> Bool? {
        switch status {
        case .onTrack, .achieved: return true
        case .moderateProgress, .insufficientProgress, .movingAway: return false
        case .insufficientData, .noData: return nil
        }
    }

    /// The straight line through the last two observations, extended to the target year, and whether the
    /// target's measure on it meets the target: the level in the target year (against the base year's value
    /// times the factor for a multiple), the sum over the window, or the average growth from its base. Years
    /// between two observations lie on the segment between them. Nil with fewer than two observations, or
    /// when the measure needs a year before the first observation.
    public static func straightLine(_ target: Target, values: [Int: Double]) -> (measure: Double, met: Bool)? {
        let years = values.keys.sorted()
        guard years.count >= 2 else { return nil }
        let (t1, t2) = (years[years.count - 2], years[years.count - 1])
        let slope = (values[t2]! - values[t1]!) / Double(t2 - t1)
        func value(_ year: Int) -> Double? {
            if let v = values[year] { return v }
            if year > t2 { return values[t2]! + slope * Double(year - t2) }
            guard let before = years.last(where: { $0 < year }), let after = years.first(where: { $0 > year }) else { return nil }
            return values[before]! + (values[after]! - values[before]!) * Double(year - before) / Double(after - before)
        }
        let measure: Double, threshold: Double
        switch target.rule.measure {
        case .level(let level):
            guard let v = value(target.year) else { return nil }
            (measure, threshold) = (v, level)
        case .multipleOf(let base, let factor):
            guard let v = value(target.year), let b = value(base) else { return nil }
            (measure, threshold) = (v, factor * b)
        case .cumulative(let from, let total):
            guard from <= target.year else { return nil }
            var sum = 0.0
            for year in from...target.year {
                guard let v = value(year) else { return nil }
                sum += v
            }
            (measure, threshold) = (sum, total)
        case .averageGrowth(let from, let rate):
            guard target.year > from, let start = value(from), let end = value(target.year), start > 0, end > 0 else { return nil }
            (measure, threshold) = (Foundation.pow(end / start, 1 / Double(target.year - from)) - 1, rate)
        }
        guard measure.isFinite else { return nil }
        return (measure, target.rule.op.isSatisfied(by: measure, threshold: threshold))
    }
}
