import Foundation

/// Compound annual growth: the one home of the arithmetic that progress reports, feasibility checks and
/// projections share.
///
/// A value `v₀` growing at rate `g` a year is `v₀ (1 + g)^n` after `n` years; the rate between two values
/// `n` years apart is `(v₁ / v₀)^(1/n) − 1` (the CAGR of official progress reports).
public enum CompoundGrowth {
    /// The constant annual rate that takes `start` to `end` in `years` years: `(end / start)^(1/years) − 1`.
    /// NaN when `start` is not positive, `end` is negative or `years` is not positive (an end of 0 is −100%).
    public static func rate(from start: Double, to end: Double, years: Double) -> Double {
        guard start > 0, end >= 0, years > 0 else { return .nan }
        return Foundation.pow(end / start, 1 / years) - 1
    }

    /// `rate(from:to:years:)` for whole years.
    public static func rate(from start: Double, to end: Double, years: Int) -> Double {
        rate(from: start, to: end, years: Double(years))
    }

    /// `value · (1 + rate)^years`: where constant growth takes `value` after `years` years (fractional or negative
    /// years allowed).
    public static func project(_ value: Double, rate: Double, years: Double) -> Double {
        value * Foundation.pow(1 + rate, years)
    }

    /// `project(_:rate:years:)` for whole years.
    public static func project(_ value: Double, rate: Double, years: Int) -> Double {
        project(value, rate: rate, years: Double(years))
    }

    /// The sum of `years` yearly flows that start one year after `value` and grow at `rate`:
    /// `Σ_{k=1…years} value (1 + rate)^k` (a cumulative target met by flows that keep growing).
    public static func cumulativeFlows(from value: Double, rate: Double, years: Int) -> Double {
        guard years > 0 else { return 0 }
        return (1...years).reduce(0) { $0 + project(value, rate: rate, years: $1) }
    }
}
