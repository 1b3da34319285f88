import Common

/// Fits and projects many series, as `pathways trend` does: `auto` (the combination), `select`, or one family,
/// each series to a year or a number of years past its last observation.
public enum TrendProjection {
    /// The horizons `project` takes: a trend extrapolated more than a century says nothing.
    public static let horizonRange = 1...100

    /// The forecasts ``project(_:method:options:to:horizon:)`` makes, as columns, for series that share their
    /// years (`table`, each row's panel in `panels`) when they need no fit object per series: no year excluded,
    /// and `auto` or one family (the regression families fitted as `TrendFitter.fit` fits them, without the
    /// kernel, so every number is `project`'s). nil otherwise.
    public static func columns(_ table: TrendTable, panels: [String], method: TrendMethod, options: TrendOptions, to: Int?,
                               horizon: Int) -> TrendColumns? {
        guard options.excludedYears.isEmpty, let last = table.years.last else { return nil }
        let end = min(to ?? last + horizon, YearRange.supported.upperBound)
        let forecastYears = end > last ? Array((last + 1)...end) : []
        switch method {
        case .select:
            return nil
        case .auto:
            let validation = ValidationOptions(horizon: max(5, min(to.map { $0 - last } ?? horizon, 30)))
            let series = (0..<table.count).map { s in
                TrendSeries(id: table.ids[s], years: table.years, values: table.values.row(s), panel: panels[s])
            }
            return TrendFitter.autoColumns(series, options: options, validation: validation, years: forecastYears)
        case .family(let family):
            return TrendFitter.forecastColumns(table, family: family, options: options, years: forecastYears, kernel: false)
        }
    }

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
            // Validation (and calibration) covers the horizons asked for.
            let longest = to.map { to in (series.compactMap { $0.years.last }.min()).map { to - $0 } ?? horizon } ?? horizon
            let validation = ValidationOptions(horizon: max(5, min(longest, 30)))
            let selections = method == .auto ? TrendFitter.auto(series, options: options, validation: validation)
                : TrendFitter.select(series, options: options, validation: validation)
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

/// One series' trend result as `pathways trend` shows it.
public struct TrendOutcome: Sendable {
    public let seriesID: String
    /// Every family fitted (the candidates of `auto`, or the one requested).
    public let fits: [TrendFit]
    /// The family used for the forecast, and why.
    public let chosen: TrendFit?
    public let reason: String
    /// Cross-validation accuracy by family (empty without `auto`).
    public let accuracy: [TrendFamily: ForecastAccuracy]
    public let forecast: TrendForecast?

    public init(seriesID: String, fits: [TrendFit], chosen: TrendFit?, reason: String,
                accuracy: [TrendFamily: ForecastAccuracy], forecast: TrendForecast?) {
        self.seriesID = seriesID
        self.fits = fits
        self.chosen = chosen
        self.reason = reason
        self.accuracy = accuracy
        self.forecast = forecast
    }
}
