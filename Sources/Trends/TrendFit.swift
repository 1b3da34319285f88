import Common
import Foundation
import LeastSquares

/// A trend family fitted to one series: estimates on the fitted scale, criteria on the original scale,
/// and forecasts with prediction intervals.
public struct TrendFit: Sendable {
    public let family: TrendFamily
    public let seriesID: String
    /// Years and values the fit used.
    public let years: [Int]
    public let values: [Double]
    let model: TrendModel
    /// Parameter names on the fitted scale (`const`, `t`, `t^2`, `growth`, `shift2020`, …); `t = year − origin`.
    public let parameterNames: [String]
    public let parameters: [Double]
    public let standardErrors: [Double]
    /// Residual standard deviation on the fitted (transformed) scale.
    public let residualStandardDeviation: Double
    /// Degrees of freedom of the prediction intervals: `n − p`, less one per profiled parameter.
    /// A profiled φ widens the intervals through the linearized model's leverage; a profiled cap does not:
    /// those intervals condition on the chosen cap and cover a few points less than nominal (about 91% for
    /// a nominal 95% on 15 simulated points).
    public let degreesOfFreedom: Int
    /// Gaussian log-likelihood on the original scale (with the log-Jacobian of the transform).
    public let logLikelihood: Double
    /// Parameters counted by the criteria: coefficients, σ, and any profiled cap or φ.
    public let parameterCount: Int
    /// Condition number of the design in the caller's units.
    public let conditionNumber: Double
    let engine: Engine
    /// Bounds the forecasts keep (see ``TrendOptions/bounds(for:)``).
    public var bounds: ClosedRange<Double>? = nil
    /// With a profiled damping factor: the design of the model linearized in (a, b, φ), whose leverages
    /// widen the intervals for the uncertainty of φ.
    var profileJacobian: BatchRegression? {
        get { jacobianBox?.design }
        set { jacobianBox = newValue.map(JacobianBox.init) }
    }
    var jacobianBox: JacobianBox? = nil
    /// Years of the published growth rates a random walk counted as observed changes (see
    /// ``TrendSeries/publishedGrowth``); empty for every other fit.
    public internal(set) var publishedGrowthUsed: [Int] = []
    /// Changes on the fitted scale already known for years after the last level (published growth rates that
    /// cannot be chained onto it, as a 2024 rate after a 2022 level): a forecast takes them as they are, with
    /// no drift and no noise for those years.
    public internal(set) var knownChanges: [Int: Double] = [:]

    /// One shared reference to a linearized design, instead of a large value copied with every fit.
    final class JacobianBox: Sendable {
        let design: BatchRegression
        init(_ design: BatchRegression) { self.design = design }
    }
    /// Factors applied to the predictive scale 1, 2, … years past the last observation (the last one
    /// beyond): empty for the model's own intervals; above 1 when `auto` has widened them to match the
    /// family's out-of-sample errors (see `TrendSelection`).
    public private(set) var intervalCalibration: [Double] = []

    /// The same fit with its prediction intervals widened by `factors` (by horizon) on the fitted scale.
    public func calibrated(by factors: [Double]) -> TrendFit {
        var copy = self
        copy.intervalCalibration = factors
        return copy
    }

    /// The widening of the interval for `year`.
    func intervalScale(_ year: Int) -> Double {
        PanelCalibration.factor(intervalCalibration, yearsAhead: year - years.last!)
    }

    /// What produces the forecasts.
    enum Engine: Sendable {
        /// A least-squares fit on the transformed response.
        case regression(LinearPredictor)
        /// The two-point growth rate; no interval.
        case endpoint(rate: Double)
        /// A random walk with drift on the model's scale: mean change per year `drift` (standard error
        /// `driftStandardError`; both 0 for `naive`), shocks with standard deviation `sigma` per year.
        case drift(drift: Double, driftStandardError: Double, sigma: Double)
        /// Exponential smoothing (or Theta) from its final states.
        case smoothing(SmoothingForecaster)
        /// The median of several fits, with intervals from a law of scaled out-of-sample errors.
        case combination(Combination)
    }

    /// `auto`'s forecaster: the median of its members' point forecasts; the interval `h` years ahead is
    /// `g⁻¹(g(median) + scale · Q_h(p))` with `Q_h` the quantiles of `law` (see ``ScaledErrorLaw``).
    struct Combination: Sendable {
        let members: [TrendFit]
        let law: ScaledErrorLaw
        /// The series' mean absolute yearly change on the working scale.
        let scale: Double
    }

    /// Year of `t = 0`: the last fitted year.
    public var origin: Int { model.origin }
    /// Logistic cap used (given or profiled).
    public var cap: Double? { if case .logit(let cap) = model.transform { return cap } else { return nil } }
    /// Damping factor φ used.
    public var dampingFactor: Double? { model.dampingFactor }
    /// The response transform.
    public var transform: ResponseTransform { model.transform }
    /// Number of observations used.
    public var observationCount: Int { years.count }

    /// AICc on the original scale, comparable across transforms (infinite when n ≤ k + 1). Nil for the random
    /// walks, the endpoint rate and the combination: the random walks' likelihood is of the changes, not the
    /// levels, so it does not compare with the others'.
    public var aicc: Double? {
        switch engine {
        case .regression, .smoothing:
            return InformationCriteria.aicc(logLikelihood: logLikelihood, parameters: parameterCount, observations: observationCount)
        default:
            return nil
        }
    }

    /// One coefficient of the fit on its fitted scale: its name, estimate and standard error (nil where the
    /// method gives none, as exponential smoothing's).
    public struct Coefficient: Sendable, Equatable {
        public let name: String
        public let estimate: Double
        public let standardError: Double?
    }

