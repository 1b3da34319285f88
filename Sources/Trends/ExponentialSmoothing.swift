import CTrendKernel
import Foundation

/// Exponential smoothing with additive errors and no seasonality, in the innovations state-space form of
/// Hyndman, Koehler, Ord & Snyder (2008, *Forecasting with Exponential Smoothing*, §2.5, ch. 3): ETS(A,N,N)
/// (simple exponential smoothing), ETS(A,A,N) (Holt's linear trend) and ETS(A,Ad,N) (Gardner & McKenzie's
/// damped trend).
///
/// With level ℓ, slope b and one-step error e_t:
/// ```
/// ŷ_t = ℓ_{t−1} + φ b_{t−1},   e_t = y_t − ŷ_t,   ℓ_t = ŷ_t + α e_t,   b_t = φ b_{t−1} + β e_t
/// ```
/// (φ = 1 for Holt; no slope for simple smoothing). A year without an observation (a gap) moves the states
/// without an update: ℓ ← ℓ + φ b, b ← φ b.
///
/// **Estimation.** Maximum likelihood with Gaussian errors, which for additive errors maximizes
/// `−(n/2) log(SSE)`. The errors are linear in the initial states (ℓ₀, b₀) for given smoothing parameters,
/// so the initial states are solved exactly by least squares (a two-column QR) and only (α, β, φ) are
/// searched, inside R `forecast`'s "usual" region: 10⁻⁴ ≤ α ≤ 0.9999, 10⁻⁴ ≤ β ≤ α, 0.8 ≤ φ ≤ 0.98. The
/// concentrated likelihood has the same maximum as the joint one that R's `ets` searches, so the estimates
/// reach at least R's likelihood. The trend models' search is the C kernel `pw_smoothing_estimate`
/// (CTrendKernel): eight Nelder–Mead searches in lockstep in vector lanes, from R's own start and the seven
/// best points of a coarse grid (the likelihood of a short series often has several maxima), compiled for
/// AVX-512, AVX2 and baseline x86-64 with the same bits; simple smoothing searches α by a grid and
/// golden-section steps here.
struct ExponentialSmoothing: Sendable, Equatable {
    enum Trend: Sendable, Equatable {
        case none, additive, damped
    }

    let trend: Trend
    let alpha: Double
    let beta: Double
    let phi: Double
    let initialLevel: Double
    let initialSlope: Double

    /// Parameters R `forecast` counts in `np` for σ² = SSE/(n − np): the smoothing parameters and initial states.
    var parameterCount: Int {
        switch trend {
        case .none: return 2
        case .additive: return 4
        case .damped: return 5
        }
    }

    /// R's region for α (the kernel's, `smoothing_kernel.h`).
    static let alphaRange = PW_SMOOTHING_ALPHA_LOW...PW_SMOOTHING_ALPHA_HIGH

    /// The one-step errors and the states after the last observation, for values `z` observed at `steps`
    /// (the years since the previous observation: 1 without gaps; the first entry is ignored).
    func run(_ z: UnsafeBufferPointer<Double>, steps: UnsafeBufferPointer<Int>?, errors: UnsafeMutableBufferPointer<Double>?) -> (level: Double, slope: Double, sse: Double) {
        Self.run(z, steps: steps, alpha: alpha, beta: trend == .none ? 0 : beta, phi: trend == .additive ? 1 : (trend == .none ? 0 : phi),
                 level: initialLevel, slope: trend == .none ? 0 : initialSlope, errors: errors)
    }

    /// The recursion for given parameters and initial states (φ = 0 and b = 0 for no trend).
    static func run(_ z: UnsafeBufferPointer<Double>, steps: UnsafeBufferPointer<Int>?, alpha: Double, beta: Double, phi: Double,
                    level: Double, slope: Double, errors: UnsafeMutableBufferPointer<Double>?) -> (level: Double, slope: Double, sse: Double) {
        var l = level, b = slope, sse = 0.0
        for t in 0..<z.count {
            if let steps, t > 0 {
                var gap = steps[t]
                while gap > 1 { l += phi * b; b *= phi; gap -= 1 }
            }
            let forecast = l + phi * b
            let e = z[t] - forecast
            errors?[t] = e
            sse += e * e
            l = forecast + alpha * e
            b = phi * b + beta * e
        }
        return (l, b, sse)
    }

