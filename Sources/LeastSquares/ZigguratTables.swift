#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The 256-layer ziggurat for the standard normal (Marsaglia & Tsang, "The ziggurat method for
/// generating random variables", J. Statistical Software 5(8), 2000), built at first use from its
/// defining equations rather than typed-in tables.
///
/// With `f(x) = exp(−x²/2)`, the region under `f` on `x ≥ 0` is covered by a base strip and 255
/// horizontal rectangles, all of the same area `v`. Edges `x₁ = r > x₂ > … > x₂₅₅ > x₂₅₆ = 0` satisfy
/// `xᵢ (f(xᵢ₊₁) − f(xᵢ)) = v`, i.e. `xᵢ₊₁ = f⁻¹(f(xᵢ) + v/xᵢ)` with `f⁻¹(y) = √(−2 log y)`; the base strip
/// is `[0, r] × [0, f(r)]` plus the tail beyond `r`, so `v = r f(r) + √(π/2) erfc(r/√2)`. `r` is the
/// root, found by bisection, at which the recursion closes exactly (`f(x₂₅₅) + v/x₂₅₅ = 1`); it comes out
/// at Marsaglia & Tsang's `r = 3.6541528853610088`, `v = 4.92867323399e-3`.
///
/// Sampling layer `i`: `x = U xᵢ` (the base strip uses the pseudo-width `x₀ = v/f(r)`). If
/// `x < xᵢ₊₁` the point lies under `f` and is accepted at once; otherwise layer 0 draws from the tail
/// and the others accept `x` when a uniform height in `[f(xᵢ), f(xᵢ₊₁)]` falls below `f(x)`.
@usableFromInline
struct ZigguratTables: @unchecked Sendable {
    /// One layer: accept at once when the 53-bit draw `j` is below `threshold`; the abscissa is `j · scale`.
    @usableFromInline
    struct Layer: Sendable {
        @usableFromInline let threshold: UInt64
        @usableFromInline let scale: Double
    }

    /// The right edge `r` of the base rectangle, where the exactly sampled tail begins.
    let tailStart: Double
    /// The common area `v` of the 256 layers (of `f(x) = exp(−x²/2)`, unnormalized).
    let layerArea: Double
    /// Per layer `i`: `threshold = ⌊2⁵³ xᵢ₊₁/xᵢ⌋`, `scale = xᵢ / 2⁵³`. Allocated once for the one
    /// shared instance, never written after `init` and never freed (it lives as long as the process),
    /// which is what makes the unchecked `Sendable` sound. Raw pointers rather than arrays or a class
    /// keep reference counting and bounds checks out of the hot loop.
    @usableFromInline let layers: UnsafeMutablePointer<Layer>
    /// `f(xᵢ)` for `i = 0…256` (with `f(x₀) = 0` unused, `f(x₂₅₆) = 1`); allocated and kept like `layers`.
    let heights: UnsafeMutablePointer<Double>

    @usableFromInline static let standardNormal = ZigguratTables(layerCount: 256)

    private init(layerCount n: Int) {
        let (r, v) = Self.solveTailStart(layerCount: n)
        let edges = Self.edges(tailStart: r, area: v, layerCount: n)!
        tailStart = r
        layerArea = v
        let twoTo53 = 0x1p53
        layers = UnsafeMutablePointer<Layer>.allocate(capacity: n)
        for i in 0..<n {
            let layer = Layer(threshold: UInt64(edges[i + 1] / edges[i] * twoTo53), scale: edges[i] / twoTo53)
            (layers + i).initialize(to: layer)
        }
        heights = UnsafeMutablePointer<Double>.allocate(capacity: n + 1)
        for i in 0...n {
            (heights + i).initialize(to: i == 0 ? 0 : exp(-0.5 * edges[i] * edges[i]))
        }
    }

    /// `v(r) = r f(r) + ∫ᵣ^∞ f = r f(r) + √(π/2) erfc(r/√2)`.
    private static func area(tailStart r: Double) -> Double {
        r * exp(-0.5 * r * r) + (0.5 * Double.pi).squareRoot() * erfc(r / 2.0.squareRoot())
    }

    /// Edges `x₀ … xₙ` for a trial `r`, or nil when the layers run past the peak before the last one
    /// (the trial `r` is too small).
    private static func edges(tailStart r: Double, area v: Double, layerCount n: Int) -> [Double]? {
        var x = [Double](repeating: 0, count: n + 1)
        x[0] = v / exp(-0.5 * r * r)
        x[1] = r
        for i in 1..<(n - 1) {
            let height = exp(-0.5 * x[i] * x[i]) + v / x[i]
            if height >= 1 { return nil }
            x[i + 1] = (-2 * log(height)).squareRoot()
        }
        x[n] = 0
        return x
    }

    /// The `r` for which the top layer closes: `f(xₙ₋₁) + v/xₙ₋₁ = 1`, by bisection to the last bit.
    private static func solveTailStart(layerCount n: Int) -> (r: Double, v: Double) {
        func overshoot(_ r: Double) -> Double {
            let v = area(tailStart: r)
            guard let x = edges(tailStart: r, area: v, layerCount: n) else { return 1 }
            let top = x[n - 1]
            return exp(-0.5 * top * top) + v / top - 1
        }
        var low = 2.0
        var high = 5.0
        while true {
            let middle = 0.5 * (low + high)
            if middle <= low || middle >= high { break }
            if overshoot(middle) > 0 { low = middle } else { high = middle }
        }
        return (high, area(tailStart: high))
    }

    /// One standard normal variate.
    @inlinable @inline(__always)
    func sample(using generator: inout RandomStream) -> Double {
        while true {
            let bits = generator.next()
            let index = Int(truncatingIfNeeded: bits & 0xFF)
            let draw = bits >> 11
            let layer = layers[index]
            let x = Double(Int64(bitPattern: draw)) * layer.scale
            // Bit 8 becomes the sign bit without a branch (a random sign would mispredict half the time).
            let sign = (bits & 0x100) << 55
            if draw < layer.threshold { return Double(bitPattern: x.bitPattern ^ sign) }
            if let accepted = slowPath(layer: index, x: x, using: &generator) {
                return Double(bitPattern: accepted.bitPattern ^ sign)
            }
        }
    }

    /// The rare cases: the tail beyond `r` (layer 0) or the wedge test (other layers); nil means reject.
    @usableFromInline
    func slowPath(layer index: Int, x: Double, using generator: inout RandomStream) -> Double? {
        if index == 0 {
            // Marsaglia (1964): for E₁, E₂ exponential, r + E₁/r is accepted when 2E₂ > (E₁/r)².
            while true {
                let excess = -log(generator.nextUniform()) / tailStart
                let exponential = -log(generator.nextUniform())
                if 2 * exponential > excess * excess { return tailStart + excess }
            }
        }
        let bottom = heights[index]
        let top = heights[index + 1]
        let height = bottom + generator.nextUniform() * (top - bottom)
        return height < exp(-0.5 * x * x) ? x : nil
    }
}
