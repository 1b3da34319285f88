/// A ``BatchRegression`` reduced to fixed linear maps of the response, for fitting millions of series one
/// at a time on many threads with no allocation and no LAPACK call per series.
///
/// The working parameters of a response `z` are `γ = R⁻¹Q₁ᵀz`, with `R⁻¹Q₁ᵀ` taken once from the working
/// QR (`dgels` with the identity as right-hand sides, never the normal equations). Parameters in the caller's
/// units and means at chosen points follow from `γ` as ``BatchFit`` derives them; the residual sum of squares
/// is `Σ(z − A_w γ)²`. All agree with ``BatchFit`` to rounding (its `γ` comes from Householder steps per series).
public struct LeastSquaresMap: Sendable {
    /// Observations (rows of the design), parameters, and points predicted.
    public let observationCount: Int
    public let parameterCount: Int
    public let pointCount: Int
    /// Diagonal of `(AᵀA)⁻¹` in the caller's units (refined, as ``BatchFit/standardError(_:_:)`` uses it).
    public let unscaledVariances: [Double]
    /// Leverage `x₀ᵀ(AᵀA)⁻¹x₀` of each point (as ``BatchFit/predictAll(at:)`` reports it).
    public let leverages: [Double]
    /// `R⁻¹Q₁ᵀ`, p×n, row-major: row j maps a response to working parameter j.
    private let solution: [Double]
    /// The working design `A_w`, n×p, row-major.
    private let working: [Double]
    /// The points' working rows, h×p, row-major.
    private let pointRows: [Double]
    /// `N` in `A = A_w N`, mapping working parameters to the caller's units.
    private let basisMap: Matrix

    /// Derives the maps from `regression`'s design, with means at `points` (regressors as for
    /// ``BatchFit/predictAll(at:)``).
    /// - Throws: `LeastSquaresError` when LAPACK refuses the factorization.
    public init(_ regression: BatchRegression, points: [[Double]]) throws(LeastSquaresError) {
        let n = regression.design.observationCount, p = regression.design.parameterCount
        var factored = regression.working
        var identity = Matrix.identity(n)
        try LAPACK.gels(&factored, &identity)  // column i: the working least-squares solution for response e_i
        var solution = [Double](repeating: 0, count: p * n)
        var working = [Double](repeating: 0, count: n * p)
        for i in 0..<n {
            for j in 0..<p { solution[j * n + i] = identity[j, i]; working[i * p + j] = regression.working[i, j] }
        }
        observationCount = n
        parameterCount = p
        pointCount = points.count
        unscaledVariances = regression.unscaledCovariance.diagonal
        leverages = points.map(regression.leverage)
        self.solution = solution
        self.working = working
        pointRows = points.flatMap(regression.basis.workingRow)
        basisMap = regression.basisMap
    }

    /// Responses fitted together, one per lane: independent series overlap in the arithmetic, and each lane
    /// gets exactly the operations, in the same order, it would get alone.
    public typealias Lanes = SIMD8<Double>

    /// Fits `Lanes.scalarCount` responses, `z[i]` holding observation i of each: writes the parameters
    /// (caller's units) to `parameters[0..<p]` and the means at the points to `means[0..<h]`, and returns the
    /// residual sums of squares.
    /// - Complexity: O(n·p + h·p + p²) vector operations, no allocation; safe to call from many threads at once.
    public func fit(_ z: UnsafePointer<Lanes>, parameters: UnsafeMutablePointer<Lanes>, means: UnsafeMutablePointer<Lanes>) -> Lanes {
        let n = observationCount, p = parameterCount, h = pointCount
        let gamma = parameters  // working parameters first, mapped to the caller's units in place at the end
        return solution.withUnsafeBufferPointer { solution in
            working.withUnsafeBufferPointer { working in
                pointRows.withUnsafeBufferPointer { pointRows in
                    basisMap.storage.withUnsafeBufferPointer { basisMap in
                        for j in 0..<p {
                            let row = solution.baseAddress! + j * n
                            var value = Lanes()
                            for i in 0..<n { value += row[i] * z[i] }
                            gamma[j] = value
                        }
                        var ssr = Lanes()
                        for i in 0..<n {
                            let row = working.baseAddress! + i * p
                            var fitted = Lanes()
                            for j in 0..<p { fitted += row[j] * gamma[j] }
                            let residual = z[i] - fitted
                            ssr += residual * residual
                        }
                        for t in 0..<h {
                            let row = pointRows.baseAddress! + t * p
                            var value = Lanes()
                            for j in 0..<p { value += row[j] * gamma[j] }
                            means[t] = value
                        }
                        // β = N⁻¹γ by back substitution, as `Matrix.solvingUpper` does it.
                        for i in stride(from: p - 1, through: 0, by: -1) {
                            let row = basisMap.baseAddress! + i  // N[i, k] at row[k * p]
                            var value = gamma[i]
                            for k in (i + 1)..<Swift.max(i + 1, p) { value -= row[k * p] * gamma[k] }
                            gamma[i] = value / row[i * p]
                        }
                        return ssr
                    }
                }
            }
        }
    }
}
