/// Predictions of a linear fit at new points, with the standard errors intervals need.
///
/// As statsmodels' `get_prediction`: `meanStandardError` is the standard error of the fitted mean
/// `s·sqrt(x₀ᵀ(AᵀA)⁻¹x₀)`; `observationStandardError` adds the noise of one new observation,
/// `s·sqrt(1 + x₀ᵀ(AᵀA)⁻¹x₀)`. Intervals use Student's t with the fit's residual degrees of freedom.
public struct Prediction: Sendable {
    /// The kind of interval: for the mean response, or for a new observation.
    public enum IntervalKind: Sendable { case mean, observation }

    /// Point predictions.
    public let mean: [Double]
    /// Standard error of each predicted mean.
    public let meanStandardError: [Double]
    /// Standard error of a new observation at each point.
    public let observationStandardError: [Double]
    /// Residual degrees of freedom of the fit (the t distribution's).
    public let dfResidual: Int

    public init(mean: [Double], meanStandardError: [Double], observationStandardError: [Double], dfResidual: Int) {
        self.mean = mean
        self.meanStandardError = meanStandardError
        self.observationStandardError = observationStandardError
        self.dfResidual = dfResidual
    }

    /// Two-sided intervals at `level` (0.95 by default) for the mean or for a new observation.
    public func intervals(level: Double = 0.95, kind: IntervalKind = .observation) -> [Interval] {
        precondition(level > 0 && level < 1, "The level must lie strictly between 0 and 1")
        let q = StudentT(degreesOfFreedom: Double(dfResidual)).quantile(0.5 + level / 2)
        let se = kind == .mean ? meanStandardError : observationStandardError
        return zip(mean, se).map { Interval(lower: $0 - q * $1, upper: $0 + q * $1) }
    }
}
