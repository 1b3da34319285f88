/// An unevaluated sum `hi + lo` of two doubles carrying about 106 bits of significand.
///
/// Used to accumulate residuals and dot products in iterative refinement, so a least-squares solution
/// can be corrected beyond what float64 arithmetic alone resolves. Portable (no `Float80`); the
/// error-free transformations follow Dekker (1971) and Knuth's TwoSum, with `fma` for products.
public struct DoubleDouble: Sendable, Equatable {
    public var hi: Double
    public var lo: Double

    @inlinable public init(_ value: Double) { hi = value; lo = 0 }
    @inlinable public init(hi: Double, lo: Double) { self.hi = hi; self.lo = lo }

    public static let zero = DoubleDouble(0)

    /// The nearest double.
    @inlinable public var value: Double { hi + lo }

    /// `a + b` exactly, as a rounded sum and its error (Knuth's TwoSum).
    @inlinable static func twoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        let bb = s - a
        let err = (a - (s - bb)) + (b - bb)
        return DoubleDouble(hi: s, lo: err)
    }

    /// `a + b` exactly when `|a| ≥ |b|`.
    @inlinable static func quickTwoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        return DoubleDouble(hi: s, lo: b - (s - a))
    }

    /// `a * b` exactly, as a rounded product and its error.
    @inlinable static func twoProduct(_ a: Double, _ b: Double) -> DoubleDouble {
        let p = a * b
        return DoubleDouble(hi: p, lo: (-p).addingProduct(a, b))
    }

    @inlinable public static func + (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let s = twoSum(a.hi, b.hi)
        let t = twoSum(a.lo, b.lo)
        var r = quickTwoSum(s.hi, s.lo + t.hi)
        r = quickTwoSum(r.hi, r.lo + t.lo)
        return r
    }

    @inlinable public static prefix func - (a: DoubleDouble) -> DoubleDouble {
        DoubleDouble(hi: -a.hi, lo: -a.lo)
    }

    @inlinable public static func - (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble { a + (-b) }

    @inlinable public static func * (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let p = twoProduct(a.hi, b.hi)
        return quickTwoSum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi))
    }

    @inlinable public static func * (a: DoubleDouble, b: Double) -> DoubleDouble {
        let p = twoProduct(a.hi, b)
        return quickTwoSum(p.hi, p.lo + a.lo * b)
    }

    @inlinable public static func += (a: inout DoubleDouble, b: DoubleDouble) { a = a + b }
}
