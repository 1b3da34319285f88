import Foundation

/// The result of a least-squares fit: estimates, their uncertainty, and measures of fit.
///
/// Names follow statsmodels' `RegressionResults` in Swift spelling. The fit is immutable; predictions are
/// separate values from `predict(_:)`. With weights, `residuals` are `y − ŷ` and the sums of squares,
/// R² and likelihood are the weighted ones (as statsmodels' WLS).
public struct LinearFit: Sendable {
    /// One name per parameter, intercept first.
    public let parameterNames: [String]
    /// Estimated coefficients, in the caller's units.
    public let parameters: [Double]
    /// Estimated covariance of the parameters, `s² (AᵀA)⁻¹` (a pseudo-inverse when rank-deficient).
    public let covariance: Matrix
    /// Fitted values `ŷ = A β`.
    public let fittedValues: [Double]
    /// Residuals `y − ŷ`.
    public let residuals: [Double]
    /// Number of observations used.
    public let observationCount: Int
    /// Numerical rank of the design, at `rcond`.
    public let rank: Int
    /// Relative singular-value threshold used to decide the rank.
    public let rcond: Double
    /// Whether the model has a constant term.
    public let hasIntercept: Bool
    /// Weighted sum of squared residuals.
    public let sumOfSquaredResiduals: Double
    /// Total sum of squares: centred with an intercept, uncentred without (as NIST and statsmodels).
    public let totalSumOfSquares: Double
    /// 2-norm condition number of the design in the caller's units (what NIST and `numpy.linalg.cond` quote).
    public let conditionNumber: Double
    /// 2-norm condition number of the centred, scaled, equilibrated design the solver factorized.
    public let scaledConditionNumber: Double
    /// Refinement steps taken for the parameters.
    public let refinementIterations: Int
    /// What the reader should know about this fit.
    public let warnings: [FitWarning]
    /// Σ log wᵢ, for the weighted log-likelihood (0 without weights).
    let sumOfLogWeights: Double
    /// The basis the design was solved in, with parameters and `(A_wᵀA_w)⁻¹` there, for stable predictions.
    let basis: WorkingBasis
    let workingParameters: [Double]
    let workingCovarianceFactor: Matrix

    /// Number of parameters (columns).
    public var parameterCount: Int { parameters.count }
    /// Residual degrees of freedom, `n − rank`.
    public var dfResidual: Int { observationCount - rank }
    /// Model degrees of freedom, `rank − 1` with an intercept, `rank` without.
    public var dfModel: Int { rank - (hasIntercept ? 1 : 0) }
    /// Residual variance `s² = SSR / (n − rank)`.
    public var residualVariance: Double { sumOfSquaredResiduals / Double(dfResidual) }
    /// Residual standard deviation `s`.
    public var residualStandardDeviation: Double { residualVariance.squareRoot() }
    /// Standard errors of the parameters.
    public var standardErrors: [Double] { covariance.diagonal.map { Swift.max(0, $0).squareRoot() } }
    /// `β / SE(β)`.
    public var tStatistics: [Double] { zip(parameters, standardErrors).map { $0 / $1 } }
    /// Two-sided p-values of the t statistics.
    public var pValues: [Double] {
        let t = StudentT(degreesOfFreedom: Double(dfResidual))
        return tStatistics.map { $0.isNaN ? .nan : 2 * t.survival(abs($0)) }
    }
    /// `1 − SSR/TSS`.
    public var rSquared: Double { 1 - sumOfSquaredResiduals / totalSumOfSquares }
    /// `1 − (n − k_const)/(n − rank) · (1 − R²)`.
    public var adjustedRSquared: Double {
        1 - Double(observationCount - (hasIntercept ? 1 : 0)) / Double(dfResidual) * (1 - rSquared)
    }
    /// Gaussian log-likelihood at the maximum-likelihood variance `SSR/n`.
    public var logLikelihood: Double {
        InformationCriteria.logLikelihood(sumOfSquaredResiduals: sumOfSquaredResiduals, observations: observationCount,
                                          sumOfLogWeights: sumOfLogWeights)
    }
    /// Akaike's criterion, `−2 log L + 2k` with k = rank (σ not counted, as statsmodels).
    public var aic: Double { InformationCriteria.aic(logLikelihood: logLikelihood, parameters: rank) }
    /// AIC with the small-sample correction `2k(k+1)/(n − k − 1)`, k = rank.
    public var aicc: Double { InformationCriteria.aicc(logLikelihood: logLikelihood, parameters: rank, observations: observationCount) }
    /// Schwarz's criterion, `−2 log L + k log n`.
    public var bic: Double { InformationCriteria.bic(logLikelihood: logLikelihood, parameters: rank, observations: observationCount) }

    /// Two-sided confidence intervals for the parameters at `level` (0.95 by default).
    public func confidenceIntervals(level: Double = 0.95) -> [Interval] {
        let q = StudentT(degreesOfFreedom: Double(dfResidual)).quantile(0.5 + level / 2)
        return zip(parameters, standardErrors).map { Interval(lower: $0 - q * $1, upper: $0 + q * $1) }
    }

    /// The parameters, covariance factor and `s²` needed for predictions.
    public var predictor: LinearPredictor {
        LinearPredictor(basis: basis, workingParameters: workingParameters, workingCovarianceFactor: workingCovarianceFactor,
                        residualVariance: residualVariance, dfResidual: dfResidual)
    }

    /// Predictions at new points (see ``LinearPredictor/predict(_:)``).
    public func predict(_ points: [[Double]]) -> Prediction { predictor.predict(points) }
}
