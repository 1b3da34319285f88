import Foundation
import LeastSquares
import Studies
import Trends

/// How one base indicator moves in one scenario: start at its last observation, then a drift and a shock
/// SD per year — the trend's, then the scenario's assumptions on top.
struct SeriesPlan {
    let id: String
    let scale: SimulatedSeries.Scale
    let startYear: Int
    let startValue: Double
    /// Years `startYear + 1 … lastYear`.
    var drift: [Double]
    var shockSD: [Double]

    var lastYear: Int { startYear + drift.count }

    /// The trend's plan. Paths start at the last observation and follow the trend's median growth;
    /// the shock SDs are set so that the spread of the simulated value in each year matches the trend's
    /// 95% prediction interval (on the log scale for positive series). A fit without an interval
    /// (the two-point endpoint rate) gives a deterministic path.
    static func trend(_ fit: TrendFit, scale: SimulatedSeries.Scale, start: (year: Int, value: Double), lastYear: Int) -> SeriesPlan {
        let years = Array(start.year...lastYear)
        let forecast = fit.forecast(years)
        let z = Normal.standard.quantile(0.975)
        func onScale(_ x: Double) -> Double { scale == .logarithmic ? Foundation.log(x) : x }
        let medians = forecast.point.map(onScale)
        var spread = [Double](repeating: 0, count: years.count)
        if let distributions = forecast.distributions {
            for (k, d) in distributions.enumerated() where k > 0 {
                let upper = d.quantile(0.975), lower = d.quantile(0.025)
                if scale == .logarithmic && lower <= 0 {
                    spread[k] = (Foundation.log(upper) - medians[k]) / z   // the lower tail leaves the log scale
                } else {
                    spread[k] = (onScale(upper) - onScale(lower)) / (2 * z)
                }
                if !spread[k].isFinite { spread[k] = spread[k - 1] }
            }
        }
        var drift = [Double](), shock = [Double]()
        for k in 1..<years.count {
            drift.append(medians[k] - medians[k - 1])
            shock.append(max(0, spread[k] * spread[k] - spread[k - 1] * spread[k - 1]).squareRoot())
        }
        return SeriesPlan(id: fit.seriesID, scale: scale, startYear: start.year, startValue: start.value, drift: drift, shockSD: shock)
    }

    /// A flat, certain plan for an indicator with observations but no trend: only assumptions move it.
    static func flat(id: String, scale: SimulatedSeries.Scale, start: (year: Int, value: Double), lastYear: Int) -> SeriesPlan {
        let count = max(0, lastYear - start.year)
        return SeriesPlan(id: id, scale: scale, startYear: start.year, startValue: start.value,
                          drift: Array(repeating: 0, count: count), shockSD: Array(repeating: 0, count: count))
    }

    /// Index of `year` in `drift`, or nil when the year is not projected.
    private func step(_ year: Int) -> Int? {
        let k = year - startYear - 1
        return k >= 0 && k < drift.count ? k : nil
    }

    /// The median path implied by the drifts so far (value in `startYear`, then each projected year).
    private func medianPath() -> [Double] {
        var level = scale == .logarithmic ? Foundation.log(startValue) : startValue
        var path = [startValue]
        for d in drift {
            level += d
            path.append(scale == .logarithmic ? Foundation.exp(level) : level)
        }
        return path
    }

    /// Applies a scenario's assumptions: trajectories (`growth`, `path`) first, then modifiers
    /// (`shock`, `growth_shock`) on what the trajectories left.
    mutating func apply(_ assumptions: [Assumption]) {
        for assumption in assumptions where assumption.isTrajectory { apply(assumption) }
        for assumption in assumptions where !assumption.isTrajectory { apply(assumption) }
    }

    private mutating func apply(_ assumption: Assumption) {
        let firstProjected = startYear + 1
        switch assumption.change {
        case .growth(let rate, let from):
            let from = max(from ?? firstProjected, firstProjected)
            for year in from...max(from, lastYear) {
                guard let k = step(year) else { continue }
                drift[k] = scale == .logarithmic ? Foundation.log1p(rate) : medianPath()[k] * rate
            }
            silence(from: from, assumption)
        case .path(let pins):
            var anchor = (year: startYear, value: startValue)
            for year in pins.keys.sorted() where year > startYear && year <= lastYear {
                let value = pins[year]!
                let steps = Double(year - anchor.year)
                for y in (anchor.year + 1)...year {
                    guard let k = step(y) else { continue }
                    drift[k] = scale == .logarithmic ? Foundation.log(value / anchor.value) / steps : (value - anchor.value) / steps
                }
                anchor = (year, value)
            }
            if let first = pins.keys.filter({ $0 > startYear }).min() { silence(from: first, assumption) }
        case .shock(let year, let level):
            guard let k = step(year) else { return }
            drift[k] += scale == .logarithmic ? Foundation.log1p(level) : medianPath()[k] * level
            silence(from: year, assumption)
        case .growthShock(let from, let to, let delta):
            for year in from...max(from, to) {
                guard let k = step(year) else { continue }
                if scale == .logarithmic {
                    drift[k] = Foundation.log(max(1e-12, Foundation.exp(drift[k]) + delta))
                } else {
                    drift[k] += medianPath()[k] * delta
                }
            }
            silence(from: from, assumption)
        }
    }

    /// `uncertainty: none`: no shocks from the assumption's first year on.
    private mutating func silence(from year: Int, _ assumption: Assumption) {
        guard assumption.uncertainty == .none else { return }
        for y in year...max(year, lastYear) { if let k = step(y) { shockSD[k] = 0 } }
    }

    var simulated: SimulatedSeries {
        SimulatedSeries(id: id, scale: scale, startYear: startYear, startValue: startValue, drift: drift, shockSD: shockSD)
    }
}
