/// What a fitted linear model needs to predict: parameters and `(AᵀA)⁻¹` in the working basis, and `s²`.
///
/// Shared by single and batch fits, and small enough to keep per series: the basis and covariance factor
/// of a batch are one copy for all its series.
public struct LinearPredictor: Sendable {
    let basis: WorkingBasis
    let workingParameters: [Double]
    let workingCovarianceFactor: Matrix
    /// Residual variance `s²` of the fit.
    public let residualVariance: Double
    /// Residual degrees of freedom.
    public let dfResidual: Int

    /// Predictions at new points: each point is `[x, additional…]` for a polynomial design, the column
    /// values (without the constant) for a column design.
    public func predict(_ points: [[Double]]) -> Prediction {
        var mean = [Double](), seMean = [Double](), seObs = [Double]()
        mean.reserveCapacity(points.count)
        for point in points {
            let w = basis.workingRow(point)
            precondition(w.count == workingParameters.count, "Each point needs one value per regressor")
            var m = 0.0
            for j in 0..<w.count { m += w[j] * workingParameters[j] }
            let h = quadraticForm(workingCovarianceFactor, w)
            mean.append(m)
            seMean.append((residualVariance * h).squareRoot())
            seObs.append((residualVariance * (1 + h)).squareRoot())
        }
        return Prediction(mean: mean, meanStandardError: seMean, observationStandardError: seObs, dfResidual: dfResidual)
    }

    /// The leverage `x₀ᵀ(AᵀA)⁻¹x₀` of a new point (its variance factor for the mean, in units of `s²`).
    public func leverage(_ point: [Double]) -> Double {
        quadraticForm(workingCovarianceFactor, basis.workingRow(point))
    }
}

/// `vᵀ M v`.
func quadraticForm(_ m: Matrix, _ v: [Double]) -> Double {
    var total = 0.0
    for j in 0..<v.count {
        var s = 0.0
        for i in 0..<v.count { s += m[i, j] * v[i] }
        total += s * v[j]
    }
    return total
}