    /// The fitted model with the largest likelihood for `z` (observed at the given year steps).
    /// - Returns: nil when there are fewer than `parameterCount + 2` values or the values are not finite.
    static func estimate(_ z: [Double], steps: [Int]? = nil, trend: Trend) -> ExponentialSmoothing? {
        estimate([z], steps: steps, trend: trend)[0]
    }

    /// The fitted models of several value sequences observed in the same years (one series on two scales):
    /// the trend models' searches of two sequences share one pass of the kernel, each estimate the same as alone.
    static func estimate(_ sequences: [[Double]], steps: [Int]? = nil, trend: Trend) -> [ExponentialSmoothing?] {
        let needed = (trend == .none ? 2 : (trend == .additive ? 4 : 5)) + 2
        var models = [ExponentialSmoothing?](repeating: nil, count: sequences.count)
        let usable = sequences.indices.filter { sequences[$0].count >= needed && sequences[$0].allSatisfy(\.isFinite) }
        guard let n = usable.first.map({ sequences[$0].count }) else { return models }
        precondition(usable.allSatisfy { sequences[$0].count == n }, "sequences observed in the same years")
        let yearSteps = steps.map { $0.map { Int32(clamping: $0) } }
        for pair in stride(from: 0, to: usable.count, by: 2) {
            let members = Array(usable[pair..<min(pair + 2, usable.count)])
            var parameters = [Double](repeating: .nan, count: 6)
            if trend != .none {
                let found = withOptionalBuffer(yearSteps) { steps in
                    sequences[members[0]].withUnsafeBufferPointer { first in
                        withOptionalBuffer(members.count > 1 ? sequences[members[1]] : nil) { second in
                            pw_smoothing_estimate(first.baseAddress, second?.baseAddress, steps?.baseAddress, Int32(n), trend == .damped ? 1 : 0,
                                                  &parameters, Int32(FixedDesignForecaster.vectorLevel))
                        }
                    }
                }
                // No point of the box gives a finite sum (overflowing values): no model.
                if found == 0 { continue }
            }
            for (k, index) in members.enumerated() {
                models[index] = sequences[index].withUnsafeBufferPointer { z in
                    withOptionalBuffer(steps) { steps in
                        withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * z.count) { scratch in
                            let profile = ConcentratedStates(z: z, steps: steps, scratch: scratch.baseAddress!)
                            switch trend {
                            case .none:
                                let alpha = profile.bestAlpha()
                                let states = profile.states(alpha: alpha, beta: 0, phi: 0, trend: false)
                                return ExponentialSmoothing(trend: .none, alpha: alpha, beta: 0, phi: 1, initialLevel: states.level, initialSlope: 0)
                            case .additive, .damped:
                                let (alpha, beta, phi) = (parameters[3 * k], parameters[3 * k + 1], parameters[3 * k + 2])
                                let states = profile.states(alpha: alpha, beta: beta, phi: phi, trend: true)
                                return ExponentialSmoothing(trend: trend, alpha: alpha, beta: beta, phi: trend == .damped ? phi : 1,
                                                            initialLevel: states.level, initialSlope: states.slope)
                            }
                        }
                    }
                }
            }
        }
        return models
    }
}

/// Calls `body` with a buffer of `array`, or nil.
private func withOptionalBuffer<T, R>(_ array: [T]?, _ body: (UnsafeBufferPointer<T>?) -> R) -> R {
    guard let array else { return body(nil) }
    return array.withUnsafeBufferPointer { body($0) }
}

/// The sum of squared one-step errors as a function of the smoothing parameters alone, the initial states
/// solved by least squares: e(ℓ₀, b₀) = e(0, 0) + ℓ₀ e(1, 0)|_{y=0} + b₀ e(0, 1)|_{y=0}, so SSE is the residual
/// of a two-column least-squares problem, solved by modified Gram–Schmidt with one reorthogonalization (as
/// accurate as Householder QR for two columns; never the normal equations).
struct ConcentratedStates {
    let z: UnsafeBufferPointer<Double>
    let steps: UnsafeBufferPointer<Int>?
    let scratch: UnsafeMutablePointer<Double>

    var n: Int { z.count }

