import Foundation

/// Gaussian log-likelihood and the information criteria built on it, in one place.
public enum InformationCriteria {
    /// Log-likelihood of a Gaussian linear model at the maximum-likelihood variance `SSR/n`,
    /// plus `½ Σ log wᵢ` for weighted fits (statsmodels' convention).
    public static func logLikelihood(sumOfSquaredResiduals ssr: Double, observations n: Int, sumOfLogWeights: Double = 0) -> Double {
        let n = Double(n)
        return -n / 2 * (log(2 * Double.pi) + log(ssr / n) + 1) + sumOfLogWeights / 2
    }

    /// `−2 log L + 2k`.
    public static func aic(logLikelihood: Double, parameters k: Int) -> Double {
        -2 * logLikelihood + 2 * Double(k)
    }

    /// AIC with the small-sample correction `2k(k+1)/(n − k − 1)`; infinite when `n ≤ k + 1`
    /// (the criterion cannot rank such a model).
    public static func aicc(logLikelihood: Double, parameters k: Int, observations n: Int) -> Double {
        guard n > k + 1 else { return .infinity }
        let k = Double(k)
        return aic(logLikelihood: logLikelihood, parameters: Int(k)) + 2 * k * (k + 1) / (Double(n) - k - 1)
    }

    /// `−2 log L + k log n`.
    public static func bic(logLikelihood: Double, parameters k: Int, observations n: Int) -> Double {
        -2 * logLikelihood + Double(k) * log(Double(n))
    }
}
