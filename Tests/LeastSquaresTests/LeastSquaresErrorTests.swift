import Testing
@testable import LeastSquares

/// Each kind of bad input gives its typed error with a readable message, never a crash or a NaN.
@Suite struct LeastSquaresErrorTests {
    @Test func fewerObservationsThanParameters() {
        #expect(throws: LeastSquaresError.tooFewObservations(observations: 3, parameters: 3)) {
            try LinearRegression.fit(.polynomial([1, 2, 3], degree: 2), response: [1, 4, 8])
        }
    }

    @Test func nonFiniteResponseNamesTheRow() {
        #expect(throws: LeastSquaresError.nonFiniteInput(field: "response", row: 2)) {
            try LinearRegression.fit(.polynomial([1, 2, 3, 4], degree: 1), response: [1, 2, .nan, 4])
        }
    }

    @Test func nonFiniteRegressorNamesTheColumn() {
        #expect(throws: LeastSquaresError.nonFiniteInput(field: "gdp", row: 1)) {
            try LinearRegression.fit(.columns([[1, .infinity, 3, 4]], names: ["gdp"]), response: [1, 2, 3, 5])
        }
    }

    /// Beyond ±1e150 a square overflows: refused, naming the input and the row. Just inside, the fit is right:
    /// x = (1, 2, 3, 4)·1e149, y = (1, 2, 3.1, 3.9)·1e149 gives slope 0.98 and intercept 0.05e149, as numpy
    /// gives for the unscaled data (`np.polyfit([1, 2, 3, 4], [1, 2, 3.1, 3.9], 1)` → [0.98, 0.05]).
    @Test func magnitudesNearTheFloatRange() throws {
        #expect(throws: LeastSquaresError.magnitudeTooLarge(field: "x", row: 0, value: 1e300)) {
            try LinearRegression.fit(.columns([[1e300, 2e300, 3e300]], names: ["x"]), response: [1, 2, 3.1])
        }
        #expect(throws: LeastSquaresError.magnitudeTooLarge(field: "response", row: 2, value: -3e300)) {
            try LinearRegression.fit(.polynomial([1, 2, 3, 4], degree: 1), response: [1, 2, -3e300, 4])
        }
        let fit = try LinearRegression.fit(.columns([[1e149, 2e149, 3e149, 4e149]], names: ["x"]), response: [1e149, 2e149, 3.1e149, 3.9e149])
        #expect(fit.rank == 2)
        #expect(abs(fit.parameters[0] / 5e147 - 1) < 1e-9 && abs(fit.parameters[1] - 0.98) < 1e-12, "\(fit.parameters)")
    }

    @Test func constantResponseIsZeroVariance() {
        #expect(throws: LeastSquaresError.zeroVariance(field: "response")) {
            try LinearRegression.fit(.polynomial([1, 2, 3, 4], degree: 1), response: [5, 5, 5, 5])
        }
    }

    @Test func nonPositiveWeight() {
        #expect(throws: LeastSquaresError.invalidWeight(row: 1, value: 0)) {
            try LinearRegression.fit(.polynomial([1, 2, 3, 4], degree: 1), response: [1, 2, 3, 5], weights: [1, 0, 1, 1])
        }
    }

    /// LAPACK's own INFO > 0 path: a triangular solve on an exactly singular factor.
    @Test func lapackFailureCarriesTheRoutineName() throws {
        var b = Matrix(rows: 2, columns: 1, storage: [1, 1])
        let singular = Matrix(rows: 2, columns: 2, storage: [1, 0, 1, 0])
        #expect(throws: LeastSquaresError.lapackFailure(routine: "DTRTRS", info: 2, meaning: "the triangular factor has an exact zero on its diagonal at position 2")) {
            try LAPACK.trtrs(upper: singular, order: 2, &b, transpose: false)
        }
    }

    @Test func messagesReadAsSentences() {
        let message = LeastSquaresError.tooFewObservations(observations: 3, parameters: 3).description
        #expect(message.hasPrefix("Too few observations: 3 usable, but the model has 3 parameters"))
        #expect(LeastSquaresError.nonFiniteInput(field: "response", row: 2).description == "The response value in row 3 is not a finite number (NaN or infinity).")
    }

    /// A duplicated column is rank-deficient: reported with rank and a warning, solved by minimum norm.
    @Test func rankDeficiencyIsReportedNotHidden() throws {
        let x = [1.0, 2, 3, 4, 5, 6]
        let fit = try LinearRegression.fit(.columns([x, x]), response: [2.1, 3.9, 6.2, 7.8, 10.1, 12.0])
        #expect(fit.rank == 2)
        #expect(fit.warnings.contains { if case .rankDeficient(2, 3, _) = $0 { return true } else { return false } })
        // The identified combination (sum of the two slopes) equals the simple-regression slope.
        let simple = try LinearRegression.fit(.columns([x]), response: [2.1, 3.9, 6.2, 7.8, 10.1, 12.0])
        #expect(abs(fit.parameters[1] + fit.parameters[2] - simple.parameters[1]) < 1e-12)
        #expect(abs(fit.parameters[1] - fit.parameters[2]) < 1e-12)  // minimum norm splits it evenly
        #expect(fit.parameters.allSatisfy(\.isFinite) && fit.standardErrors.allSatisfy(\.isFinite))
    }
}
