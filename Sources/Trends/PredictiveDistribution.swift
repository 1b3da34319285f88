import Foundation
import LeastSquares

/// The predictive distribution of one future value: `y = f⁻¹(location + scale · Z)`, Z a standardized law
/// (Student's t for least-squares fits, the normal for exponential smoothing, an empirical law of scaled
/// out-of-sample errors for calibrated forecasts), optionally censored to the bounds of the quantity.
///
/// This is the one definition of "forecast → interval" that every method shares: a method supplies location,
/// scale, law and transform; quantiles, intervals and the CDF come from here. Mapped through the inverse of a
/// monotone transform, quantiles stay quantiles, so `median` is `f⁻¹(location + scale · median(Z))` — for the
/// log and logit scales a median, not a mean (see ``biasAdjustedMean``). With `bounds`, a quantile outside
/// them is moved to the nearer bound: the law of a quantity that cannot leave [lower, upper] (a share below its
/// cap) whose model's tail would.
public struct PredictiveDistribution: Sendable, Equatable {
    public let location: Double
    public let scale: Double
    public let law: StandardizedLaw
    public let transform: ResponseTransform
    /// Bounds the quantity cannot leave, or nil.
    public let bounds: ClosedRange<Double>?

    public init(location: Double, scale: Double, law: StandardizedLaw, transform: ResponseTransform, bounds: ClosedRange<Double>? = nil) {
        self.location = location
        self.scale = scale
        self.law = law
        self.transform = transform
        self.bounds = bounds
    }

    /// A Student-t predictive distribution (least-squares families).
    public init(location: Double, scale: Double, degreesOfFreedom: Int, transform: ResponseTransform, bounds: ClosedRange<Double>? = nil) {
        self.init(location: location, scale: scale, law: .studentT(degreesOfFreedom: degreesOfFreedom), transform: transform, bounds: bounds)
    }

    /// The degrees of freedom of a Student-t law; nil for the others.
    public var degreesOfFreedom: Int? {
        if case .studentT(let df) = law { return df }
        return nil
    }

    /// The same distribution with its scale multiplied by `factor`.
    public func widened(by factor: Double) -> PredictiveDistribution {
        PredictiveDistribution(location: location, scale: scale * factor, law: law, transform: transform, bounds: bounds)
    }

    private func bounded(_ y: Double) -> Double {
        guard let bounds else { return y }
        return min(max(y, bounds.lowerBound), bounds.upperBound)
    }

    /// The median on the original scale.
    public var median: Double { bounded(transform.inverse(location + scale * law.quantile(0.5))) }

    /// The `p` quantile on the original scale.
    public func quantile(_ p: Double) -> Double { bounded(transform.inverse(location + scale * law.quantile(p))) }

    /// `P(Y ≤ y)`.
    public func cdf(_ y: Double) -> Double {
        if let bounds {
            if y < bounds.lowerBound { return 0 }
            if y >= bounds.upperBound { return 1 }
        }
        guard transform.accepts(y) else {
            switch transform {
            case .identity: return y.isNaN ? .nan : (y > 0 ? 1 : 0)
            case .log: return y <= 0 ? 0 : 1
            case .logit(let cap): return y <= 0 ? 0 : (y >= cap ? 1 : 0)
            }
        }
        guard scale > 0 else { return transform.forward(y) >= location ? 1 : 0 }
        return law.cdf((transform.forward(y) - location) / scale)
    }

    /// The central interval at `level`: the quantiles `(1 ∓ level)/2`.
    public func interval(level: Double) -> Interval {
        if case .studentT(let df) = law {
            return interval(quantile: StudentTQuantiles.upper(level: level, degreesOfFreedom: df))
        }
        return Interval(lower: quantile((1 - level) / 2), upper: quantile((1 + level) / 2))
    }

    /// The central interval `f⁻¹(location ± q·scale)` of a symmetric law for a known upper quantile `q`.
    func interval(quantile q: Double) -> Interval {
        Interval(lower: bounded(transform.inverse(location - q * scale)), upper: bounded(transform.inverse(location + q * scale)))
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

/// The law of the standardized forecast error `Z = (f(y) − location)/scale`.
public enum StandardizedLaw: Sendable, Equatable {
    /// Student's t: least-squares prediction intervals.
    case studentT(degreesOfFreedom: Int)
    /// The standard normal: the analytic intervals of exponential smoothing (R `forecast`'s `qnorm`).
    case normal
    /// Quantiles of scaled out-of-sample errors (see ``ScaledErrorLaw``).
    case empirical(ScaledErrorLaw.Horizon)

    /// The `p` quantile; exactly 0 at p = ½ for the symmetric laws, so their medians are `f⁻¹(location)`.
    public func quantile(_ p: Double) -> Double {
        switch self {
        case .studentT(let df): return p == 0.5 ? 0 : StudentT(degreesOfFreedom: Double(df)).quantile(p)
        case .normal: return p == 0.5 ? 0 : Normal.standard.quantile(p)
        case .empirical(let law): return law.quantile(p)
        }
    }

    public func cdf(_ z: Double) -> Double {
        switch self {
        case .studentT(let df): return StudentT(degreesOfFreedom: Double(df)).cdf(z)
        case .normal: return Normal.standard.cdf(z)
        case .empirical(let law): return law.cdf(z)
        }
    }
}
