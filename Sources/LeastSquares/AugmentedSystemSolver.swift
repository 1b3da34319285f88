/// Least squares with iterative refinement on the augmented system (Björck 1967).
///
/// Solves `[I A; Aᵀ 0] [r; x] = [b; c]` for the caller's design `A` held in double-double. Each step
/// computes the residuals `f = b − r − A x` and `g = c − Aᵀ r` in double-double and the correction with the
/// float64 QR factorization of the working basis (`A = A_w N`). The fixed point satisfies the normal
/// equations of the *exact* design, so the solution is correct to float64 even when `κ(A)` is near
/// `1/ε`, provided `κ(A_w)·ε ≪ 1`. With `b = 0` and `c = −e_j` the solution is column `j` of `(AᵀA)⁻¹`.
struct AugmentedSystemSolver {
    /// The caller's (weighted) design.
    let exact: ExtendedMatrix
    /// Householder QR of the working matrix (`geqrf` layout).
    let factored: Matrix
    let tau: [Double]
    /// `N` in `A = A_w N`, upper triangular.
    let basisMap: Matrix

    struct Solution {
        var x: [DoubleDouble]
        var r: [DoubleDouble]
        var iterations: Int
        var converged: Bool
    }

    /// Relative size of the last correction below which the solution is taken as exact in float64.
    static let convergedTolerance = 1e-18
    static let maximumIterations = 12

    func solve(b: [DoubleDouble], c: [Double]) throws(LeastSquaresError) -> Solution {
        let n = exact.rows, p = exact.columns
        var scratch = factored  // DORMQR touches the factors; this solve's own copy
        var x = [DoubleDouble](repeating: .zero, count: p)
        var r = [DoubleDouble](repeating: .zero, count: n)
        var previous = Double.infinity
        var converged = false
        var iterations = 0
        while iterations < Self.maximumIterations {
            iterations += 1
            var f = [Double](repeating: 0, count: n)
            var g = [Double](repeating: 0, count: p)
            for i in 0..<n {
                var s = b[i] - r[i]
                for j in 0..<p { s = s - exact[i, j] * x[j] }
                f[i] = s.value
            }
            for j in 0..<p {
                var s = DoubleDouble(c[j])
                for i in 0..<n { s = s - exact[i, j] * r[i] }
                g[j] = s.value
            }
            let (dr, dx) = try correction(f: f, g: g, factors: &scratch)
            for i in 0..<n { r[i] += DoubleDouble(dr[i]) }
            var change = 0.0
            for j in 0..<p {
                x[j] += DoubleDouble(dx[j])
                let size = abs(x[j].value)
                if size > 0 { change = Swift.max(change, abs(dx[j]) / size) } else if dx[j] != 0 { change = .infinity }
            }
            if change <= Self.convergedTolerance { converged = true; break }
            if iterations > 2 && change > 0.5 * previous {
                // No longer contracting: accept if the last correction is below float64 resolution.
                converged = change < 1e-15
                break
            }
            previous = change
        }
        return Solution(x: x, r: r, iterations: iterations, converged: converged)
    }

    /// `(AᵀA)⁻¹` in the caller's units, each column refined (`b = 0`, `c = −e_j`), then symmetrized.
    func inverseGram() throws(LeastSquaresError) -> Matrix {
        let n = exact.rows, p = exact.columns
        var inverse = Matrix(rows: p, columns: p)
        for j in 0..<p {
            var c = [Double](repeating: 0, count: p)
            c[j] = -1
            let column = try solve(b: Array(repeating: .zero, count: n), c: c)
            for i in 0..<p { inverse[i, j] = column.x[i].value }
        }
        for j in 0..<p { for i in 0..<j { let m = (inverse[i, j] + inverse[j, i]) / 2; inverse[i, j] = m; inverse[j, i] = m } }
        return inverse
    }

    /// The correction `[δr; δx]` for right-hand side `[f; g]`, from the working QR.
    private func correction(f: [Double], g: [Double], factors: inout Matrix) throws(LeastSquaresError) -> ([Double], [Double]) {
        let n = f.count, p = g.count
        // Aᵀ δr = g  ⇔  A_wᵀ δr = N⁻ᵀ g
        var h = Matrix(rows: p, columns: 1, storage: basisMap.solvingUpperTransposed(g))
        try LAPACK.trtrs(upper: factored, order: p, &h, transpose: true)      // h = R⁻ᵀ N⁻ᵀ g
        var qf = Matrix(rows: n, columns: 1, storage: f)
        try LAPACK.ormqr(factored: &factors, tau: tau, &qf, transpose: true)   // Qᵀ f = [d; e]
        var dw = Matrix(rows: p, columns: 1)
        for j in 0..<p { dw.storage[j] = qf.storage[j] - h.storage[j]; qf.storage[j] = h.storage[j] }
        try LAPACK.trtrs(upper: factored, order: p, &dw, transpose: false)     // δw = R⁻¹ (d − h)
        try LAPACK.ormqr(factored: &factors, tau: tau, &qf, transpose: false)  // δr = Q [h; e]
        return (qf.storage, basisMap.solvingUpper(dw.storage))                  // δx = N⁻¹ δw
    }
}
