import Foundation
import Testing
@testable import LeastSquares

/// The batch path (one factorization, all series in one `dgels` call) against one-at-a-time fits.
@Suite struct BatchRegressionTests {
    /// 2,000 synthetic positive series over 2006-2020, drawn with a fixed seed, a few with gaps.
    static func series(count: Int) -> Matrix {
        var generator = RandomStream(seed: 20_250_101, stream: 0)
        var m = Matrix(rows: 15, columns: count)
        for s in 0..<count {
            let level = 50 + 1000 * generator.nextUniform()
            let growth = 0.02 + 0.08 * generator.nextUniform()
            for i in 0..<15 {
                m[i, s] = level * Foundation.exp(growth * Double(i)) * (1 + 0.03 * (generator.nextUniform() - 0.5))
            }
            if s % 97 == 0 { m[3, s] = .nan }
            if s % 131 == 0 { m[10, s] = .nan; m[11, s] = .nan }
        }
        return m
    }

    static let years = (2006...2020).map { Double($0) - 2020 }

    @Test(arguments: ["linear", "log-linear"])
    func batchAgreesWithSingleFits(transform: String) throws {
        var responses = Self.series(count: 2_000)
        if transform == "log-linear" { responses.storage = responses.storage.map { $0.isNaN ? $0 : Foundation.log($0) } }
        let design = Design.polynomial(Self.years, degree: 1)
        let batch = try BatchRegression(design).fit(responses)
        var worst = 0.0
        var gapped = 0
        for s in 0..<responses.columns {
            let rows = (0..<15).filter { !responses[$0, s].isNaN }
            if rows.count < 15 { gapped += 1 }
            let single = try LinearRegression.fit(design.selectingRows(rows), response: rows.map { responses[$0, s] })
            let predicted = batch.predict(s, at: [[5]]), expected = single.predict([[5]])
            let pairs: [(Double, Double)] = Array(zip(batch.parameters(s), single.parameters))
                + Array(zip(batch.standardErrors(s), single.standardErrors))
                + [(batch.aicc(s), single.aicc), (batch.residualVariance(s), single.residualVariance),
                   (predicted.mean[0], expected.mean[0]),
                   (predicted.observationStandardError[0], expected.observationStandardError[0])]
            for (a, b) in pairs {
                worst = Swift.max(worst, Swift.abs(a - b) / Swift.abs(b))
            }
        }
        #expect(gapped > 20, "the sample must exercise the fallback path")
        #expect(worst < 1e-10, "worst relative difference \(worst)")
    }

    @Test func constantSeriesAndTooShortSeriesAreReportedPerSeries() throws {
        var responses = Matrix(rows: 5, columns: 3)
        for i in 0..<5 { responses[i, 0] = 7; responses[i, 1] = Double(i * i); responses[i, 2] = i < 3 ? .nan : 1 }
        let fit = try BatchRegression(.polynomial([0, 1, 2, 3, 4], degree: 1)).fit(responses)
        #expect(fit.errors[0] == .zeroVariance(field: "series 1"))
        #expect(fit.errors[1] == nil)
        #expect(fit.errors[2] == .tooFewObservations(observations: 2, parameters: 2))
        #expect(abs(fit.parameters(1)[1] - 4) < 1e-12)  // least-squares slope of i² on i over 0…4 is 4
    }

    @Test func infiniteValueIsAnError() throws {
        var responses = Matrix(rows: 4, columns: 2, repeating: 1)
        responses[2, 1] = .infinity
        #expect(throws: LeastSquaresError.nonFiniteInput(field: "series 2", row: 2)) {
            try BatchRegression(.polynomial([0, 1, 2, 3], degree: 1)).fit(responses)
        }
    }
}
