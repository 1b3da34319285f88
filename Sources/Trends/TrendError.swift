import Common
/// Why a trend family cannot be fitted to a series.
public enum TrendError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Fewer points than the family needs (parameters + 1 for a residual variance, + 1 per profiled parameter).
    case tooFewPoints(series: String, family: String, points: Int, needed: Int)
    /// `compound` and `damped` need every value above zero.
    case nonPositiveValue(series: String, family: String, year: Int, value: Double)
    /// `logistic` needs every value strictly between 0 and the cap.
    case outsideCap(series: String, year: Int, value: Double, cap: Double)
    /// Every value is the same: no trend to fit.
    case constantSeries(series: String)
    /// A level-shift year with no observation before or after it cannot be estimated.
    case levelShiftOutOfRange(series: String, year: Int)
    /// The same year twice, or years out of order.
    case duplicateYear(series: String, year: Int)
    /// The least-squares core refused the fit.
    case leastSquares(series: String, family: String, message: String)
    /// No observation is left once excluded years and missing values are set aside.
    case noUsableObservations(series: String, excluded: Int)
    /// A year outside the years Pathways handles (`YearRange.supported`).
    case yearOutOfRange(series: String, year: Int)

    public var description: String {
        switch self {
        case let .tooFewPoints(s, f, n, needed):
            return "\(s): \(f) needs at least \(needed) observations, the series has \(n)."
        case let .nonPositiveValue(s, f, year, value):
            return "\(s): \(f) needs positive values, but \(year) is \(NumberText.plain(value))."
        case let .outsideCap(s, year, value, cap):
            return "\(s): logistic needs values strictly between 0 and the cap \(NumberText.plain(cap)), but \(year) is \(NumberText.plain(value))."
        case let .constantSeries(s):
            return "\(s): every value is the same, so there is no trend to fit."
        case let .levelShiftOutOfRange(s, year):
            return "\(s): the level shift in \(year) needs observations both before and from that year."
        case let .duplicateYear(s, year):
            return "\(s): year \(year) appears more than once or out of order."
        case let .leastSquares(s, f, message):
            return "\(s): \(f) could not be fitted: \(message)"
        case let .noUsableObservations(s, excluded):
            return excluded > 0 ? "\(s): every observed year is excluded (\(excluded) year\(excluded == 1 ? "" : "s")), so there is nothing to fit."
                : "\(s): the series has no observation to fit."
        case let .yearOutOfRange(s, year):
            return "\(s): \(YearRange.outside(year))."
        }
    }
}
