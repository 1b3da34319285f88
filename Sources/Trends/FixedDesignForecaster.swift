import Foundation
import LeastSquares

/// The fast path of ``TrendFitter/forecastColumns(_:family:options:years:levels:)``: a family whose design does
/// not depend on the series (not drift, endpoint CAGR, or a profiled cap or φ) fitted to series observed in
/// the same years through one ``LeastSquaresMap``, then series by series on all cores: transform, a few dot
/// products, the criteria and the inverse transforms, with no allocation and no LAPACK call per series.
///
/// The numbers are those of ``TrendFitter/fit(_:family:options:)`` and ``TrendFit/forecast(_:)`` to rounding.
/// Series it does not take as they are (gaps, values outside the family's domain, a constant or exactly
/// fitted response) are handed back to the general path, which fits or rejects them as always.
struct FixedDesignForecaster: Sendable {
    let transform: ResponseTransform
    let logJacobianSum: ResponseTransform.LogJacobianSum
    let map: LeastSquaresMap
    /// Upper t quantiles of the interval levels, with `n − p` degrees of freedom.
    let quantiles: [Double]
    /// `√diag((AᵀA)⁻¹)`, and `√(1 + leverage)` per forecast year: standard errors and predictive scales in units of s.
    let rootVariances: [Double]
    let rootInflations: [Double]

    /// Series handled by one task: a fixed split, so no result depends on the number of threads.
    static let seriesPerTask = 2048

    /// Whether `family` with `options` has a design that does not depend on the series.
    static func applies(to family: TrendFamily, options: TrendOptions) -> Bool {
        switch family {
        case .linear, .compound, .polynomial: return true
        case .logistic: return options.cap != nil
        case .damped: return options.dampingFactor != nil
        case .drift, .endpointCAGR: return false
        }
    }

    /// The forecaster for series observed in `years`, or nil when the family's design depends on the series
    /// or the years cannot carry it (too few, not increasing, excluded, a level shift outside them).
    init?(family: TrendFamily, options: TrendOptions, years: [Int], forecastYears: [Int], levels: [Double]) {
        guard Self.applies(to: family, options: options) else { return nil }
        let p = (family == .damped ? 2 : 1 + family.degree) + options.levelShiftYears.count
        guard let first = years.first, let last = years.last, years.count > p, zip(years, years.dropFirst()).allSatisfy(<),
              options.excludedYears.isDisjoint(with: years), options.levelShiftYears.allSatisfy({ first < $0 && $0 <= last })
        else { return nil }
        let shape = TrendModel(family: family, origin: last, firstYear: first, transform: .identity,
                               dampingFactor: family == .damped ? options.dampingFactor : nil, levelShiftYears: options.levelShiftYears)
        guard let regression = try? BatchRegression(shape.design(years)),
              let map = try? LeastSquaresMap(regression, points: forecastYears.map(shape.regressors))
        else { return nil }
        self.transform = family == .logistic ? .logit(cap: options.cap!) : family.transform(cap: nil)
        self.map = map
        logJacobianSum = .init(transform)
        rootVariances = map.unscaledVariances.map { $0.squareRoot() }
        rootInflations = map.leverages.map { (1 + $0).squareRoot() }
        quantiles = levels.map { StudentTQuantiles.upper(level: $0, degreesOfFreedom: years.count - p) }
    }

    /// Forecasts every series at `members` (indices into `series`, all observed in the years the forecaster
    /// was made for) that it can take into its columns of `out`; returns the others, in order.
    func forecast(_ series: [TrendSeries], members: [Int], into out: ColumnBuffers) -> [Int] {
        let tasks = (members.count + Self.seriesPerTask - 1) / Self.seriesPerTask
        let left = UnsafeMutableBufferPointer<[Int]>.allocate(capacity: max(1, tasks))
        left.initialize(repeating: [])
        defer { left.deinitialize(); left.deallocate() }
        nonisolated(unsafe) let leftOut = left
        series.withUnsafeBufferPointer { all in
            members.withUnsafeBufferPointer { members in
                nonisolated(unsafe) let all = all, members = members
                DispatchQueue.concurrentPerform(iterations: tasks) { task in
                    Block.withScratch(map) { block in
                        let end = min(members.count, (task + 1) * Self.seriesPerTask)
                        for first in stride(from: task * Self.seriesPerTask, to: end, by: Lanes.scalarCount) {
                            let lanes = UnsafeBufferPointer(rebasing: members[first..<min(end, first + Lanes.scalarCount)])
                            forecast(all, lanes, block: block, into: out, left: &leftOut[task])
                        }
                    }
                }
            }
        }
        return left.flatMap { $0 }
    }

    typealias Lanes = LeastSquaresMap.Lanes