    /// The coefficients by name, in the order of `parameterNames`.
    public var coefficients: [Coefficient] {
        parameterNames.indices.map { k in
            let se = k < standardErrors.count ? standardErrors[k] : .nan
            return Coefficient(name: parameterNames[k], estimate: parameters[k], standardError: se.isFinite ? se : nil)
        }
    }

    /// The coefficient called `name`, or nil.
    public func coefficient(_ name: String) -> Coefficient? { coefficients.first { $0.name == name } }

    /// The annual growth rate the fit implies now: `exp(b) − 1` for `compound`, the current damped
    /// growth `exp(b φ^s) − 1` for `damped`, the two-point rate for `endpointCAGR`; nil for additive families.
    public var growthRate: Double? {
        switch family {
        case .compound: return expm1(parameters[1])
        case .damped: return expm1(parameters[1] * Foundation.pow(dampingFactor ?? 1, Double(origin - model.firstYear)))
        case .endpointCAGR: if case .endpoint(let rate) = engine { return rate } else { return nil }
        default: return nil
        }
    }

    /// Confidence interval of the `compound` growth rate, `exp(b ± t·se) − 1`; nil for other families.
    public func growthRateInterval(level: Double = 0.95) -> Interval? {
        guard family == .compound else { return nil }
        let q = StudentT(degreesOfFreedom: Double(degreesOfFreedom)).quantile(0.5 + level / 2)
        return Interval(lower: expm1(parameters[1] - q * standardErrors[1]), upper: expm1(parameters[1] + q * standardErrors[1]))
    }

    /// Forecasts for `years` (any years: past ones give fitted values with intervals for a new observation).
    public func forecast(_ years: [Int]) -> TrendForecast {
        let (lastYear, lastValue) = (self.years.last!, values.last!)
        let predictor: LinearPredictor
        let jacobian = profileJacobian
        switch engine {
        case .regression(let p):
            predictor = p
        case .endpoint(let rate):
            return TrendForecast(family: family, years: years,
                                 point: years.map { year in
                                     let y = CompoundGrowth.project(lastValue, rate: rate, years: year - lastYear)
                                     return bounds.map { min(max(y, $0.lowerBound), $0.upperBound) } ?? y
                                 },
                                 distributions: nil)
        case .drift(let c, let se, let sigma):
            // h years ahead: g(y_T) + h c, variance h σ² + h² Var(ĉ). In-sample years lie on the drift line
            // through the last observation, with one year's noise.
            // Known changes (published rates after the last level) are steps of their own: neither drift nor noise.
            let last = model.transform.forward(lastValue)
            let distributions = years.map { year -> PredictiveDistribution in
                var h = Double(year - lastYear), known = 0.0
                if !knownChanges.isEmpty, year > lastYear {
                    for y in (lastYear + 1)...year { if let step = knownChanges[y] { known += step; h -= 1 } }
                }
                let variance = year > lastYear ? h * sigma * sigma + h * h * se * se : sigma * sigma + h * h * se * se
                // Student t with the fit's degrees of freedom (R forecast's rwf uses normal quantiles with the same
                // scale; t covers at its nominal rate on short series, IntervalCoverageTests).
                return PredictiveDistribution(location: last + h * c + known, scale: variance.squareRoot() * intervalScale(year),
                                              degreesOfFreedom: degreesOfFreedom, transform: model.transform, bounds: bounds)
            }
            return TrendForecast(family: family, years: years, point: distributions.map(\.median), distributions: distributions)
        case .smoothing(let smoothing):
            let distributions = years.map { year -> PredictiveDistribution in
                let (location, variance) = smoothing.moments(year)
                return PredictiveDistribution(location: location, scale: variance.squareRoot() * intervalScale(year), law: .normal,
                                              transform: model.transform, bounds: bounds)
            }
            return TrendForecast(family: family, years: years, point: distributions.map(\.median), distributions: distributions)
        case .combination(let combination):
            let memberPoints = combination.members.map { $0.forecast(years).point }
            let g = model.transform
            let distributions = years.indices.map { k -> PredictiveDistribution in
                let point = Self.median(memberPoints.map { $0[k] })
                let h = years[k] - lastYear
                return PredictiveDistribution(location: g.forward(point), scale: combination.scale,
                                              law: .empirical(combination.law.at(yearsAhead: max(1, h))), transform: g, bounds: bounds)
            }
            return TrendForecast(family: family, years: years, point: distributions.map(\.median), distributions: distributions)
        }
        let prediction = predictor.predict(years.map(model.regressors))
        let distributions = years.indices.map { k in
            var scale = prediction.observationStandardError[k]
            if let jacobian {
                scale = (predictor.residualVariance * (1 + jacobian.leverage(model.jacobianRegressors(years[k])))).squareRoot()
            }
            return PredictiveDistribution(location: prediction.mean[k], scale: scale * intervalScale(years[k]),
                                          degreesOfFreedom: degreesOfFreedom, transform: model.transform, bounds: bounds)
        }
        return TrendForecast(family: family, years: years, point: distributions.map(\.median), distributions: distributions)
    }

    /// The median of values (the mean of the middle two for an even count); NaN for none.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let m = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
    }

    /// Fitted values on the original scale at the fitted years (medians for transformed families).
    public var fittedValues: [Double] { forecast(years).point }

    /// The regressors of a year, as `LinearPredictor` expects them (for callers that simulate paths).
    public func regressors(_ year: Int) -> [Double] { model.regressors(year) }
}
