import Foundation
import LeastSquares
import Studies
import Trends

/// How one base indicator moves in one scenario: start at its last observation, then a drift and a shock
/// SD per year on the simulation scale — the trend's, then the scenario's assumptions on top.
struct SeriesPlan {
    let id: String
    let scale: SimulatedSeries.Scale
    let bounds: (lower: Double?, upper: Double?)
    let startYear: Int
    let startValue: Double
    /// Years `startYear + 1 … lastYear`.
    var drift: [Double]
    var shockSD: [Double]
    /// Years whose change is known (a published growth rate after the last level): assumptions leave them as
    /// they are, since a scenario cannot change what has been observed.
    var knownYears: Set<Int> = []

    var lastYear: Int { startYear + drift.count }
    private var transform: ResponseTransform { scale.transform }

    /// The trend's plan. Paths start at the last observation and follow the trend's median growth on the
    /// simulation scale; the shock SDs are set so that the spread of the simulated value in each year matches
    /// the trend's 95% prediction interval on that scale. A fit without an interval (the two-point endpoint
    /// rate) gives a deterministic path.
    ///
    /// Where the trend's median leaves the scale's domain (a linear trend of a share past its cap, of a level
    /// below zero), the path continues with its last step on the scale, so it approaches the bound without
    /// reaching it; where only one tail of the interval is in the domain, that tail sizes the spread.
    static func trend(_ fit: TrendFit, scale: SimulatedSeries.Scale, bounds: (lower: Double?, upper: Double?) = (nil, nil),
                      start: (year: Int, value: Double), lastYear: Int) -> SeriesPlan {
        let years = Array(start.year...lastYear)
        let forecast = fit.forecast(years)
        let f = scale.transform
        let z = Normal.standard.quantile(0.975)
        let medians = onScale(forecast.point, transform: f, start: start.value)
        var spread = [Double](repeating: 0, count: years.count)
        if let distributions = forecast.distributions {
            for (k, d) in distributions.enumerated() where k > 0 {
                let upper = d.quantile(0.975), lower = d.quantile(0.025)
                let up = f.accepts(upper) ? (f.forward(upper) - medians[k]) / z : nil
                let down = f.accepts(lower) ? (medians[k] - f.forward(lower)) / z : nil
                switch (up, down) {
                case _ where !f.accepts(forecast.point[k]): spread[k] = spread[k - 1]
                case let (u?, d?): spread[k] = (u + d) / 2
                case let (u?, nil): spread[k] = u
                case let (nil, d?): spread[k] = d
                case (nil, nil): spread[k] = spread[k - 1]
                }
                if !spread[k].isFinite || spread[k] < 0 { spread[k] = spread[k - 1] }
            }
        }
        var drift = [Double](), shock = [Double]()
        for k in 1..<years.count {
            drift.append(medians[k] - medians[k - 1])
            shock.append(max(0, spread[k] * spread[k] - spread[k - 1] * spread[k - 1]).squareRoot())
        }
        var plan = SeriesPlan(id: fit.seriesID, scale: scale, bounds: bounds, startYear: start.year, startValue: start.value,
                              drift: drift, shockSD: shock)
        plan.knownYears = Set(fit.knownChanges.keys.filter { $0 > start.year && $0 <= lastYear })
        return plan
    }

    /// Values mapped to the scale of `transform`. Once a value leaves the domain, every later one continues
    /// the last step on the scale; a step out of the domain from the first value on takes the scale's slope
    /// at the last value inside it (or at `start`) times the change.
    static func onScale(_ values: [Double], transform f: ResponseTransform, start: Double) -> [Double] {
        var out: [Double] = []
        var outside = false
        for k in values.indices {
            if !outside && f.accepts(values[k]) {
                out.append(f.forward(values[k]))
                continue
            }
            outside = true
            if k == 0 {
                out.append(f.forward(start))
            } else if k >= 2 {
                out.append(2 * out[k - 1] - out[k - 2])
            } else {
                let from = f.accepts(values[0]) ? values[0] : start
                out.append(out[0] + (values[1] - values[0]) * Foundation.exp(f.logJacobian(from)))
            }
        }
        return out
    }

