import Common
import Foundation
import LeastSquares

/// The distribution, by horizon, of out-of-sample forecast errors scaled by each series' own variability:
/// what calibrated intervals are made of.
///
/// An error `h` years ahead is `z = (g(actual) − g(forecast)) / s`, with `g` the series' working scale
/// (log for positive series, logit for a share with a cap, the values themselves otherwise) and `s` the
/// series' mean absolute yearly change on that scale over the training years (the denominator of MASE,
/// Hyndman & Koehler 2006, on the scale of the forecast). Scaled this way, errors of series of any size mix,
/// so the errors of every series of a run can be pooled (cross-learning) and a series with few points of its
/// own borrows the spread that forecasts like it actually had. The interval of a new forecast `f` is then
/// `g⁻¹(g(f) + s · Q_h(p))` with `Q_h` the quantiles kept here (empirical prediction intervals, Williams &
/// Goodman 1971; Lee & Scholtes 2014).
///
/// Quantiles are kept on a fixed grid of probabilities (``probabilities``), centred on the median (so a point
/// forecast is its distribution's median), and widen with the horizon: a quantile above the median never
/// falls, one below never rises, from one year to the next.
public struct ScaledErrorLaw: Sendable, Equatable {
    /// The grid of probabilities at which quantiles are kept: every level the outputs use (50, 80, 90, 95 and
    /// 99% intervals) and enough between them to interpolate.
    public static let probabilities: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.975, 0.99, 0.995]
    static let medianIndex = 8

    /// The law one horizon ahead: quantiles at ``probabilities``.
    public struct Horizon: Sendable, Equatable {
        public let quantiles: [Double]

        /// The `p` quantile, linear between grid points and constant beyond the grid's ends.
        public func quantile(_ p: Double) -> Double {
            let grid = ScaledErrorLaw.probabilities
            if p <= grid[0] { return quantiles[0] }
            if p >= grid[grid.count - 1] { return quantiles[grid.count - 1] }
            var k = 1
            while grid[k] < p { k += 1 }
            let t = (p - grid[k - 1]) / (grid[k] - grid[k - 1])
            return quantiles[k - 1] + t * (quantiles[k] - quantiles[k - 1])
        }

        /// `P(Z ≤ z)`, inverting the same interpolation (0 and 1 beyond the grid's ends' probabilities).
        public func cdf(_ z: Double) -> Double {
            let grid = ScaledErrorLaw.probabilities
            if z < quantiles[0] { return 0 }
            if z >= quantiles[grid.count - 1] { return 1 }
            var k = 1
            while quantiles[k] <= z && k < grid.count - 1 { k += 1 }
            let width = quantiles[k] - quantiles[k - 1]
            guard width > 0 else { return grid[k] }
            return grid[k - 1] + (z - quantiles[k - 1]) / width * (grid[k] - grid[k - 1])
        }

        /// The same law with every quantile multiplied by `factor`.
        func scaled(by factor: Double) -> Horizon { Horizon(quantiles: quantiles.map { $0 * factor }) }
    }

    /// Horizons 1, 2, … years ahead.
    public let horizons: [Horizon]
    /// Errors behind each horizon's quantiles (0 for a horizon taken from the default law).
    public let errorCounts: [Int]
    /// Where the law comes from, in a phrase for `reason` texts.
    public let source: String

    /// The law `h ≥ 1` years ahead; beyond the last horizon known, that one's quantiles grown like √h.
    public func at(yearsAhead h: Int) -> Horizon {
        let last = horizons.count
        guard h > last else { return horizons[max(0, h - 1)] }
        return horizons[last - 1].scaled(by: (Double(h) / Double(last)).squareRoot())
    }

    /// The law of scaled errors, horizon by horizon (`errors[h − 1]` are the errors `h` years ahead), blended
    /// with `prior` where the errors are few: with N errors at a horizon the quantiles are
    /// `w·Q_errors + (1 − w)·Q_prior`, w = N / (N + `priorWeight`) (quantile averaging, Vincentization).
    /// Horizons after the last one with errors come from `prior` alone.
    public init(errors: [[Double]], prior: ScaledErrorLaw?, priorWeight: Double = ScaledErrorLaw.priorWeight, source: String) {
        var horizons: [Horizon] = [], counts: [Int] = []
        let count = max(errors.count, prior?.horizons.count ?? 0)
        for h in 1...max(1, count) {
            let sample = h <= errors.count ? errors[h - 1].filter(\.isFinite).sorted() : []
            let own = sample.isEmpty ? nil : Self.quantiles(ofSorted: sample)
            let fallback = prior?.at(yearsAhead: h).quantiles
            let q: [Double]
            switch (own, fallback) {
            case let (own?, fallback?):
                let w = Double(sample.count) / (Double(sample.count) + priorWeight)
                q = zip(own, fallback).map { w * $0 + (1 - w) * $1 }
            case let (own?, nil): q = own
            case let (nil, fallback?): q = fallback
            case (nil, nil): q = horizons.last?.quantiles ?? Array(repeating: 0, count: Self.probabilities.count)
            }
            horizons.append(Horizon(quantiles: q))
            counts.append(sample.count)
        }
        self.init(horizons: horizons, errorCounts: counts, source: source)
    }

    /// A law from quantiles as given, centred and made to widen with the horizon.
    init(horizons: [Horizon], errorCounts: [Int], source: String) {
        var widened: [Horizon] = []
        for horizon in horizons {
            let median = horizon.quantiles[Self.medianIndex]
            var q = horizon.quantiles.map { $0 - median }
            // Monotone in p (quantile averaging keeps it; rounding might not).
            for k in 1..<q.count { q[k] = max(q[k], q[k - 1]) }
            if let previous = widened.last?.quantiles {
                for k in q.indices {
                    q[k] = k < Self.medianIndex ? min(q[k], previous[k]) : max(q[k], previous[k])
                }
            }
            widened.append(Horizon(quantiles: q))
        }
        self.horizons = widened
        self.errorCounts = errorCounts
        self.source = source
    }

    /// Type-7 quantiles (R's default) of sorted values at ``probabilities``.
    static func quantiles(ofSorted x: [Double]) -> [Double] {
        let n = x.count
        return probabilities.map { p in
            let position = p * Double(n - 1)
            let k = Int(position.rounded(.down))
            let t = position - Double(k)
            return k + 1 < n ? x[k] + t * (x[k + 1] - x[k]) : x[n - 1]
        }
    }

    /// The same law with every quantile multiplied by `factor` (wider for `factor` > 1).
    func inflated(by factor: Double, source: String) -> ScaledErrorLaw {
        ScaledErrorLaw(horizons: horizons.map { $0.scaled(by: factor) }, errorCounts: errorCounts, source: source)
    }

    /// Pseudo-errors a prior law counts for when blended with a run's own errors: with 10 errors of its own at
    /// a horizon a run's law is half its own, half the prior. The default law comes from other collections, so
    /// it stands for a handful of errors: a run of 31 provinces is calibrated by its own errors within a few
    /// origins, a lone county series by the default.
    public static let priorWeight = 10.0
}

