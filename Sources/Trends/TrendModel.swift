import LeastSquares

/// One fully specified trend curve: family, time origin, transform, fixed extra parameters and
/// level shifts. It turns years into regressors, for the fit and for forecasts alike.
struct TrendModel: Sendable {
    let family: TrendFamily
    /// `t = year − origin`; the last fitted year, so the intercept is the trend level now.
    let origin: Int
    /// First fitted year (the start of damping).
    let firstYear: Int
    let transform: ResponseTransform
    let dampingFactor: Double?
    let levelShiftYears: [Int]

    /// Regressors of one year, in the order the design expects (`[t, shifts…]` or `[x_φ, shifts…]`).
    func regressors(_ year: Int) -> [Double] {
        let shifts = levelShiftYears.map { year >= $0 ? 1.0 : 0.0 }
        if family == .damped, let phi = dampingFactor {
            return [Self.dampedSteps(Double(year - firstYear), phi)] + shifts
        }
        return [Double(year - origin)] + shifts
    }

    /// `(1 − φ^s)/(1 − φ)`: the sum of growth factors 1, φ, …, φ^(s−1) after s years.
    static func dampedSteps(_ s: Double, _ phi: Double) -> Double { (1 - Foundation.pow(phi, s)) / (1 - phi) }

    /// `∂/∂φ (1 − φ^s)/(1 − φ) = (1 − φ^s − s φ^(s−1)(1 − φ)) / (1 − φ)²`.
    static func dampedStepsDerivative(_ s: Double, _ phi: Double) -> Double {
        (1 - Foundation.pow(phi, s) - s * Foundation.pow(phi, s - 1) * (1 - phi)) / ((1 - phi) * (1 - phi))
    }

    /// For a profiled damping factor: the regressors of the linearized model in (a, b, φ), whose leverage
    /// carries the uncertainty of φ into prediction intervals (the Gauss–Newton interval of nonlinear least
    /// squares, Seber & Wild 1989 §5.1). The φ column is ∂g/∂φ rather than b·∂g/∂φ: scaling a column and
    /// the new point's entry alike leaves the leverage unchanged.
    ///
    /// (A profiled logistic cap gets no such treatment: it is bounded by the cap limit, which the
    /// linearization ignores; far below the cap it would call the cap unidentified and widen intervals
    /// without bound.)
    func jacobianRegressors(_ year: Int) -> [Double] {
        let s = Double(year - firstYear), phi = dampingFactor ?? 1
        return [Self.dampedSteps(s, phi), Self.dampedStepsDerivative(s, phi)] + levelShiftYears.map { year >= $0 ? 1.0 : 0.0 }
    }

    /// The design of the linearized model over `years`.
    func jacobianDesign(_ years: [Int]) -> Design {
        let rows = years.map(jacobianRegressors)
        return .columns((0..<(rows.first?.count ?? 0)).map { j in rows.map { $0[j] } },
                        names: ["growth", "phi"] + levelShiftYears.map { "shift\($0)" })
    }

    var parameterNames: [String] {
        let shifts = levelShiftYears.map { "shift\($0)" }
        switch family {
        case .damped: return ["const", "growth"] + shifts
        case .polynomial(let k): return ["const"] + (1...k).map { $0 == 1 ? "t" : "t^\($0)" } + shifts
        default: return ["const", "t"] + shifts
        }
    }

    /// The least-squares design over `years`.
    func design(_ years: [Int]) -> Design {
        let rows = years.map(regressors)
        let shifts = levelShiftYears.indices.map { k in (name: "shift\(levelShiftYears[k])", values: rows.map { $0[k + 1] }) }
        if family == .damped {
            return .columns([rows.map { $0[0] }] + shifts.map(\.values), names: ["growth"] + shifts.map(\.name))
        }
        return .polynomial(rows.map { $0[0] }, degree: family.degree, name: "t", additional: shifts)
    }
}

import Foundation
