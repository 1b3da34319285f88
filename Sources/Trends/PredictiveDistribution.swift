import Foundation
import LeastSquares

/// The predictive distribution of one future value: `y = f⁻¹(location + scale · T)` with T Student's t.
///
/// On the fitted scale this is the usual prediction interval's distribution; mapped through the inverse
/// of a monotone transform its quantiles stay quantiles, so `median` is `f⁻¹(location)` — for the log and
/// logit families the forecast is a median, not a mean (see ``biasAdjustedMean``).
public struct PredictiveDistribution: Sendable, Equatable {
    public let location: Double
    public let scale: Double
    public let degreesOfFreedom: Int
    public let transform: ResponseTransform

    public init(location: Double, scale: Double, degreesOfFreedom: Int, transform: ResponseTransform) {
        self.location = location
        self.scale = scale
        self.degreesOfFreedom = degreesOfFreedom
        self.transform = transform
    }

    private var t: StudentT { StudentT(degreesOfFreedom: Double(degreesOfFreedom)) }

    /// The median on the original scale.
    public var median: Double { transform.inverse(location) }

    /// The `p` quantile on the original scale.
    public func quantile(_ p: Double) -> Double { transform.inverse(location + scale * t.quantile(p)) }

    /// `P(Y ≤ y)`.
    public func cdf(_ y: Double) -> Double {
        guard transform.accepts(y) else {
            switch transform {
            case .identity: return y.isNaN ? .nan : (y > 0 ? 1 : 0)
            case .log: return y <= 0 ? 0 : 1
            case .logit(let cap): return y <= 0 ? 0 : (y >= cap ? 1 : 0)
            }
        }
        guard scale > 0 else { return transform.forward(y) >= location ? 1 : 0 }
        return t.cdf((transform.forward(y) - location) / scale)
    }

    /// The two-sided central interval at `level`.
    public func interval(level: Double) -> Interval {
        interval(quantile: StudentTQuantiles.upper(level: level, degreesOfFreedom: degreesOfFreedom))
    }

    /// The central interval `f⁻¹(location ± q·scale)` for a known upper t quantile `q`.
    func interval(quantile q: Double) -> Interval {
        Interval(lower: transform.inverse(location - q * scale), upper: transform.inverse(location + q * scale))
    }

    /// The mean on the original scale under a normal approximation of the fitted-scale error:
    /// `exp(μ + σ²/2)` for the log transform (R forecast's `biasadj`); the median for the others
    /// (identity: mean = median; logit: no closed form, the median is reported).
    public var biasAdjustedMean: Double {
        switch transform {
        case .log: return exp(location + scale * scale / 2)
        default: return median
        }
    }
}
