import Foundation

/// Many series fitted on one shared design: one factorization, all complete series as right-hand sides
/// of a single LAPACK call (`dgels`), the covariance factor `(AᵀA)⁻¹` computed once.
///
/// Series are the columns of the response matrix, all observed at the design's rows. A value that is
/// NaN marks a missing observation: such a series falls back to its own fit on the rows it has.
/// Use it to project a whole statistical yearbook at once.
public struct BatchRegression: Sendable {
    public let design: Design
    let basis: WorkingBasis
    let working: Matrix
    let basisMap: Matrix
    /// `(AᵀA)⁻¹` in the caller's units, refined.
    let unscaledCovariance: Matrix
    /// `(A_wᵀA_w)⁻¹` in the working basis, for leverages.
    let workingCovarianceFactor: Matrix
    let conditionNumber: Double

    /// Factorizes the shared design once.
    /// - Throws: `LeastSquaresError` when the design has too few rows, is not finite, or is rank-deficient
    ///   (a batch needs every parameter identified; fit such series one at a time to see the rank).
    public init(_ design: Design) throws(LeastSquaresError) {
        let n = design.observationCount, p = design.parameterCount
        try design.validate()
        guard n > p else { throw .tooFewObservations(observations: n, parameters: p) }
        var basis = design.workingBasis()
        let working = basis.makeWorkingMatrix(rowFactors: nil)
        let basisMap = basis.map
        var factored = working
        let tau = try LAPACK.geqrf(&factored)
        let r = LinearRegression.upperTriangle(of: factored, order: p)
        let singular = try LAPACK.gesvd(r).singularValues
        let threshold = LinearRegression.defaultRcond(observations: n, parameters: p) * (singular.first ?? 0)
        if let position = singular.firstIndex(where: { $0 <= threshold }) {
            throw .lapackFailure(routine: "DGELS", info: position + 1, meaning: "the shared design is rank-deficient")
        }
        let unscaled = try AugmentedSystemSolver(exact: design.exactMatrix(), factored: factored, tau: tau, basisMap: basisMap).inverseGram()
        self.design = design
        self.basis = basis
        self.working = working
        self.basisMap = basisMap
        self.unscaledCovariance = unscaled
        self.workingCovarianceFactor = try LAPACK.potri(upper: r)
        self.conditionNumber = try LinearRegression.conditionNumber(of: r.multiplying(basisMap))
    }

    /// The leverage `x₀ᵀ(AᵀA)⁻¹x₀` of a new point of the shared design (its regressors as for `predict`).
    public func leverage(_ point: [Double]) -> Double {
        quadraticForm(workingCovarianceFactor, basis.workingRow(point))
    }

    /// Fits every column of `responses` (n rows × one column per series).
    /// - Complexity: O(n p m) for m complete series in one `dgels` call, plus a full fit per series with gaps.
    public func fit(_ responses: Matrix) throws(LeastSquaresError) -> BatchFit {
        let n = design.observationCount, p = design.parameterCount, m = responses.columns
        guard responses.rows == n else { throw .dimensionMismatch(field: "responses", expected: n, actual: responses.rows) }
        var complete: [Int] = []
        var gapped: [Int] = []
        for s in 0..<m {
            var hasGap = false
            for i in 0..<n {
                let v = responses[i, s]
                if v.isNaN { hasGap = true } else if !v.isFinite { throw .nonFiniteInput(field: "series \(s + 1)", row: i) }
            }
            if hasGap { gapped.append(s) } else { complete.append(s) }
        }

        var parameters = Matrix(rows: p, columns: m, repeating: .nan)
        var workingParameters = Matrix(rows: p, columns: m, repeating: .nan)
        var ssr = [Double](repeating: .nan, count: m)
        var observations = [Int](repeating: n, count: m)
        var errors: [Int: LeastSquaresError] = [:]
        var ownFits: [Int: LinearFit] = [:]

        if !complete.isEmpty {
            var a = working
            var b = Matrix(rows: n, columns: complete.count)
            for (k, s) in complete.enumerated() {
                b.storage.withUnsafeMutableBufferPointer { dst in
                    responses.storage.withUnsafeBufferPointer { src in
                        for i in 0..<n { dst[k * n + i] = src[s * n + i] }
                    }
                }
            }
            try LAPACK.gels(&a, &b)
            for (k, s) in complete.enumerated() {
                let base = k * n
                var gamma = [Double](repeating: 0, count: p)
                for j in 0..<p { gamma[j] = b.storage[base + j]; workingParameters[j, s] = gamma[j] }
                let beta = basisMap.solvingUpper(gamma)
                for j in 0..<p { parameters[j, s] = beta[j] }
                var sum = 0.0
                for i in p..<n { sum += b.storage[base + i] * b.storage[base + i] }
                ssr[s] = sum
                if (0..<n).allSatisfy({ responses[$0, s] == responses[0, s] }) { errors[s] = .zeroVariance(field: "series \(s + 1)") }
            }
        }
        for s in gapped {
            let rows = (0..<n).filter { !responses[$0, s].isNaN }
            observations[s] = rows.count
            do {
                let fit = try LinearRegression.fit(design.selectingRows(rows), response: rows.map { responses[$0, s] })
                ownFits[s] = fit
                for j in 0..<p { parameters[j, s] = fit.parameters[j] }
                ssr[s] = fit.sumOfSquaredResiduals
            } catch {
                errors[s] = error
            }
        }
        return BatchFit(batch: self, parameters: parameters, workingParameters: workingParameters,
                        sumOfSquaredResiduals: ssr, observationCounts: observations, ownFits: ownFits, errors: errors)
    }
}