    /// Least-squares initial states and the SSE they leave.
    func states(alpha: Double, beta: Double, phi: Double, trend: Bool) -> (level: Double, slope: Double, sse: Double) {
        let e0 = UnsafeMutableBufferPointer(start: scratch, count: n)
        let q1 = UnsafeMutableBufferPointer(start: scratch + n, count: n)
        let q2 = UnsafeMutableBufferPointer(start: scratch + 2 * n, count: n)
        _ = ExponentialSmoothing.run(z, steps: steps, alpha: alpha, beta: beta, phi: phi, level: 0, slope: 0, errors: e0)
        // Responses of the errors to unit initial states, with y = 0 (linearity of the recursion); the
        // regressors are their negatives: e = e0 − A x0 with A = −response.
        runZero(alpha: alpha, beta: beta, phi: phi, level: 1, slope: 0, into: q1)
        let columns = trend ? 2 : 1
        if trend { runZero(alpha: alpha, beta: beta, phi: phi, level: 0, slope: 1, into: q2) }
        for i in 0..<n { q1[i] = -q1[i]; if trend { q2[i] = -q2[i] } }
        // Gram–Schmidt: A = Q R.
        let r11 = norm(q1)
        guard r11 > 0 else { return (0, 0, dot(e0, e0)) }
        scale(q1, 1 / r11)
        var r12 = 0.0, r22 = 0.0
        if columns == 2 {
            let original = norm(q2)
            r12 = dot(q1, q2); axpy(-r12, q1, q2)
            let again = dot(q1, q2); axpy(-again, q1, q2); r12 += again
            r22 = norm(q2)
            if r22 <= 1e-12 * original { r22 = 0 } else { scale(q2, 1 / r22) }
        }
        let c1 = dot(q1, e0)
        let c2 = r22 > 0 ? dot(q2, e0) : 0
        let slope = r22 > 0 ? c2 / r22 : 0
        let level = (c1 - r12 * slope) / r11
        // The SSE of the recursion at the solved states (not |e0|² − c²: no cancellation).
        let final = ExponentialSmoothing.run(z, steps: steps, alpha: alpha, beta: beta, phi: phi, level: level, slope: slope, errors: nil)
        return (level, slope, final.sse)
    }

    private func runZero(alpha: Double, beta: Double, phi: Double, level: Double, slope: Double,
                         into out: UnsafeMutableBufferPointer<Double>) {
        var l = level, b = slope
        for t in 0..<n {
            if let steps, t > 0 {
                var gap = steps[t]
                while gap > 1 { l += phi * b; b *= phi; gap -= 1 }
            }
            let forecast = l + phi * b
            let e = -forecast
            out[t] = e
            l = forecast + alpha * e
            b = phi * b + beta * e
        }
    }

    private func dot(_ a: UnsafeMutableBufferPointer<Double>, _ b: UnsafeMutableBufferPointer<Double>) -> Double {
        var s = 0.0
        for i in 0..<n { s += a[i] * b[i] }
        return s
    }
    private func norm(_ a: UnsafeMutableBufferPointer<Double>) -> Double {
        // Scaled to avoid overflow for large levels.
        var m = 0.0
        for i in 0..<n { m = max(m, abs(a[i])) }
        guard m > 0 else { return 0 }
        var s = 0.0
        for i in 0..<n { let x = a[i] / m; s += x * x }
        return m * s.squareRoot()
    }
    private func scale(_ a: UnsafeMutableBufferPointer<Double>, _ c: Double) { for i in 0..<n { a[i] *= c } }
    private func axpy(_ c: Double, _ x: UnsafeMutableBufferPointer<Double>, _ y: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<n { y[i] += c * x[i] }
    }

    /// α of simple smoothing: the best of a grid of 40, refined by golden-section search between its neighbours.
    func bestAlpha() -> Double {
        let range = ExponentialSmoothing.alphaRange
        func sse(_ a: Double) -> Double { states(alpha: a, beta: 0, phi: 0, trend: false).sse }
        let count = 40
        let grid = (0...count).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(count) }
        let values = grid.map(sse)
        let k = values.indices.min { values[$0] < values[$1] }!
        var lo = grid[max(0, k - 1)], hi = grid[min(count, k + 1)]
        let g = (5.0.squareRoot() - 1) / 2
        var c = hi - g * (hi - lo), d = lo + g * (hi - lo)
        var fc = sse(c), fd = sse(d)
        for _ in 0..<80 where hi - lo > 1e-12 {
            if fc < fd { hi = d; d = c; fd = fc; c = hi - g * (hi - lo); fc = sse(c) }
            else { lo = c; c = d; fc = fd; d = lo + g * (hi - lo); fd = sse(d) }
        }
        let candidates = [(lo + hi) / 2, grid[k]]
        return candidates.min { sse($0) < sse($1) }!
    }
}

