/// Something about a fit the reader should know: it is still returned, but read it with care.
public enum FitWarning: Sendable, Equatable, CustomStringConvertible {
    /// The equilibrated design has numerical rank below its column count; a minimum-norm solution was used.
    case rankDeficient(rank: Int, parameters: Int, rcond: Double)
    /// The equilibrated design is so ill-conditioned that digits are lost even with refinement.
    case illConditioned(scaledConditionNumber: Double)
    /// Iterative refinement stopped before its corrections fell below float64 resolution.
    case refinementDidNotConverge(iterations: Int)

    public var description: String {
        switch self {
        case let .rankDeficient(rank, p, rcond):
            return "The design is rank-deficient: rank \(rank) of \(p) columns at rcond \(rcond); parameters are a minimum-norm solution and are not all identified."
        case let .illConditioned(kappa):
            return "The design is ill-conditioned even after scaling (condition number \(kappa)); expect fewer accurate digits."
        case let .refinementDidNotConverge(iterations):
            return "Iterative refinement did not converge in \(iterations) steps; the solution may be inaccurate in its last digits."
        }
    }
}
