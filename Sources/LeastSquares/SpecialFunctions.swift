#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Special functions behind the probability distributions: log-beta and the regularized incomplete beta.
///
/// Everything here works in logarithms where a product would overflow, and takes a value and its
/// complement (`x` and `1 - x`) separately, because forming one from the other is where accuracy is lost.
enum SpecialFunctions {
    /// `log(√(2π))`, correctly rounded.
    static let logSquareRootOfTwoPi = 0.918_938_533_204_672_741_780_329_736_406

    /// Remainder of Stirling's series for `log Γ(x)`, for `x ≥ 10`.
    ///
    /// `log Γ(x) = (x − ½) log x − x + log √(2π) + δ(x)`, and
    /// `δ(x) = Σₖ B₂ₖ / (2k (2k − 1) x²ᵏ⁻¹)` with the Bernoulli numbers `B₂ₖ`. This is R's `lgammacor`
    /// (which uses a Chebyshev fit of the same function); eight terms leave an error below `2e-18` at
    /// `x = 10`, far under an ulp of `δ`. Subtracting `δ`s instead of whole `log Γ`s is what keeps
    /// `log B(a, b)` accurate when `a` or `b` is large.
    static func logGammaCorrection(_ x: Double) -> Double {
        precondition(x >= 10, "the Stirling remainder is used for x >= 10 only")
        // B₂ₖ / (2k (2k − 1)) for k = 1...8: 1/12, −1/360, 1/1260, −1/1680, 1/1188, −691/360360, 1/156, −3617/122400.
        let z = 1 / (x * x)
        let sum = 1.0 / 12 + z * (-1.0 / 360 + z * (1.0 / 1260 + z * (-1.0 / 1680 + z * (1.0 / 1188
            + z * (-691.0 / 360_360 + z * (1.0 / 156 + z * (-3617.0 / 122_400)))))))
        return sum / x
    }

