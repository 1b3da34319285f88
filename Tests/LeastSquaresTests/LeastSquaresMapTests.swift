import Foundation
import Testing
@testable import LeastSquares

/// The precomputed maps against the batch fit they are derived from, on the batch tests' series.
@Suite struct LeastSquaresMapTests {
    @Test(arguments: [1, 2, 3])
    func mapsAgreeWithBatchFit(degree: Int) throws {
        let width = LeastSquaresMap.Lanes.scalarCount
        var responses = BatchRegressionTests.series(count: 8 * width)
        responses.storage = responses.storage.map { $0.isNaN ? 7 : Foundation.log($0) }  // no gaps: every series complete
        let batch = try BatchRegression(.polynomial(BatchRegressionTests.years, degree: degree))
        let fitted = try batch.fit(responses)
        let points: [[Double]] = [[1], [2], [5]]
        let map = try LeastSquaresMap(batch, points: points)
        let expected = fitted.predictAll(at: points)
        #expect(zip(map.leverages, expected.leverage).allSatisfy { abs($0 - $1) <= 1e-15 * abs($1) })
        let n = 15, p = degree + 1
        var worst = 0.0
        for first in stride(from: 0, to: responses.columns, by: width) {
            var z = [LeastSquaresMap.Lanes](repeating: .init(), count: n)
            for i in 0..<n { for k in 0..<width { z[i][k] = responses[i, first + k] } }
            var parameters = [LeastSquaresMap.Lanes](repeating: .init(), count: p)
            var means = [LeastSquaresMap.Lanes](repeating: .init(), count: points.count)
            let ssr = map.fit(z, parameters: &parameters, means: &means)
            for k in 0..<width {
                let s = first + k
                var pairs = [(ssr[k], fitted.sumOfSquaredResiduals[s])]
                for j in 0..<p {
                    pairs.append((parameters[j][k], fitted.parameters[j, s]))
                    let se = (fitted.residualVariance(s) * map.unscaledVariances[j]).squareRoot()
                    pairs.append((se, fitted.standardError(j, s)))
                }
                for t in points.indices { pairs.append((means[t][k], expected.mean[t, s])) }
                for (a, b) in pairs { worst = max(worst, abs(a - b) / abs(b)) }
            }
        }
        #expect(worst < 1e-10, "worst relative difference \(worst)")
    }
}
