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

    /// Calls `body` with the maps, for kernels that apply them outside Swift: `R⁻¹Q₁ᵀ` (p×n), the working
    /// design `A_w` (n×p) and the points' working rows (h×p), row-major, and `N` (p×p, column-major). The
    /// parameters of a response `z` in the caller's units solve `N β = γ`, `γ = R⁻¹Q₁ᵀz`; the means at the
    /// points are the rows times `γ`; the residual sum of squares is `Σ(z − A_w γ)²`.
    public func withMaps<Result>(_ body: (_ solution: UnsafePointer<Double>, _ working: UnsafePointer<Double>,
                                          _ pointRows: UnsafePointer<Double>, _ basisMap: UnsafePointer<Double>) throws -> Result) rethrows -> Result {
        try solution.withUnsafeBufferPointer { solution in
            try working.withUnsafeBufferPointer { working in
                try pointRows.withUnsafeBufferPointer { pointRows in
                    try basisMap.storage.withUnsafeBufferPointer { basisMap in
                        try body(solution.baseAddress!, working.baseAddress!, pointRows.baseAddress!, basisMap.baseAddress!)
                    }
                }
            }
        }
    }
}
