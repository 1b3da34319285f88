import Foundation
import Testing
@testable import LeastSquares

/// The precomputed maps against the batch fit they are derived from, on the batch tests' series.
@Suite struct LeastSquaresMapTests {
    @Test(arguments: [1, 2, 3])
    func mapsAgreeWithBatchFit(degree: Int) throws {
        var responses = BatchRegressionTests.series(count: 64)
        responses.storage = responses.storage.map { $0.isNaN ? 7 : Foundation.log($0) }  // no gaps: every series complete
        let batch = try BatchRegression(.polynomial(BatchRegressionTests.years, degree: degree))
        let fitted = try batch.fit(responses)
        let points: [[Double]] = [[1], [2], [5]]
        let map = try LeastSquaresMap(batch, points: points)
        let expected = fitted.predictAll(at: points)
        #expect(zip(map.leverages, expected.leverage).allSatisfy { abs($0 - $1) <= 1e-15 * abs($1) })
        let n = 15, p = degree + 1, h = points.count
        var worst = 0.0
        map.withMaps { solution, working, pointRows, basisMap in
            for s in 0..<responses.columns {
                // The maps as their documentation states them, applied in plain loops.
                let z = (0..<n).map { responses[$0, s] }
                var gamma = (0..<p).map { j in (0..<n).reduce(0.0) { $0 + solution[j * n + $1] * z[$1] } }
                let ssr = (0..<n).reduce(0.0) { total, i in
                    let residual = z[i] - (0..<p).reduce(0.0) { $0 + working[i * p + $1] * gamma[$1] }
                    return total + residual * residual
                }
                let means = (0..<h).map { t in (0..<p).reduce(0.0) { $0 + pointRows[t * p + $1] * gamma[$1] } }
                for i in stride(from: p - 1, through: 0, by: -1) {
                    var value = gamma[i]
                    for k in (i + 1)..<max(i + 1, p) { value -= basisMap[k * p + i] * gamma[k] }
                    gamma[i] = value / basisMap[i * p + i]
                }
                var pairs = [(ssr, fitted.sumOfSquaredResiduals[s])]
                for j in 0..<p {
                    pairs.append((gamma[j], fitted.parameters[j, s]))
                    let se = (fitted.residualVariance(s) * map.unscaledVariances[j]).squareRoot()
                    pairs.append((se, fitted.standardError(j, s)))
                }
                for t in 0..<h { pairs.append((means[t], expected.mean[t, s])) }
                for (a, b) in pairs { worst = max(worst, abs(a - b) / abs(b)) }
            }
        }
        #expect(worst < 1e-10, "worst relative difference \(worst)")
    }
}
