/// The centred, scaled and equilibrated basis a design is factorized in, and its map to the caller's units.
///
/// The caller's design `A` equals `A_w · N`, where `A_w` is the working matrix (columns `u^k` with
/// `u = (x - centre)/scale` for polynomials, or the caller's columns, each multiplied by a power of two
/// so its norm is near 1) and `N` is upper triangular. Powers of two make the equilibration exact.
struct WorkingBasis: Sendable {
    let design: Design
    /// Subtracted from `x` before powers are taken (0 for column designs).
    let centre: Double
    /// `x - centre` is divided by this power of two.
    let scale: Double
    /// Power-of-two multiplier of each working column (equilibration).
    private(set) var columnScales: [Double]

    init(design: Design, centre: Double, scale: Double) {
        self.design = design
        self.centre = centre
        self.scale = scale
        self.columnScales = Array(repeating: 1, count: design.parameterCount)
    }

    /// The power of two nearest to `value` (> 0).
    static func powerOfTwo(near value: Double) -> Double {
        let exponent = value.exponent + (value.significandWidth >= 0 && value.significand > 2.0.squareRoot() ? 1 : 0)
        return Double(sign: .plus, exponent: exponent, significand: 1)
    }

    /// One working row, before equilibration, for the regressors of one observation
    /// (`[x, additional…]` for a polynomial design, the column values otherwise).
    private func unscaledRow(_ regressors: [Double]) -> [Double] {
        var row: [Double] = design.hasIntercept ? [1] : []
        switch design.regressors {
        case .columns:
            row.append(contentsOf: regressors)
        case .polynomial(_, let degree, _):
            let u = (regressors[0] - centre) / scale
            var power = 1.0
            for _ in 0..<degree { power *= u; row.append(power) }
            row.append(contentsOf: regressors.dropFirst())
        }
        return row
    }

    /// The equilibrated working row for a new observation's regressors.
    func workingRow(_ regressors: [Double]) -> [Double] {
        let row = unscaledRow(regressors)
        return zip(row, columnScales).map { $0 * $1 }
    }

    /// The regressors of observation `i` of the design.
    func regressors(ofRow i: Int) -> [Double] {
        switch design.regressors {
        case .columns(let c): return c.map { $0[i] }
        case .polynomial(let x, _, let additional): return [x[i]] + additional.map { $0[i] }
        }
    }

    /// Builds the working matrix (rows multiplied by `rowFactors` when given) and fixes the
    /// equilibration from its column norms.
    mutating func makeWorkingMatrix(rowFactors: [Double]?) -> Matrix {
        let n = design.observationCount, p = design.parameterCount
        var a = Matrix(rows: n, columns: p)
        for i in 0..<n {
            let row = unscaledRow(regressors(ofRow: i))
            let factor = rowFactors?[i] ?? 1
            for j in 0..<p { a[i, j] = row[j] * factor }
        }
        for j in 0..<p {
            var sum = 0.0
            for i in 0..<n { sum += a[i, j] * a[i, j] }
            let norm = sum.squareRoot()
            columnScales[j] = norm > 0 ? 1 / Self.powerOfTwo(near: norm) : 1
            for i in 0..<n { a[i, j] *= columnScales[j] }
        }
        return a
    }

    /// `N` in `A = A_w · N`: the binomial expansion of `x^k` in powers of `u`, divided by the column scales.
    var map: Matrix {
        let p = design.parameterCount
        var nmap = Matrix(rows: p, columns: p)
        switch design.regressors {
        case .columns:
            for j in 0..<p { nmap[j, j] = 1 }
        case .polynomial(_, let degree, _):
            for j in (degree + (design.hasIntercept ? 1 : 0))..<p { nmap[j, j] = 1 }
            // x^k = Σ_j C(k, j) centre^(k-j) scale^j u^j
            let offset = design.hasIntercept ? 0 : 1  // column index of power k is k - offset
            if design.hasIntercept { nmap[0, 0] = 1 }
            for k in 1...degree {
                var binomial = 1.0
                for j in 0...k {
                    if j > 0 { binomial = binomial * Double(k - j + 1) / Double(j) }
                    let coefficient = binomial * pow(centre, k - j) * pow(scale, j)
                    if j - offset >= 0 { nmap[j - offset, k - offset] = coefficient }
                }
            }
        }
        for j in 0..<p { for k in 0..<p { nmap[j, k] /= columnScales[j] } }
        return nmap
    }

    private func pow(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= base }
        return result
    }
}

/// Triangular solves with the small `N` of a working basis.
extension Matrix {
    /// Solves `U x = b` for upper-triangular `self`.
    func solvingUpper(_ b: [Double]) -> [Double] {
        let n = columns
        var x = b
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = x[i]
            for k in (i + 1)..<Swift.max(i + 1, n) { s -= self[i, k] * x[k] }
            x[i] = s / self[i, i]
        }
        return x
    }

    /// Solves `Uᵀ x = b` for upper-triangular `self`.
    func solvingUpperTransposed(_ b: [Double]) -> [Double] {
        let n = columns
        var x = b
        for i in 0..<n {
            var s = x[i]
            for k in 0..<i { s -= self[k, i] * x[k] }
            x[i] = s / self[i, i]
        }
        return x
    }

    /// `self · v`.
    func multiplying(_ v: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: rows)
        for j in 0..<columns { let vj = v[j]; for i in 0..<rows { out[i] += self[i, j] * vj } }
        return out
    }

    /// `self · other`.
    func multiplying(_ other: Matrix) -> Matrix {
        precondition(columns == other.rows)
        var out = Matrix(rows: rows, columns: other.columns)
        for j in 0..<other.columns {
            for k in 0..<columns {
                let b = other[k, j]
                if b == 0 { continue }
                for i in 0..<rows { out[i, j] += self[i, k] * b }
            }
        }
        return out
    }
}
