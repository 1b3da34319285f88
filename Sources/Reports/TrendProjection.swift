import Common
import Trends

/// Fits and projects many series for `pathways trend`: `auto` (the combination), `select`, or one family.
public enum TrendProjection {
    /// The horizons `project` takes: a trend extrapolated more than a century says nothing.
    public static let horizonRange = 1...100

    /// - Parameters:
    ///   - to: last forecast year; nil projects `horizon` years past each series' last year.
    public static func project(_ series: [TrendSeries], method: TrendMethod, options: TrendOptions, to: Int?, horizon: Int) -> [TrendOutcome] {
        func years(_ fit: TrendFit) -> [Int] {
            let last = fit.years.last!
            let end = min(to ?? last + horizon, YearRange.supported.upperBound)
            return end > last ? Array((last + 1)...end) : []
        }
        let family: TrendFamily
        switch method {
        case .auto, .select:
            // Calibration covers the horizons asked for.
            var calibrated = options
            let longest = to.map { to in (series.compactMap { $0.years.last }.min()).map { to - $0 } ?? horizon } ?? horizon
            calibrated.horizon = max(options.horizon, min(longest, 30))
            let selections = method == .auto ? TrendFitter.auto(series, options: calibrated) : TrendFitter.select(series, options: calibrated)
            return selections.map { s in
                TrendOutcome(seriesID: s.seriesID, fits: s.fits, chosen: s.chosenFit, reason: s.reason, accuracy: s.accuracy,
                             forecast: s.chosenFit.map { $0.forecast(years($0)) })
            }
        case .family(let f):
            family = f
        }
        return zip(series, TrendFitter.fit(series, family: family, options: options)).map { s, result in
            switch result {
            case .success(let fit):
                return TrendOutcome(seriesID: s.id, fits: [fit], chosen: fit, reason: "requested", accuracy: [:], forecast: fit.forecast(years(fit)))
            case .failure(let error):
                return TrendOutcome(seriesID: s.id, fits: [], chosen: nil, reason: error.description, accuracy: [:], forecast: nil)
            }
        }
    }
}
