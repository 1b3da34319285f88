import Common
/// A problem with the data given to a least-squares fit, or a failure reported by LAPACK.
///
/// Each case carries what a person needs to find the problem; `description` reads as a sentence.
public enum LeastSquaresError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Fewer usable observations than parameters to estimate.
    case tooFewObservations(observations: Int, parameters: Int)
    /// A NaN or infinity in the named input (`response`, a column name, `weights`) at a 0-based row.
    case nonFiniteInput(field: String, row: Int)
    /// A value beyond ±`Design.magnitudeLimit` in the named input, at a 0-based row: its square would overflow.
    case magnitudeTooLarge(field: String, row: Int, value: Double)
    /// The response takes one value only, so there is nothing to explain.
    case zeroVariance(field: String)
    /// A weight that is zero, negative or not finite, at a 0-based row.
    case invalidWeight(row: Int, value: Double)
    /// Inputs of different lengths.
    case dimensionMismatch(field: String, expected: Int, actual: Int)
    /// LAPACK reported `INFO > 0`: a property of the data (an exactly singular factor, an SVD that did not converge).
    case lapackFailure(routine: String, info: Int, meaning: String)

    public var description: String {
        switch self {
        case let .tooFewObservations(n, p):
            return "Too few observations: \(n) usable, but the model has \(p) parameters; at least \(p) are needed (\(p + 1) for a standard error)."
        case let .nonFiniteInput(field, row):
            return "The \(field) value in row \(row + 1) is not a finite number (NaN or infinity)."
        case let .magnitudeTooLarge(field, row, value):
            return "The \(field) value in row \(row + 1) is \(value); least squares handles values up to ±1e150 (their squares must stay "
                + "finite), so rescale the column (divide it by a power of ten)."
        case let .zeroVariance(field):
            return "Every \(field) value is the same, so there is no variation to fit."
        case let .invalidWeight(row, value):
            return "The weight in row \(row + 1) is \(NumberText.plain(value)); weights must be finite and greater than zero."
        case let .dimensionMismatch(field, expected, actual):
            return "The \(field) has \(actual) values but \(expected) were expected."
        case let .lapackFailure(routine, info, meaning):
            return "LAPACK routine \(routine) failed (INFO = \(info)): \(meaning)."
        }
    }
}