    /// `log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b)` for positive `a`, `b`, without cancellation.
    ///
    /// Follows R's `lbeta`: with `p = min(a, b)` and `q = max(a, b)`, the Stirling parts of the three
    /// `log Γ` terms are combined analytically and only their remainders `δ` are subtracted, so a large
    /// `q` (Student's t with thousands of degrees of freedom has `q = ν/2`) costs no accuracy:
    /// - `p ≥ 10`: `−½ log q + log √(2π) + δ(p) + δ(q) − δ(p+q) + (p − ½) log(p/(p+q)) + q log1p(−p/(p+q))`;
    /// - `q ≥ 10 > p`: `log Γ(p) + δ(q) − δ(p+q) + p − p log(p+q) + (q − ½) log1p(−p/(p+q))`;
    /// - otherwise `log(Γ(p) Γ(q) / Γ(p+q))` directly, where nothing overflows.
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        precondition(a > 0 && b > 0, "log B(a, b) needs positive a and b")
        let p = min(a, b)
        let q = max(a, b)
        let sum = p + q
        if p >= 10 {
            let correction = logGammaCorrection(p) + logGammaCorrection(q) - logGammaCorrection(sum)
            return -0.5 * log(q) + logSquareRootOfTwoPi + correction
                + (p - 0.5) * log(p / sum) + q * log1p(-p / sum)
        }
        if q >= 10 {
            let correction = logGammaCorrection(q) - logGammaCorrection(sum)
            return logGamma(p) + correction + p - p * log(sum) + (q - 0.5) * log1p(-p / sum)
        }
        return log(tgamma(p) * (tgamma(q) / tgamma(sum)))
    }

    /// `log Γ(x)` for `0 < x < 10`, through `tgamma`, which (unlike `lgamma`) touches no global state.
    private static func logGamma(_ x: Double) -> Double {
        log(tgamma(x))
    }

    /// The regularized incomplete beta function `I_x(a, b)` and its complement `1 − I_x(a, b)`.
    ///
    /// `I_x(a, b) = B(x; a, b) / B(a, b)`, the cdf of a Beta(a, b) variable. The caller passes `x` and
    /// `y = 1 − x`, and their logarithms, each computed accurately from its own inputs. The side that
    /// converges fast is evaluated by the continued fraction (`x < (a + 1)/(a + b + 2)` for `I_x(a, b)`,
    /// otherwise `I_y(b, a)`), and the other is its complement, so the smaller of the two always has full
    /// relative accuracy. `x` may underflow to 0 while `log x` is still finite (a t tail at `|t| ~ 1e200`);
    /// the logarithm is what counts.
    static func regularizedIncompleteBeta(
        a: Double, b: Double, x: Double, y: Double, logX: Double, logY: Double
    ) -> (lower: Double, upper: Double) {
        // The switch test x < (a + 1)/(a + b + 2), asked of the smaller of x and y, which has not been
        // rounded to 1 (with a = 5·10¹⁹, x = 1 − 10⁻¹⁷ is stored as 1).
        let lowerSideConverges = x <= 0.5 ? x < (a + 1) / (a + b + 2) : y > (b + 1) / (a + b + 2)
        if lowerSideConverges {
            let lower = continuedFractionSide(a: a, b: b, x: x, y: y, logX: logX, logY: logY)
            return (lower, 1 - lower)
        } else {
            let upper = continuedFractionSide(a: b, b: a, x: y, y: x, logX: logY, logY: logX)
            return (1 - upper, upper)
        }
    }

    /// `I_x(a, b) = x^a (1 − x)^b / (B(a, b) · K)` with `K` the continued fraction below, for `x`
    /// below the switch point `(a + 1)/(a + b + 2)`.
    ///
    /// The prefactor is one `exp` of `a log x + b log(1 − x) − log B(a, b)`, so its relative error is
    /// about `ε` times the size of that exponent (at most ~745 before underflow).
    private static func continuedFractionSide(a: Double, b: Double, x: Double, y: Double, logX: Double, logY: Double) -> Double {
        let logFront = a * logX + b * logY - logBeta(a, b)
        if logFront < -746 { return 0 }
        return exp(logFront) / betaContinuedFraction(a: a, b: b, x: x, y: y)
    }

    /// The continued fraction `K` with `I_x(a, b) = x^a y^b / (B(a, b) K)`, `y = 1 − x`, by the modified Lentz method.
    ///
    /// `K = β₀ + α₁/(β₁ + α₂/(β₂ + …))` with `β₀ = a (a y − b x + 1)/(a + 1)` and, for `m ≥ 1`,
    /// `αₘ = m (a + m − 1)(a + b + m − 1)(b − m) x² / (a + 2m − 1)²` and
    /// `βₘ = m + m (b − m) x/(a + 2m − 1) + (a + m)(a y − b x + 1 + m (2 − x))/(a + 2m + 1)`.
    /// This is the even part of the classical fraction (DLMF 8.17.22; Numerical Recipes §6.4), in the
    /// arrangement of Boost.Math's `ibeta_fraction2`: `y` enters on its own rather than as `1 − x`.
    /// With the textbook form, `1 − (a + b) x/(a + 1)` cancels when `a` is large and `x` near 1 (the
    /// t tail with thousands of degrees of freedom), and the error grows past 1e-12; here it stays near
    /// 1e-15 even for `a = 5·10⁷`. Converges in `O(√max(a, b))` steps at worst (about 60 for `a = 5·10⁷`).
    static func betaContinuedFraction(a: Double, b: Double, x: Double, y: Double) -> Double {
        let tiny = 1e-300
        var fraction = a * (a * y - b * x + 1) / (a + 1)
        if fraction == 0 { fraction = tiny }
        var c = fraction
        var d = 0.0
        var m = 1.0
        while m < 100_000 {
            let denominator = a + 2 * m - 1
            // Grouped so that every factor stays moderate when b is huge and x tiny (b x is what matters).
            let alpha = (m * (a + m - 1) / denominator) * ((a + b + m - 1) * x / denominator) * ((b - m) * x)
            let beta = m + m * ((b - m) * x) / denominator + (a + m) * (a * y - b * x + 1 + m * (2 - x)) / (a + 2 * m + 1)
            d = beta + alpha * d
            if d == 0 { d = tiny }
            c = beta + alpha / c
            if c == 0 { c = tiny }
            d = 1 / d
            let step = c * d
            fraction *= step
            if abs(step - 1) <= Double.ulpOfOne { break }
            m += 1
        }
        return fraction
    }
}
