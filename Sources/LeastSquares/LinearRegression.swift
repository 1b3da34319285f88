import Foundation

/// Ordinary and weighted least squares over LAPACK, never through the normal equations.
///
/// The design is centred, scaled and equilibrated (``Design/workingBasis()``), factorized once by
/// Householder QR (`dgeqrf`), its rank read from the singular values of `R` at `rcond`, and the solution
/// refined on the augmented system with double-double residuals (``AugmentedSystemSolver``), for the
/// parameters and for each column of `(AᵀA)⁻¹`. A rank-deficient design is solved by `dgelsy`
/// (complete orthogonal factorization) and reported, not hidden.
public enum LinearRegression {
    /// Default relative singular-value threshold for the rank: `max(n, p) · ε`, numpy's `matrix_rank` rule,
    /// applied to the equilibrated design so that column units do not decide it.
    public static func defaultRcond(observations n: Int, parameters p: Int) -> Double {
        Double(Swift.max(n, p)) * Double.ulpOfOne
    }

    /// Above this scaled condition number a fit carries an `illConditioned` warning: refinement then
    /// contracts by less than about 1e-4 a step and the covariance is only as good as the factorization.
    public static let illConditionedThreshold = 1e12

    /// Fits `response ≈ design · β` by (weighted) least squares.
    ///
    /// - Parameters:
    ///   - design: the regressors, in the caller's units.
    ///   - response: one value per observation.
    ///   - weights: optional positive weights (WLS minimizes Σ wᵢ rᵢ²).
    ///   - rcond: relative singular-value threshold for the rank; `defaultRcond` when nil.
    /// - Returns: the fit, parameters in the caller's units.
    /// - Throws: `LeastSquaresError` for too few observations, non-finite input, a constant response,
    ///   bad weights, or a LAPACK failure.
    /// - Complexity: O(n p²) for the factorization plus O(n p) per refinement step, p + 1 refined solves.
    public static func fit(
        _ design: Design, response: [Double], weights: [Double]? = nil, rcond: Double? = nil
    ) throws(LeastSquaresError) -> LinearFit {
        let n = design.observationCount, p = design.parameterCount
        guard response.count == n else { throw .dimensionMismatch(field: "response", expected: n, actual: response.count) }
        try design.validate()
        if let row = response.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteInput(field: "response", row: row) }
        if let row = response.firstIndex(where: { abs($0) > Design.magnitudeLimit }) { throw .magnitudeTooLarge(field: "response", row: row, value: response[row]) }
        guard n > p else { throw .tooFewObservations(observations: n, parameters: p) }
        if let weights {
            guard weights.count == n else { throw .dimensionMismatch(field: "weights", expected: n, actual: weights.count) }
            if let row = weights.firstIndex(where: { !($0.isFinite && $0 > 0) }) { throw .invalidWeight(row: row, value: weights[row]) }
        }
        guard response.contains(where: { $0 != response[0] }) else { throw .zeroVariance(field: "response") }

        let rowFactors = weights?.map { $0.squareRoot() }
        var basis = design.workingBasis()
        let working = basis.makeWorkingMatrix(rowFactors: rowFactors)
        let basisMap = basis.map
        var factored = working
        let tau = try LAPACK.geqrf(&factored)
        let r = upperTriangle(of: factored, order: p)
        let singular = try LAPACK.gesvd(r)
        let threshold = rcond ?? defaultRcond(observations: n, parameters: p)
        let sigmaMax = singular.singularValues.first ?? 0
        let rank = singular.singularValues.filter { $0 > threshold * sigmaMax }.count
        let scaledCondition = sigmaMax / (singular.singularValues.last ?? 0)
        let condition = try conditionNumber(of: r.multiplying(basisMap))

        let unweighted = design.exactMatrix()
        let exact = rowFactors.map { unweighted.scalingRows(by: $0) } ?? unweighted
        var b = response.map(DoubleDouble.init)
        if let rowFactors { b = zip(b, rowFactors).map { $0 * $1 } }
        let solver = AugmentedSystemSolver(exact: exact, factored: factored, tau: tau, basisMap: basisMap)

        var warnings: [FitWarning] = []
        let beta: [DoubleDouble]
        let workingCovariance: Matrix
        var iterations = 0
        if rank == p {
            let solution = try solver.solve(b: b, c: Array(repeating: 0, count: p))
            beta = solution.x
            iterations = solution.iterations
            if !solution.converged { warnings.append(.refinementDidNotConverge(iterations: iterations)) }
            workingCovariance = try LAPACK.potri(upper: r)
        } else {
            warnings.append(.rankDeficient(rank: rank, parameters: p, rcond: threshold))
            var a = working
            var rhs = Matrix(rows: n, columns: 1, storage: zip(response, rowFactors ?? Array(repeating: 1, count: n)).map { $0 * $1 })
            _ = try LAPACK.gelsy(&a, &rhs, rcond: threshold)
            beta = basisMap.solvingUpper(Array(rhs.storage[0..<p])).map(DoubleDouble.init)
            workingCovariance = pseudoInverseOfGram(singular, threshold: threshold * sigmaMax)
        }
        if scaledCondition > illConditionedThreshold && rank == p {
            warnings.append(.illConditioned(scaledConditionNumber: scaledCondition))
        }

