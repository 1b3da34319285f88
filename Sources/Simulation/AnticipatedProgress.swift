import LeastSquares
import Studies

/// UN ESCAP's anticipated progress: where a time-weighted linear trend of the observations puts the indicator
/// in the target year, and the gap left to the target relative to the whole way from the baseline.
///
/// Following the *Asia and the Pacific SDG Progress Report 2025*, Annex 1 (Technical notes: methodology to
/// measure progress), as summarized by ESCAP's progress-assessment methodology page and the UNECE technical
/// notes that apply the same Anticipated Progress Index:
/// - the anticipated value `ŷ_T` comes from a linear regression of the value on the year, weighted so that
///   recent observations count more. The notes do not print the weights; this implementation uses
///   `w_i = year_i − first year + 1` (the first observation weighs 1, one a year later 2, …), a parameter;
/// - the gap is `(y_T − ŷ_T) / (y_T − y_0)`, with `y_T` the target and `y_0` the baseline (here the plan's
///   base year, or the observation nearest it): 0 on target, 1 for no progress since the baseline, above 1
///   when the trend leads back past the baseline, negative when it overshoots; not defined when the baseline
///   already meets the target;
/// - the action: `maintain` when `ŷ_T` meets the target, `reverse` when it lies on the wrong side of the
///   baseline (a trend away from the target), `accelerate` otherwise.
public struct AnticipatedProgress: Sendable, Equatable {
    /// What the trend asks of policy.
    public enum Action: String, Sendable, CaseIterable {
        /// The trend meets the target: maintain progress.
        case maintain
        /// The trend moves towards the target but falls short: accelerate.
        case accelerate
        /// The trend moves away from the target: reverse it.
        case reverse
    }

    /// The baseline's year and value.
    public let baseYear: Int
    public let baseValue: Double
    /// The weighted trend's value in the target year.
    public let anticipated: Double
    /// `(y_T − ŷ_T) / (y_T − y_0)`; nil when the baseline already meets the target (the ratio has no meaning then).
    public let gap: Double?
    public let action: Action

    /// The weight of an observation in `year` when the first is in `firstYear`.
    public typealias Weight = @Sendable (_ year: Int, _ firstYear: Int) -> Double

    /// `year − firstYear + 1`: linear in time, so the latest of ten yearly observations weighs ten times the first.
    public static let linearWeight: Weight = { year, first in Double(year - first + 1) }

    /// Computes the measure from the observations (year → value); nil with fewer than two observed years.
    /// - Parameters:
    ///   - baseYear: the year of the baseline `y_0`; the observation nearest it is used (the earlier of two
    ///     equally near).
    ///   - target: the target's level `y_T` in `targetYear`, compared by `op`.
    public init?(observed: [Int: Double], baseYear: Int, target: Double, targetYear: Int, op: ComparisonOperator,
                 weight: Weight = AnticipatedProgress.linearWeight) {
        let years = observed.keys.sorted()
        guard years.count >= 2, let first = years.first else { return nil }
        let design = Design.polynomial(years.map(Double.init), degree: 1)
        guard let fit = try? LinearRegression.fit(design, response: years.map { observed[$0]! },
                                                  weights: years.map { weight($0, first) }),
              fit.rank == 2 else { return nil }
        let base = years.min { (abs($0 - baseYear), $0) < (abs($1 - baseYear), $1) }!
        let anticipated = fit.parameters[0] + fit.parameters[1] * Double(targetYear)
        let y0 = observed[base]!
        self.baseYear = base
        self.baseValue = y0
        self.anticipated = anticipated
        gap = op.isSatisfied(by: y0, threshold: target) || target == y0 ? nil : (target - anticipated) / (target - y0)
        let towards = op.wantsHigher ? anticipated > y0 : anticipated < y0
        if op.isSatisfied(by: anticipated, threshold: target) {
            action = .maintain
        } else if towards {
            action = .accelerate
        } else {
            action = .reverse
        }
    }
}
