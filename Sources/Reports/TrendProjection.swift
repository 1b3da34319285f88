import LeastSquares
import Studies
import Trends

/// Fits and projects many series for `pathways trend`: `auto` (the combination), `select`, or one family.
public enum TrendProjection {
    /// The forecasts `project` makes, as columns, when they need no fit object per series: every series observed in
    /// the same years, no year excluded, and `auto` or one family (the regression families fitted as
    /// `TrendFitter.fit` fits them, without the kernel, so every number is `project`'s). nil otherwise.
    public static func columns(_ set: DataFile.SeriesSet, method: TrendMethod, options: TrendOptions, to: Int?, horizon: Int) -> TrendColumns? {
        guard options.excludedYears.isEmpty, let years = set.sharedYears, let last = years.last else { return nil }
        let end = to ?? last + horizon
        let forecastYears = end > last ? Array((last + 1)...end) : []
        switch method {
        case .select:
            return nil
        case .auto:
            var calibrated = options
            calibrated.horizon = max(options.horizon, min(to.map { $0 - last } ?? horizon, 30))
            let series = (0..<set.count).map { s in
                TrendSeries(id: set.ids[s], years: years, values: Array(set.values[set.starts[s]..<set.starts[s + 1]]), panel: set.indicators[s])
            }
            return TrendFitter.autoColumns(series, options: calibrated, years: forecastYears)
        case .family(let family):
            let m = set.count, n = years.count
            var values = Matrix(rows: m, columns: n)
            for s in 0..<m { for i in 0..<n { values[s, i] = set.values[set.starts[s] + i] } }
            return TrendFitter.forecastColumns(TrendTable(ids: set.ids, years: years, values: values), family: family, options: options,
                                               years: forecastYears, kernel: false)
        }
    }

    /// - Parameters:
    ///   - to: last forecast year; nil projects `horizon` years past each series' last year.
    public static func project(_ series: [TrendSeries], method: TrendMethod, options: TrendOptions, to: Int?, horizon: Int) -> [TrendOutcome] {
        func years(_ fit: TrendFit) -> [Int] {
            let last = fit.years.last!
            let end = to ?? last + horizon
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