        // Unscaled covariance (AᵀA)⁻¹ in the caller's units: refined column by column when full rank.
        var unscaled: Matrix
        if rank == p {
            unscaled = try solver.inverseGram()
        } else {
            let nInverse = inverseOfUpper(basisMap)
            unscaled = nInverse.multiplying(workingCovariance).multiplying(nInverse.transposed)
        }

        // Residuals and sums of squares in double-double, from the caller's exact design.
        var fitted = [Double](repeating: 0, count: n), residuals = [Double](repeating: 0, count: n)
        var ssr = DoubleDouble.zero
        for i in 0..<n {
            var yhat = DoubleDouble.zero
            for j in 0..<p { yhat += unweighted[i, j] * beta[j] }
            let e = DoubleDouble(response[i]) - yhat
            fitted[i] = yhat.value
            residuals[i] = e.value
            let we = e * (rowFactors?[i] ?? 1)
            ssr += we * we
        }
        let tss = totalSumOfSquares(response, weights: weights, centred: design.hasIntercept)
        let s2 = ssr.value / Double(n - rank)
        var covariance = unscaled
        for k in covariance.storage.indices { covariance.storage[k] *= s2 }

        var workingBeta = [Double](repeating: 0, count: p)
        for i in 0..<p {
            var s = DoubleDouble.zero
            for j in i..<p { s += beta[j] * basisMap[i, j] }
            workingBeta[i] = s.value
        }

        return LinearFit(
            parameterNames: design.parameterNames,
            parameters: beta.map(\.value),
            covariance: covariance,
            fittedValues: fitted,
            residuals: residuals,
            observationCount: n,
            rank: rank,
            rcond: threshold,
            hasIntercept: design.hasIntercept,
            sumOfSquaredResiduals: ssr.value,
            totalSumOfSquares: tss,
            conditionNumber: condition,
            scaledConditionNumber: scaledCondition,
            refinementIterations: iterations,
            warnings: warnings,
            sumOfLogWeights: weights?.reduce(0) { $0 + log($1) } ?? 0,
            basis: basis,
            workingParameters: workingBeta,
            workingCovarianceFactor: workingCovariance
        )
    }

    /// Σ w (y − ȳ_w)² with an intercept, Σ w y² without, accumulated in double-double.
    static func totalSumOfSquares(_ y: [Double], weights: [Double]?, centred: Bool) -> Double {
        let w = weights ?? Array(repeating: 1, count: y.count)
        var mean = 0.0
        if centred {
            var sw = DoubleDouble.zero, swy = DoubleDouble.zero
            for i in y.indices { sw += DoubleDouble(w[i]); swy += DoubleDouble(w[i]) * y[i] }
            mean = swy.value / sw.value
        }
        var total = DoubleDouble.zero
        for i in y.indices {
            let d = DoubleDouble(y[i]) - DoubleDouble(mean)
            total += d * d * w[i]
        }
        return total.value
    }

    /// The leading `order`×`order` upper triangle of a `geqrf` result (below-diagonal zeroed).
    static func upperTriangle(of factored: Matrix, order p: Int) -> Matrix {
        var r = Matrix(rows: p, columns: p)
        for j in 0..<p { for i in 0...j { r[i, j] = factored[i, j] } }
        return r
    }

    /// σ_max/σ_min of a small square matrix.
    static func conditionNumber(of m: Matrix) throws(LeastSquaresError) -> Double {
        let s = try LAPACK.gesvd(m).singularValues
        return (s.first ?? 0) / (s.last ?? 0)
    }

    /// `V Σ⁺² Vᵀ` from the SVD of R, keeping singular values above `cutoff` (statsmodels' pinv covariance).
    static func pseudoInverseOfGram(_ svd: (singularValues: [Double], vt: Matrix), threshold cutoff: Double) -> Matrix {
        let p = svd.vt.columns
        var m = Matrix(rows: p, columns: p)
        for (k, sigma) in svd.singularValues.enumerated() where sigma > cutoff {
            let w = 1 / (sigma * sigma)
            for j in 0..<p { for i in 0..<p { m[i, j] += svd.vt[k, i] * svd.vt[k, j] * w } }
        }
        return m
    }

    /// The inverse of an upper-triangular matrix, column by column.
    static func inverseOfUpper(_ u: Matrix) -> Matrix {
        let p = u.columns
        var inverse = Matrix(rows: p, columns: p)
        for j in 0..<p {
            var e = [Double](repeating: 0, count: p)
            e[j] = 1
            let column = u.solvingUpper(e)
            for i in 0..<p { inverse[i, j] = column[i] }
        }
        return inverse
    }
}
