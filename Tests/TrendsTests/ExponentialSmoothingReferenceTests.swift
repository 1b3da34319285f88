import _TestSupport
import Foundation
import LeastSquares
import Testing
@testable import Trends

/// Exponential smoothing, Theta and the random walks against R `forecast` 8.20 (R 4.2.2) on five real yearly
/// series; the calls are in `Fixtures/r-forecast/references.json`, made by
/// `Fixtures/reference-scripts/r_forecast_references.R`.
///
/// Two things are checked for the models R estimates by Nelder–Mead (`ets(model="AAN", damped=TRUE)`, Holt,
/// `ses`): that Pathways' forecast means and analytic intervals are R's to 1e-6 and 1e-4 relative when given
/// R's own parameters and initial states, and that Pathways' own estimates reach at least R's likelihood
/// (R's simplex often stops short of the maximum; where both reach it, the forecasts agree). Theta, `rwf` with
/// drift and `naive` have no such freedom and are compared directly.
@Suite struct ExponentialSmoothingReferenceTests {
    struct Method: Decodable, Sendable {
        let mean, lo80, hi80, lo95, hi95: [Double]
        /// R's estimates: smoothing parameters, then initial states.
        let par: [Double]?
        let sse: Double?
    }
    struct Series: Decodable, Sendable {
        let values: [Double]
        let damped, holt, ses, theta, drift, naive: Method
    }
    struct File: Decodable, Sendable { let series: [String: Series] }

    static let fixture: File = {
        let url = Bundle.module.url(forResource: "Fixtures/r-forecast/references", withExtension: "json")!
        return try! JSONDecoder().decode(File.self, from: Data(contentsOf: url))
    }()
    static let names = ["YAF3", "YAF9", "YAM3", "zhejiang_gdp", "zhejiang_urbanization"]

    struct Reference {
        let values: [Double]
        let method: Method
        func vector(_ key: String) -> [Double] {
            switch key {
            case "mean": return method.mean
            case "lo80": return method.lo80
            case "hi80": return method.hi80
            case "lo95": return method.lo95
            case "hi95": return method.hi95
            default: return method.par ?? []
            }
        }
        var sse: Double { method.sse ?? .nan }
    }

    static func reference(_ series: String, _ method: String) -> Reference {
        let s = fixture.series[series]!
        let m: Method
        switch method {
        case "damped": m = s.damped
        case "holt": m = s.holt
        case "ses": m = s.ses
        case "theta": m = s.theta
        case "drift": m = s.drift
        default: m = s.naive
        }
        return Reference(values: s.values, method: m)
    }

    static func series(_ values: [Double]) -> TrendSeries {
        TrendSeries(id: "s", years: Array(2000..<(2000 + values.count)), values: values)
    }

    static func expectClose(_ ours: [Double], _ theirs: [Double], _ tolerance: Double, _ what: String) {
        #expect(ours.count == theirs.count)
        for (a, b) in zip(ours, theirs) {
            #expect(isClose(a, b, relative: tolerance), "\(what): \(a) against R's \(b)")
        }
    }

    /// Forecasts of a fit, 1–5 years ahead: mean and the 80%/95% bounds.
    static func forecast(_ fit: TrendFit) -> (mean: [Double], lo80: [Double], hi80: [Double], lo95: [Double], hi95: [Double]) {
        let last = fit.years.last!
        let f = fit.forecast(Array((last + 1)...(last + 5)))
        let i80 = f.intervals(level: 0.8)!, i95 = f.intervals(level: 0.95)!
        return (f.point, i80.map(\.lower), i80.map(\.upper), i95.map(\.lower), i95.map(\.upper))
    }

    static func compare(_ fit: TrendFit, with r: Reference, meanTolerance: Double = 1e-6, intervalTolerance: Double = 1e-4, _ what: String) {
        let f = forecast(fit)
        expectClose(f.mean, r.vector("mean"), meanTolerance, "\(what) mean")
        expectClose(f.lo80, r.vector("lo80"), intervalTolerance, "\(what) lo80")
        expectClose(f.hi80, r.vector("hi80"), intervalTolerance, "\(what) hi80")
        expectClose(f.lo95, r.vector("lo95"), intervalTolerance, "\(what) lo95")
        expectClose(f.hi95, r.vector("hi95"), intervalTolerance, "\(what) hi95")
    }

    /// A smoothing fit with R's parameters and initial states, through Pathways' filter and forecaster.
    static func fitWithRParameters(_ r: Reference, trend: ExponentialSmoothing.Trend, family: TrendFamily) -> TrendFit {
        let p = r.vector("par")
        let model: ExponentialSmoothing
        switch trend {
        case .none: model = ExponentialSmoothing(trend: .none, alpha: p[0], beta: 0, phi: 1, initialLevel: p[1], initialSlope: 0)
        case .additive: model = ExponentialSmoothing(trend: .additive, alpha: p[0], beta: p[1], phi: 1, initialLevel: p[2], initialSlope: p[3])
        case .damped: model = ExponentialSmoothing(trend: .damped, alpha: p[0], beta: p[1], phi: p[2], initialLevel: p[3], initialSlope: p[4])
        }
        let years = Array(2000..<(2000 + r.values.count))
        let run = model.filter(r.values, years: years)
        let sigma2 = run.sse / Double(r.values.count - model.parameterCount)
        let forecaster = SmoothingForecaster(model: model, level: run.level, slope: run.slope, sigma2: sigma2, thetaDrift: nil,
                                             observationCount: r.values.count, firstYear: years[0], lastYear: years.last!, fitted: run.fitted)
        let trendModel = TrendModel(family: family, origin: years.last!, firstYear: years[0], transform: .identity, dampingFactor: nil, levelShiftYears: [])
        return TrendFit(family: family, seriesID: "s", years: years, values: r.values, model: trendModel, parameterNames: [], parameters: [],
                        standardErrors: [], residualStandardDeviation: sigma2.squareRoot(), degreesOfFreedom: 1, logLikelihood: 0,
                        parameterCount: model.parameterCount + 1, conditionNumber: 1, engine: .smoothing(forecaster))
    }

