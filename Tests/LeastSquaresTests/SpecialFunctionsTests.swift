import _TestSupport
import Testing
@testable import LeastSquares
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The internal special functions against mpmath at 50 digits (scipy.special where it agrees to 1e-14).
@Suite("Special functions")
struct SpecialFunctionsTests {
    // python3 Tests/LeastSquaresTests/Fixtures/reference-scripts/distributions.py special-functions
    // (first table: a, b, log B(a, b) = scipy.special.betaln, or mpmath.log(mpmath.beta(a, b)) where marked).
    static let logBetaTable: [(Double, Double, Double)] = [
        (0.5, 0.5, 1.1447298858493999),
        (0.5, 1.5, 0.45158270528945471),
        (2.5, 3.5, -3.3018352699620523),
        (0.5, 12, -0.6596747231378598),
        (5000, 0.5, -3.6862066527834605),  // mpmath; scipy gave -3.6862066527828574
        (500000, 0.5, -5.9888164957774643),  // mpmath; scipy gave -5.9888164959847927
        (20, 30, -33.968820791977386),
        (10000, 20000, -19098.908538220945),
        (7, 1000000, -90.129343693694324),  // mpmath; scipy gave -90.129343694075942
    ]

    @Test("log B(a, b) is accurate when a or b is large", arguments: logBetaTable)
    func logBeta(_ row: (Double, Double, Double)) {
        let (a, b, expected) = row
        // Absolute error relative to max(1, |log B|): this is what exp(log B) turns into relative error.
        let error = abs(SpecialFunctions.logBeta(a, b) - expected) / max(1, abs(expected))
        #expect(error < 1e-14)
        #expect(SpecialFunctions.logBeta(b, a) == SpecialFunctions.logBeta(a, b))
    }

    // python3 Tests/LeastSquaresTests/Fixtures/reference-scripts/distributions.py special-functions
    // (second table: a, b, x, I_x(a, b) = scipy.special.betainc, 1 − I_x(a, b) = scipy.special.betaincc).
    static let incompleteBetaTable: [(Double, Double, Double, Double, Double)] = [
        (2, 5, 0.3, 0.57982500000000026, 0.42017500000000002),
        (0.5, 0.5, 0.01, 0.063768560858519854, 0.9362314391414801),
        (50, 0.5, 0.9, 0.001204149832559813, 0.99879585016744021),
        (0.5, 50, 0.001, 0.24763098003462314, 0.75236901996537675),
        (30, 40, 0.42, 0.44704953086047572, 0.55295046913952517),
        (5000, 0.5, 0.9995, 0.025332672657805689, 0.9746673273421943),
        (1, 1, 0.625, 0.625, 0.375),
    ]

    @Test("I_x(a, b) and its complement", arguments: incompleteBetaTable)
    func incompleteBeta(_ row: (Double, Double, Double, Double, Double)) {
        let (a, b, x, lower, upper) = row
        let y = 1 - x
        let result = SpecialFunctions.regularizedIncompleteBeta(a: a, b: b, x: x, y: y, logX: log(x), logY: log1p(-x))
        #expect(relativeError(result.lower, lower) < 1e-13)
        #expect(relativeError(result.upper, upper) < 1e-13)
    }

    @Test("Stirling remainder matches log Γ from the recurrence")
    func logGammaCorrection() {
        // log Γ(x) = (x − ½) log x − x + log √(2π) + δ(x); with x = 10.5, 20, 1000 and the exact
        // log Γ from Γ(n + 1) = n! or Γ(n + ½) products, δ must agree to within the rounding of those
        // logarithms (an ulp of log Γ(10.5) ≈ 13.9 is 1.8e-15); δ(10.5) itself is about 8e-3.
        // log Γ(10.5) = log(√π · 1·3·5·…·19 / 2¹⁰)
        var product = Double.pi.squareRoot()
        for k in 0..<10 { product *= Double(2 * k + 1) / 2 }
        let x = 10.5
        let stirling = (x - 0.5) * log(x) - x + SpecialFunctions.logSquareRootOfTwoPi
        #expect(abs(SpecialFunctions.logGammaCorrection(x) - (log(product) - stirling)) < 1e-14)
        // log Γ(20) = log 19!
        var factorial = 1.0
        for k in 1...19 { factorial *= Double(k) }
        let twenty = 20.0
        let stirlingTwenty = (twenty - 0.5) * log(twenty) - twenty + SpecialFunctions.logSquareRootOfTwoPi
        #expect(abs(SpecialFunctions.logGammaCorrection(twenty) - (log(factorial) - stirlingTwenty)) < 1e-14)
        // δ(x) → 1/(12x) for large x.
        #expect(abs(SpecialFunctions.logGammaCorrection(1e8) * 12e8 - 1) < 1e-15)
    }
}