/// The results of a ``BatchRegression``: per-series estimates sharing one covariance factor.
public struct BatchFit: Sendable {
    let batch: BatchRegression
    /// Parameters, one column per series (NaN where the series could not be fitted).
    public let parameters: Matrix
    let workingParameters: Matrix
    /// Sum of squared residuals per series.
    public let sumOfSquaredResiduals: [Double]
    /// Observations used per series.
    public let observationCounts: [Int]
    /// Series with gaps, fitted on their own rows.
    let ownFits: [Int: LinearFit]
    /// Series that could not be fitted, with the reason (e.g. too few observations left after gaps).
    public let errors: [Int: LeastSquaresError]

    /// Number of series.
    public var seriesCount: Int { parameters.columns }
    /// Parameter names, shared by all series.
    public var parameterNames: [String] { batch.design.parameterNames }
    /// 2-norm condition number of the shared design.
    public var conditionNumber: Double { batch.conditionNumber }

    /// Residual degrees of freedom of series `s`.
    public func dfResidual(_ s: Int) -> Int { observationCounts[s] - batch.design.parameterCount }
    /// Residual variance of series `s`.
    public func residualVariance(_ s: Int) -> Double { sumOfSquaredResiduals[s] / Double(dfResidual(s)) }

    /// Parameters of series `s`.
    public func parameters(_ s: Int) -> [Double] { parameters.column(s) }

    /// Standard error of parameter `j` of series `s`.
    public func standardError(_ j: Int, _ s: Int) -> Double {
        if let own = ownFits[s] { return own.standardErrors[j] }
        return (residualVariance(s) * batch.unscaledCovariance[j, j]).squareRoot()
    }

    /// Standard errors of the parameters of series `s`.
    public func standardErrors(_ s: Int) -> [Double] {
        if let own = ownFits[s] { return own.standardErrors }
        let s2 = residualVariance(s)
        return batch.unscaledCovariance.diagonal.map { (s2 * $0).squareRoot() }
    }

    /// Gaussian log-likelihood of series `s` (as ``LinearFit/logLikelihood``).
    public func logLikelihood(_ s: Int) -> Double {
        InformationCriteria.logLikelihood(sumOfSquaredResiduals: sumOfSquaredResiduals[s], observations: observationCounts[s])
    }

    /// AICc of series `s` (as ``LinearFit/aicc``).
    public func aicc(_ s: Int) -> Double {
        InformationCriteria.aicc(logLikelihood: logLikelihood(s), parameters: batch.design.parameterCount, observations: observationCounts[s])
    }

    /// Means of every series at new points, and each point's leverage `x₀ᵀ(AᵀA)⁻¹x₀` (shared by the series
    /// fitted on the full design): the bulk form of ``predict(_:at:)``, with no per-series allocation.
    /// Series with gaps are predicted from their own fits; their leverages are in `ownLeverage`.
    /// - Returns: `mean[point, series]`, the shared leverages, and per gapped series its own leverages.
    public func predictAll(at points: [[Double]]) -> (mean: Matrix, leverage: [Double], ownLeverage: [Int: [Double]]) {
        let p = workingParameters.rows, m = seriesCount
        let rows = points.map(batch.basis.workingRow)
        var mean = Matrix(rows: points.count, columns: m)
        workingParameters.storage.withUnsafeBufferPointer { gamma in
            mean.storage.withUnsafeMutableBufferPointer { out in
                for s in 0..<m where ownFits[s] == nil {
                    for (t, w) in rows.enumerated() {
                        var value = 0.0
                        for j in 0..<p { value += w[j] * gamma[s * p + j] }
                        out[s * points.count + t] = value
                    }
                }
            }
        }
        var own: [Int: [Double]] = [:]
        for (s, fit) in ownFits {
            let prediction = fit.predict(points)
            for t in points.indices { mean[t, s] = prediction.mean[t] }
            own[s] = points.map(fit.predictor.leverage)
        }
        return (mean, rows.map { quadraticForm(batch.workingCovarianceFactor, $0) }, own)
    }

    /// What series `s` needs for predictions.
    public func predictor(_ s: Int) -> LinearPredictor {
        if let own = ownFits[s] { return own.predictor }
        return LinearPredictor(basis: batch.basis, workingParameters: workingParameters.column(s),
                               workingCovarianceFactor: batch.workingCovarianceFactor,
                               residualVariance: residualVariance(s), dfResidual: dfResidual(s))
    }

    /// Predictions for series `s` at new points (as ``LinearFit/predict(_:)``).
    public func predict(_ s: Int, at points: [[Double]]) -> Prediction { predictor(s).predict(points) }
}