    /// A flat, certain plan for an indicator with observations but no trend: only assumptions move it.
    static func flat(id: String, scale: SimulatedSeries.Scale, bounds: (lower: Double?, upper: Double?) = (nil, nil),
                     start: (year: Int, value: Double), lastYear: Int) -> SeriesPlan {
        let count = max(0, lastYear - start.year)
        return SeriesPlan(id: id, scale: scale, bounds: bounds, startYear: start.year, startValue: start.value,
                          drift: Array(repeating: 0, count: count), shockSD: Array(repeating: 0, count: count))
    }

    /// Index of `year` in `drift`, or nil when the year is not projected.
    private func step(_ year: Int) -> Int? {
        let k = year - startYear - 1
        return k >= 0 && k < drift.count ? k : nil
    }

    /// Index of `year` in `drift` when an assumption may change it: projected, and its change not known.
    private func assumable(_ year: Int) -> Int? {
        knownYears.contains(year) ? nil : step(year)
    }

    /// The median path on the simulation scale implied by the drifts so far (`startYear`, then each projected year).
    private func scaledMedians() -> [Double] {
        var level = transform.forward(startValue)
        var path = [level]
        for d in drift {
            level += d
            path.append(level)
        }
        return path
    }

    /// The median path implied by the drifts so far, on the original scale.
    func medianPath() -> [Double] { scaledMedians().map(transform.inverse) }

    /// Sets the median of step `k` to `value` (original scale); a value outside the scale's domain repeats
    /// the previous step on the scale instead (a share never set to its cap or beyond).
    private mutating func setMedian(_ k: Int, to value: Double) {
        let z = scaledMedians()
        if transform.accepts(value) {
            drift[k] = transform.forward(value) - z[k]
        } else {
            drift[k] = k > 0 ? drift[k - 1] : 0
        }
    }

    /// Applies a scenario's assumptions: trajectories (`growth`, `points`, `path`) first, then modifiers
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
                guard let k = assumable(year) else { continue }
                if scale == .logarithmic {
                    drift[k] = Foundation.log1p(rate)
                } else {
                    setMedian(k, to: medianPath()[k] * (1 + rate))
                }
            }
            silence(from: from, assumption)
        case .points(let perYear, let from):
            let from = max(from ?? firstProjected, firstProjected)
            for year in from...max(from, lastYear) {
                guard let k = assumable(year) else { continue }
                setMedian(k, to: medianPath()[k] + perYear)
            }
            silence(from: from, assumption)
        case .path(let pins):
            var anchor = (year: startYear, value: startValue)
            for year in pins.keys.sorted() where year > startYear && year <= lastYear {
                let value = pins[year]!
                let steps = Double(year - anchor.year)
                for y in (anchor.year + 1)...year {
                    guard let k = step(y) else { continue }
                    let fraction = Double(y - anchor.year) / steps
                    // Levels in between grow geometrically on a log scale, linearly otherwise.
                    let between = scale == .logarithmic
                        ? anchor.value * Foundation.pow(value / anchor.value, fraction)
                        : anchor.value + (value - anchor.value) * fraction
                    setMedian(k, to: between)
                }
                anchor = (year, value)
            }
            if let first = pins.keys.filter({ $0 > startYear }).min() { silence(from: first, assumption) }
        case .shock(let year, let level):
            guard let k = assumable(year) else { return }
            setMedian(k, to: medianPath()[k + 1] * (1 + level))
            silence(from: year, assumption)
        case .growthShock(let from, let to, let delta):
            for year in from...max(from, to) {
                guard let k = assumable(year) else { continue }
                let path = medianPath()
                if scale == .logarithmic {
                    drift[k] = Foundation.log(max(1e-12, Foundation.exp(drift[k]) + delta))
                } else {
                    setMedian(k, to: path[k] * (path[k + 1] / path[k] + delta))
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
        SimulatedSeries(id: id, scale: scale, startYear: startYear, startValue: startValue, drift: drift, shockSD: shockSD, bounds: bounds)
    }
}