extension ExponentialSmoothing {
    /// Forecast mean `h ≥ 1` years after the last observation from its final states:
    /// ℓ + (φ + … + φ^h) b (ℓ + h b for Holt, ℓ without trend).
    func forecastMean(level: Double, slope: Double, h: Int) -> Double {
        switch trend {
        case .none: return level
        case .additive: return level + Double(h) * slope
        case .damped: return level + Self.dampedSum(phi, h) * slope
        }
    }

    /// Forecast variance `h` years ahead, σ² (1 + Σ_{j<h} c_j²) with c_j = α + β (φ + … + φ^j)
    /// (Hyndman et al. 2008, Table 6.1, class 1; `forecast:::class1`).
    func forecastVariance(sigma2: Double, h: Int) -> Double {
        var total = 1.0
        if h > 1 {
            for j in 1..<h {
                let c: Double
                switch trend {
                case .none: c = alpha
                case .additive: c = alpha + beta * Double(j)
                case .damped: c = alpha + beta * Self.dampedSum(phi, j)
                }
                total += c * c
            }
        }
        return sigma2 * total
    }

    /// φ + φ² + … + φ^h.
    static func dampedSum(_ phi: Double, _ h: Int) -> Double {
        var sum = 0.0, power = 1.0
        for _ in 0..<h { power *= phi; sum += power }
        return sum
    }
}

extension ExponentialSmoothing {
    /// The one-step forecasts ŷ for every calendar year from the first observation's to the last's (the
    /// state-propagated forecast in a gap year), and the states after the last observation.
    func filter(_ z: [Double], years: [Int]) -> (fitted: [Double], level: Double, slope: Double, sse: Double) {
        let phi = trend == .none ? 0 : (trend == .additive ? 1 : self.phi)
        let beta = trend == .none ? 0 : self.beta
        var l = initialLevel, b = trend == .none ? 0 : initialSlope, sse = 0.0
        var fitted: [Double] = []
        fitted.reserveCapacity(years.last! - years[0] + 1)
        for t in z.indices {
            if t > 0 {
                for _ in 1..<(years[t] - years[t - 1]) { fitted.append(l + phi * b); l += phi * b; b *= phi }
            }
            let forecast = l + phi * b
            fitted.append(forecast)
            let e = z[t] - forecast
            sse += e * e
            l = forecast + alpha * e
            b = phi * b + beta * e
        }
        return (fitted, l, b, sse)
    }
}

/// What forecasts a fitted exponential smoothing model (or the Theta method): its states after the last
/// observation, σ², and its one-step forecasts over the fitted years, all on the model's scale.
struct SmoothingForecaster: Sendable {
    let model: ExponentialSmoothing
    let level: Double
    let slope: Double
    /// σ² = SSE / (n − np), np the smoothing parameters and initial states (R `forecast`'s `sigma2`).
    let sigma2: Double
    /// Theta: the drift, half the least-squares slope of the values on time; nil for the other models.
    let thetaDrift: Double?
    let observationCount: Int
    let firstYear: Int
    let lastYear: Int
    /// One-step forecasts for `firstYear…lastYear`.
    let fitted: [Double]

    /// Location and variance on the model's scale: the forecast `h = year − lastYear` years ahead, or the
    /// one-step forecast of a fitted year with variance σ².
    func moments(_ year: Int) -> (location: Double, variance: Double) {
        let h = year - lastYear
        guard h > 0 else {
            let k = min(max(0, year - firstYear), fitted.count - 1)
            return (fitted[k], sigma2)
        }
        var mean = model.forecastMean(level: level, slope: slope, h: h)
        if let drift = thetaDrift {
            // Hyndman & Billah (2003): ŷ = ℓ_n + b/2 · (h − 1 + (1 − (1 − α)^n)/α) (R forecast::thetaf).
            let alpha = max(1e-10, model.alpha)
            mean += drift * (Double(h - 1) + (1 - Foundation.pow(1 - alpha, Double(observationCount))) / alpha)
        }
        return (mean, model.forecastVariance(sigma2: sigma2, h: h))
    }
}
