import Foundation
import Testing
@testable import LeastSquares

/// NIST StRD linear least squares: every estimate, standard deviation, the residual SD and R² must agree
/// with the certified values to a log relative error of at least 13 (13 correct digits), what the README claims.
@Suite struct NISTCertifiedTests {
    /// Fits a dataset as NIST states the model: a polynomial in x for the one-variable files, the six
    /// columns for Longley, no intercept for NoInt1/NoInt2.
    static func fit(_ data: NISTDataset) throws -> LinearFit {
        let design: Design
        if data.x.count == 1, let degree = data.certified.degree, degree > 1 {
            design = .polynomial(data.x[0], degree: degree, intercept: data.certified.intercept)
        } else {
            design = .columns(data.x, intercept: data.certified.intercept)
        }
        return try LinearRegression.fit(design, response: data.y)
    }

    static func scores(_ name: String) throws -> [(String, Double)] {
        let data = try NISTDataset(name)
        let fit = try fit(data)
        var scores: [(String, Double)] = []
        for (j, p) in data.certified.params.enumerated() {
            scores.append(("\(p.name) estimate", logRelativeError(fit.parameters[j], certified: p.estimate)))
            scores.append(("\(p.name) sd", logRelativeError(fit.standardErrors[j], certified: p.sd)))
        }
        scores.append(("residual sd", logRelativeError(fit.residualStandardDeviation, certified: data.certified.residual_sd)))
        scores.append(("R squared", logRelativeError(fit.rSquared, certified: data.certified.r_squared)))
        return scores
    }

    @Test(arguments: ["Norris", "Pontius", "NoInt1", "Longley", "Wampler1"])
    func certifiedDigits(dataset: String) throws {
        for (quantity, lre) in try Self.scores(dataset) {
            #expect(lre >= 13, "\(dataset) \(quantity): LRE \(lre)")
        }
    }

    /// The six other NIST datasets, Filip (κ ≈ 1.8e15) among them, to the same standard.
    @Test(arguments: ["NoInt2", "Filip", "Wampler2", "Wampler3", "Wampler4", "Wampler5"])
    func remainingDatasets(dataset: String) throws {
        for (quantity, lre) in try Self.scores(dataset) {
            #expect(lre >= 13, "\(dataset) \(quantity): LRE \(lre)")
        }
    }
}