    @Test("ETS forecasts and analytic intervals at R's parameters equal R's", arguments: names)
    func forecastsAtRParameters(_ name: String) {
        for (method, trend, family) in [("damped", ExponentialSmoothing.Trend.damped, TrendFamily.dampedTrend),
                                        ("holt", .additive, .holt), ("ses", .none, .ses)] {
            let r = Self.reference(name, method)
            let fit = Self.fitWithRParameters(r, trend: trend, family: family)
            Self.compare(fit, with: r, "\(name) \(method) at R's parameters")
            // The SSE of the filter at R's parameters is R's.
            if case .smoothing(let s) = fit.engine {
                let sse = s.sigma2 * Double(r.values.count - s.model.parameterCount)
                #expect(abs(sse - r.sse) <= 1e-9 * sse, "\(name) \(method) SSE")
            }
        }
    }

    @Test("Pathways' maximum-likelihood estimates reach at least R's likelihood", arguments: names)
    func likelihoodAtLeastR(_ name: String) throws {
        for (method, family) in [("damped", TrendFamily.dampedTrend), ("holt", .holt), ("ses", .ses)] {
            let r = Self.reference(name, method)
            let fit = try TrendFitter.fit(Self.series(r.values), family: family, options: .init(scale: .original))
            guard case .smoothing(let s) = fit.engine else { Issue.record("not a smoothing fit"); continue }
            let sse = s.sigma2 * Double(r.values.count - s.model.parameterCount)
            let rSSE = r.sse
            #expect(sse <= rSSE * (1 + 1e-10), "\(name) \(method): SSE \(sse) against R's \(rSSE)")
            // R's loglik is −(n/2) log(SSE) up to a constant.
            let n = Double(r.values.count)
            let ours = -0.5 * n * Foundation.log(sse), theirs = -0.5 * n * Foundation.log(rSSE)
            #expect(ours >= theirs - 1e-9, "\(name) \(method) log-likelihood")
        }
    }

    @Test("Theta equals R's thetaf", arguments: ["YAF3", "YAF9", "zhejiang_urbanization"])
    func theta(_ name: String) throws {
        let r = Self.reference(name, "theta")
        let fit = try TrendFitter.fit(Self.series(r.values), family: .theta, options: .init(scale: .original))
        Self.compare(fit, with: r, "\(name) theta")
    }

    @Test("drift and naive: R's rwf(drift=TRUE) and naive point forecasts, and their interval scale", arguments: names)
    func randomWalks(_ name: String) throws {
        for (method, family) in [("drift", TrendFamily.drift), ("naive", .naive)] {
            let r = Self.reference(name, method)
            let fit = try TrendFitter.fit(Self.series(r.values), family: family, options: .init(scale: .original))
            let last = fit.years.last!
            let forecast = fit.forecast(Array((last + 1)...(last + 5)))
            Self.expectClose(forecast.point, r.vector("mean"), 1e-12, "\(name) \(method) mean")
            // R's bounds are mean ± z·σ_h with normal quantiles; Pathways' are mean ± t·σ_h with the fit's degrees
            // of freedom (so they cover at their nominal rate on short series): the scales σ_h must agree.
            let z95 = Normal.standard.quantile(0.975), z80 = Normal.standard.quantile(0.9)
            for k in 0..<5 {
                let scale = forecast.distributions![k].scale
                #expect(abs(scale - (r.vector("hi95")[k] - r.vector("mean")[k]) / z95) <= 1e-9 * scale, "\(name) \(method) σ_h (95%)")
                #expect(abs(scale - (r.vector("hi80")[k] - r.vector("mean")[k]) / z80) <= 1e-9 * scale, "\(name) \(method) σ_h (80%)")
            }
        }
    }
}

/// Named coefficients: the estimate under its name, a standard error where the method has one.
@Suite struct CoefficientTests {
    @Test("a regression's coefficients carry their standard errors; exponential smoothing's have none")
    func named() throws {
        let values = ExponentialSmoothingReferenceTests.reference("zhejiang_gdp", "holt").values
        let series = ExponentialSmoothingReferenceTests.series(values)
        let linear = try TrendFitter.fit(series, family: .linear)
        let slope = try #require(linear.coefficient("t"))
        #expect(slope.estimate == linear.parameters[1] && slope.standardError == linear.standardErrors[1])
        #expect(slope.standardError! > 0)
        let holt = try TrendFitter.fit(series, family: .holt, options: .init(scale: .original))
        #expect(holt.coefficients.map(\.name) == ["alpha", "beta", "level0", "slope0"])
        #expect(holt.coefficients.allSatisfy { $0.standardError == nil })
        #expect(holt.aicc != nil && linear.aicc != nil)
        #expect(try TrendFitter.fit(series, family: .drift).aicc == nil)
    }
}
