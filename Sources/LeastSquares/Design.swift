/// The regressors of a linear model, in the caller's own units.
///
/// A design is either a set of columns or the powers of one variable. The solver never works on these
/// columns directly: it fits a centred, scaled and equilibrated working basis and maps the results back,
/// so callers cannot forget to condition their problem. Parameters always come back in the caller's units.
public struct Design: Sendable {
    /// How the regressors are given.
    public enum Regressors: Sendable {
        /// Explicit columns, each as long as the response.
        case columns([[Double]])
        /// `x, x², …, x^degree` of one variable, then `additional` columns (e.g. level-shift dummies).
        case polynomial(x: [Double], degree: Int, additional: [[Double]])
    }

    public let regressors: Regressors
    /// Whether a constant column comes first.
    public let hasIntercept: Bool
    /// One name per parameter, intercept first (`const`, then the column names or `x`, `x^2`, …).
    public let parameterNames: [String]

    /// Explicit columns, with an intercept unless `intercept` is false.
    public static func columns(_ columns: [[Double]], names: [String]? = nil, intercept: Bool = true) -> Design {
        let names = names ?? columns.indices.map { "x\($0 + 1)" }
        precondition(names.count == columns.count, "One name per column")
        return Design(regressors: .columns(columns), hasIntercept: intercept,
                      parameterNames: (intercept ? ["const"] : []) + names)
    }

    /// The powers `x¹ … x^degree` of `x`, with an intercept unless `intercept` is false, followed by
    /// `additional` named columns that enter as they are (dummies, other regressors).
    public static func polynomial(
        _ x: [Double], degree: Int, intercept: Bool = true, name: String = "x",
        additional: [(name: String, values: [Double])] = []
    ) -> Design {
        precondition(degree >= 1, "A polynomial design needs degree ≥ 1")
        let names = (1...degree).map { $0 == 1 ? name : "\(name)^\($0)" }
        return Design(regressors: .polynomial(x: x, degree: degree, additional: additional.map(\.values)),
                      hasIntercept: intercept,
                      parameterNames: (intercept ? ["const"] : []) + names + additional.map(\.name))
    }

    /// Number of observations (rows).
    public var observationCount: Int {
        switch regressors {
        case .columns(let c): return c.first?.count ?? 0
        case .polynomial(let x, _, _): return x.count
        }
    }

    /// Number of parameters (columns, counting the intercept).
    public var parameterCount: Int { parameterNames.count }

    /// The same design restricted to the given rows (for fits that leave out missing years).
    public func selectingRows(_ rows: [Int]) -> Design {
        switch regressors {
        case .columns(let c):
            return Design(regressors: .columns(c.map { col in rows.map { col[$0] } }),
                          hasIntercept: hasIntercept, parameterNames: parameterNames)
        case .polynomial(let x, let degree, let additional):
            return Design(regressors: .polynomial(x: rows.map { x[$0] }, degree: degree,
                                                  additional: additional.map { col in rows.map { col[$0] } }),
                          hasIntercept: hasIntercept, parameterNames: parameterNames)
        }
    }

    /// Checks every regressor is finite; names the column and row of the first that is not.
    func validate() throws(LeastSquaresError) {
        switch regressors {
        case .columns(let columns):
            try Self.validate(columns, names: parameterNames.suffix(columns.count), rows: observationCount)
        case .polynomial(let x, _, let additional):
            try Self.validate([x], names: [parameterNames[hasIntercept ? 1 : 0]], rows: observationCount)
            try Self.validate(additional, names: parameterNames.suffix(additional.count), rows: observationCount)
        }
    }

    private static func validate(_ columns: [[Double]], names: ArraySlice<String>, rows n: Int) throws(LeastSquaresError) {
        for (column, field) in zip(columns, names) {
            guard column.count == n else { throw .dimensionMismatch(field: "column \(field)", expected: n, actual: column.count) }
            if let row = column.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteInput(field: field, row: row) }
            if let row = column.firstIndex(where: { abs($0) > magnitudeLimit }) { throw .magnitudeTooLarge(field: field, row: row, value: column[row]) }
        }
    }

    /// The largest magnitude a fit takes in a column or the response: 1e150, whose square (1e300) is still
    /// finite, so sums of squares and the refinement's residuals cannot overflow.
    public static let magnitudeLimit = 1e150

    /// The design in the caller's units with each entry as a double-double, so polynomial powers are
    /// exact to about 32 digits (powers rounded to float64 would cost Filip its certified digits).
    func exactMatrix() -> ExtendedMatrix {
        let n = observationCount, p = parameterCount
        var a = ExtendedMatrix(rows: n, columns: p)
        var j = 0
        if hasIntercept { for i in 0..<n { a[i, 0] = DoubleDouble(1) }; j = 1 }
        switch regressors {
        case .columns(let columns):
            for column in columns { for i in 0..<n { a[i, j] = DoubleDouble(column[i]) }; j += 1 }
        case .polynomial(let x, let degree, let additional):
            for i in 0..<n {
                var power = DoubleDouble(1)
                for k in 0..<degree { power = power * x[i]; a[i, j + k] = power }
            }
            j += degree
            for column in additional { for i in 0..<n { a[i, j] = DoubleDouble(column[i]) }; j += 1 }
        }
        return a
    }

    /// The well-conditioned working basis the solver factorizes, and the map back to the caller's units.
    func workingBasis() -> WorkingBasis {
        switch regressors {
        case .columns:
            return WorkingBasis(design: self, centre: 0, scale: 1)
        case .polynomial(let x, _, _):
            // Centre (only with an intercept: without one, x = c + s·u has no constant to absorb c) and
            // scale by a power of two near the spread, so u = (x - c)/s lies in about [-2, 2].
            let n = Double(x.count)
            let mean = x.reduce(0, +) / n
            let centre = hasIntercept ? mean : 0
            let spread = x.map { abs($0 - centre) }.max() ?? 1
            let scale = spread > 0 ? WorkingBasis.powerOfTwo(near: spread) : 1
            return WorkingBasis(design: self, centre: centre, scale: scale)
        }
    }
}

/// A matrix of double-doubles, row-major, used only for the residuals of iterative refinement.
struct ExtendedMatrix {
    let rows: Int
    let columns: Int
    var hi: [Double]
    var lo: [Double]

    init(rows: Int, columns: Int) {
        self.rows = rows; self.columns = columns
        hi = Array(repeating: 0, count: rows * columns)
        lo = Array(repeating: 0, count: rows * columns)
    }

    subscript(i: Int, j: Int) -> DoubleDouble {
        get { DoubleDouble(hi: hi[i * columns + j], lo: lo[i * columns + j]) }
        set { hi[i * columns + j] = newValue.hi; lo[i * columns + j] = newValue.lo }
    }

    /// Every row multiplied by a factor (square roots of weights).
    func scalingRows(by factors: [Double]) -> ExtendedMatrix {
        var m = self
        for i in 0..<rows { for j in 0..<columns { m[i, j] = self[i, j] * factors[i] } }
        return m
    }
}