extension ScaledErrorLaw {
    /// The law for a series of `pointCount` observations: this one, widened when there are fewer than five
    /// (its scale then rests on one to three changes) by the ratio of the t to the normal 97.5% quantile with
    /// one degree of freedom per change: ×6.5 for 2 points, ×2.2 for 3, ×1.6 for 4.
    /// The note says so, for `reason` texts.
    func forSeries(pointCount: Int) -> (law: ScaledErrorLaw, note: String?) {
        guard pointCount < 5 else { return (self, nil) }
        let df = Double(max(1, pointCount - 1))
        let factor = StudentT(degreesOfFreedom: df).quantile(0.975) / Normal.standard.quantile(0.975)
        return (inflated(by: factor, source: source),
                "only \(pointCount) points: intervals widened ×\(NumberText.fixed(factor, decimals: 2)) for so few")
    }

    /// A series' scale `s`: its mean absolute yearly change on the working scale `g`, a change over a gap of
    /// k years counted as |Δg|/√k: what a random walk's yearly change would be. (Counting it as |Δg|/k, the
    /// yearly step of a trend, would make a noisy series seen seven years apart look seven times calmer than a
    /// random walk's √7; √k errs the other way, wider, for a trending series with gaps.) NaN with fewer than
    /// two values.
    static func errorScale(_ years: [Int], _ z: [Double]) -> Double {
        guard z.count > 1 else { return .nan }
        var total = 0.0
        for i in 1..<z.count { total += abs(z[i] - z[i - 1]) / Double(years[i] - years[i - 1]).squareRoot() }
        return total / Double(z.count - 1)
    }
}
