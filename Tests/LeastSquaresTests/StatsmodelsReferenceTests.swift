import _TestSupport
import Testing
@testable import LeastSquares

/// OLS and WLS on NIST's Norris data against statsmodels: parameters, standard errors, likelihood-based
/// criteria, p-values and prediction intervals.
@Suite struct StatsmodelsReferenceTests {
    // Produced by Fixtures/reference-scripts/least_squares.py (statsmodels 0.15.0):
    // ols
    static let olsParameters = [-0.2623230737740556, 1.002116818020454]
    static let olsStandardErrors = [0.23281823430115559, 0.0004297968481999426]
    static let olsScalars = [-45.646617779590684, 95.29323555918137, 98.46027343609359, 0.9999937458837117, 0.999993561939115, 26.61739852942308, 0.8847963961443845]  // llf, aic, bic, R2, adjR2, ssr, s
    static let olsPValues = [0.2677467423331618, 4.654040852474537e-90]
    static let olsPredictionMean = [-0.2623230737740556, 500.796085936453, 1001.85449494668]
    static let olsPredictionMeanSE = [0.23281823430115559, 0.1515021758001926, 0.28993818941729527]
    static let olsMeanCI95 = [-0.7354666521016252, 0.21082050455351398, 500.48819647153334, 501.1039754013726, 1001.2652696531952, 1002.4437202401648]
    static let olsObsCI95 = [-2.1216535432761203, 1.597007395728009, 498.9717940541834, 502.62037781872255, 999.9622921574451, 1003.746697735915]
    // wls
    static let wlsParameters = [-0.2608953022419591, 1.0020440222523268]
    static let wlsStandardErrors = [0.21448639093094798, 0.00041397204520634965]
    static let wlsScalars = [-45.403944237049416, 94.80788847409883, 97.97492635101105, 0.9999941971035121, 0.9999940264300861, 47.71932131806109, 1.1846980419208974]  // llf, aic, bic, R2, adjR2, ssr, s
    static let wlsPValues = [0.2322203673890896, 1.3030795038140148e-90]
    static let wlsPredictionMean = [-0.2608953022419591, 500.76111582392144, 1001.7831269500849]
    static let wlsPredictionMeanSE = [0.21448639093094798, 0.14643629213370193, 0.2873485523181113]
    static let wlsMeanCI95 = [-0.6967840925347519, 0.17499348805083365, 500.46352147326786, 501.058710174575, 1001.199164432376, 1002.3670894677938]
    static let wlsObsCI95 = [-2.707631490388755, 2.185840885904837, 498.3351971660879, 503.187034481755, 999.305722833076, 1004.2605310670939]


    static func check(_ actual: [Double], _ expected: [Double], tolerance: Double, _ label: String) {
        #expect(actual.count == expected.count, "\(label): length")
        for (a, e) in zip(actual, expected) {
            #expect(relativeError(a, e) < tolerance, "\(label): \(a) vs \(e)")
        }
    }

    static func norris(weighted: Bool) throws -> LinearFit {
        let data = try NISTDataset("Norris")
        let weights = weighted ? data.y.indices.map { 1.0 + Double($0 % 3) } : nil
        return try LinearRegression.fit(.columns(data.x), response: data.y, weights: weights)
    }

    @Test(arguments: [false, true])
    func fitMatchesStatsmodels(weighted: Bool) throws {
        let fit = try Self.norris(weighted: weighted)
        let prefix = weighted ? "wls" : "ols"
        Self.check(fit.parameters, weighted ? Self.wlsParameters : Self.olsParameters, tolerance: 1e-10, "\(prefix) params")
        Self.check(fit.standardErrors, weighted ? Self.wlsStandardErrors : Self.olsStandardErrors, tolerance: 1e-10, "\(prefix) se")
        let scalars = [fit.logLikelihood, fit.aic, fit.bic, fit.rSquared, fit.adjustedRSquared, fit.sumOfSquaredResiduals, fit.residualStandardDeviation]
        Self.check(scalars, weighted ? Self.wlsScalars : Self.olsScalars, tolerance: 1e-10, "\(prefix) llf/aic/bic/R2/adjR2/ssr/s")
        Self.check(fit.pValues, weighted ? Self.wlsPValues : Self.olsPValues, tolerance: 1e-9, "\(prefix) p-values")
    }

    @Test(arguments: [false, true])
    func predictionIntervalsMatchStatsmodels(weighted: Bool) throws {
        let fit = try Self.norris(weighted: weighted)
        let prediction = fit.predict([[0], [500], [1000]])
        Self.check(prediction.mean, weighted ? Self.wlsPredictionMean : Self.olsPredictionMean, tolerance: 1e-10, "mean")
        Self.check(prediction.meanStandardError, weighted ? Self.wlsPredictionMeanSE : Self.olsPredictionMeanSE, tolerance: 1e-10, "mean se")
        let meanCI = prediction.intervals(level: 0.95, kind: .mean).flatMap { [$0.lower, $0.upper] }
        let obsCI = prediction.intervals(level: 0.95, kind: .observation).flatMap { [$0.lower, $0.upper] }
        Self.check(meanCI, weighted ? Self.wlsMeanCI95 : Self.olsMeanCI95, tolerance: 1e-10, "mean CI")
        Self.check(obsCI, weighted ? Self.wlsObsCI95 : Self.olsObsCI95, tolerance: 1e-10, "obs CI")
    }
}