    /// Scratch for one block of series, one per lane, as rows of `Lanes`: the responses (n rows), the
    /// parameters (p), the means at the forecast years (h), then per-lane flags and results. Vector code
    /// uses whole rows; per-lane code uses single elements through ``withScalars(_:)``, not vector
    /// subscripts, which would store and reload a whole vector for each lane written.
    private struct Block {
        let rows: UnsafeMutablePointer<Lanes>
        let n, p, h: Int
        var z: UnsafeMutablePointer<Lanes> { rows }
        var parameters: UnsafeMutablePointer<Lanes> { rows + n }
        var means: UnsafeMutablePointer<Lanes> { rows + n + p }
        /// Rows of per-lane scalars: 1 where the values were accepted, the log-Jacobian sum, the residual sum
        /// of squares, 1 where the series is taken.
        var accepted: Int { n + p + h }
        var jacobian: Int { n + p + h + 1 }
        var ssr: Int { n + p + h + 2 }
        var taken: Int { n + p + h + 3 }
        var rowCount: Int { n + p + h + 4 }

        static func withScratch(_ map: LeastSquaresMap, _ body: (Block) -> Void) {
            let n = map.observationCount, p = map.parameterCount, h = map.pointCount
            withUnsafeTemporaryAllocation(of: Lanes.self, capacity: n + p + h + 4) { scratch in
                scratch.initialize(repeating: Lanes())  // lanes past the last series are computed on, never written out
                body(Block(rows: scratch.baseAddress!, n: n, p: p, h: h))
            }
        }

        /// The scratch as scalars: element k of row r at `r * Lanes.scalarCount + k`.
        func withScalars<Result>(_ body: (UnsafeMutablePointer<Double>) -> Result) -> Result {
            rows.withMemoryRebound(to: Double.self, capacity: rowCount * Lanes.scalarCount, body)
        }
    }

    /// Fits and forecasts the series at `lanes` (indices into `all`, at most one per lane) into their columns;
    /// appends to `left` those not taken (their columns may then hold partial results, which the general path
    /// clears).
    private func forecast(_ all: UnsafeBufferPointer<TrendSeries>, _ lanes: UnsafeBufferPointer<Int>, block: Block, into out: ColumnBuffers, left: inout [Int]) {
        let n = block.n, p = block.p, h = block.h, width = Lanes.scalarCount
        block.rows[block.accepted] = Lanes()
        block.withScalars { scalars in
            for (k, s) in lanes.enumerated() {
                let values = all[s].values  // only this array is retained, not the whole series
                values.withUnsafeBufferPointer { y in
                    guard transform.forward(y, into: scalars + k, stride: width) else { return }
                    scalars[block.jacobian * width + k] = logJacobianSum(y, transformed: scalars + k, stride: width)
                    scalars[block.accepted * width + k] = 1
                }
            }
        }
        var varies = SIMDMask<Lanes.MaskStorage>(), energy = Lanes()
        for i in 0..<n {
            varies .|= block.z[i] .!= block.z[0]
            energy += block.z[i] * block.z[i]
        }
        let ssr = map.fit(block.z, parameters: block.parameters, means: block.means)
        block.rows[block.ssr] = ssr
        // Constant responses go the general way, as do those whose squares overflow; residuals within
        // 1e-12 of the response's size are an exact fit, whose variance is rounding noise of the method.
        let taken = (block.rows[block.accepted] .== 1) .& varies .& (energy .< 0x1p1000) .& (ssr .> 1e-24 * energy)
        block.rows[block.taken] = Lanes().replacing(with: 1, where: taken)
        block.withScalars { scalars in
            for (k, s) in lanes.enumerated() {
                let lane = scalars + k  // row r of this lane at lane[r * width]
                guard lane[block.taken * width] == 1 else { left.append(s); continue }
                let ssr = lane[block.ssr * width]
                // √(s²·c) as s·√c, with √c computed once for all series (within an ulp or two).
                let sigma = (ssr / Double(n - p)).squareRoot()
                let parameters = out.parameters.baseAddress! + s * p, standardErrors = out.standardErrors.baseAddress! + s * p
                for j in 0..<p {
                    parameters[j] = lane[(n + j) * width]
                    standardErrors[j] = sigma * rootVariances[j]
                }
                let logLikelihood = InformationCriteria.logLikelihood(sumOfSquaredResiduals: ssr, observations: n) + lane[block.jacobian * width]
                out.aicc[s] = InformationCriteria.aicc(logLikelihood: logLikelihood, parameters: p + 1, observations: n)
                let column = s * h, means = lane + (n + p) * width
                for t in 0..<h {
                    let inverse = ResponseTransform.InverseAround(transform, location: means[t * width])
                    let scale = sigma * rootInflations[t]
                    out.point[column + t] = inverse.point
                    for l in quantiles.indices {
                        let interval = inverse.interval(halfWidth: quantiles[l] * scale)
                        out.lower[l][column + t] = interval.lower
                        out.upper[l][column + t] = interval.upper
                    }
                }
            }
        }
    }
}
