import Common
import Trends
import Studies

/// The table of `pathways backtest`: accuracy and interval coverage per method and horizon.
public enum BacktestText {
    public static func table(_ backtest: Backtest) -> String {
        var out = "Rolling-origin backtest over \(backtest.seriesCount) series (forecasts from every origin with at least 6 training points).\n\n"
        out += "| method | horizon | forecasts | sMAPE % | MASE | MSIS | 80% covered | 95% covered |\n"
        out += "|---|---|---|---|---|---|---|---|\n"
        for row in backtest.rows {
            let a = row.accuracy
            out += "| \(row.method) | \(row.horizon.map(String.init) ?? "all") | \(a.count) | \(NumberText.fixed(a.smape, decimals: 2)) | "
                + "\(NumberText.fixed(a.mase, decimals: 3)) | \(NumberText.fixed(a.msis, decimals: 2)) | \(NumberText.percent(a.coverage80, decimals: 1)) | \(NumberText.percent(a.coverage95, decimals: 1)) |\n"
        }
        let families = backtest.methods.filter { $0 != "auto" && $0 != "select" }.compactMap { backtest.overall($0) }
        if let auto = backtest.overall("auto"), !families.isEmpty {
            func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2 }
            let smape = median(families.map(\.smape)), mase = median(families.map(\.mase))
            out += "\nauto: sMAPE \(NumberText.fixed(auto.smape, decimals: 2)) against the median family's \(NumberText.fixed(smape, decimals: 2)); "
                + "MASE \(NumberText.fixed(auto.mase, decimals: 3)) against \(NumberText.fixed(mase, decimals: 3)); "
                + "intervals cover \(NumberText.percent(auto.coverage80, decimals: 1)) (80% nominal) and \(NumberText.percent(auto.coverage95, decimals: 1)) (95% nominal).\n"
        }
        for skipped in backtest.skipped { out += "skipped \(skipped.series): \(skipped.reason)\n" }
        return out
    }

    /// Every scored forecast as a tidy CSV, one row per series, method, origin and year, for pandas or R:
    /// the forecast, the actual value, the 80% and 95% bounds, and the predictive distribution behind them
    /// (`location` and `scale` on the fitted scale, t degrees of freedom, transform).
    public static func forecastsCSV(_ backtest: Backtest) -> String {
        var table = CSVTableWriter(header: ["series", "method", "family", "origin", "year", "horizon", "actual", "forecast",
                                            "lo80", "hi80", "lo95", "hi95", "location", "scale", "df", "transform"])
        for f in backtest.forecasts {
            let r = f.record, d = r.distribution
            let i80 = d?.interval(level: 0.8), i95 = d?.interval(level: 0.95)
            let transform: String
            switch d?.transform {
            case .identity?: transform = "identity"
            case .log?: transform = "log"
            case .logit(let cap)?: transform = "logit(\(NumberText.csv(cap)))"
            case nil: transform = ""
            }
            table.append([f.series, f.method, f.family, String(r.origin), String(r.year), String(r.horizon), NumberText.csv(r.actual),
                          NumberText.csv(r.forecast), NumberText.csv(i80?.lower), NumberText.csv(i80?.upper), NumberText.csv(i95?.lower),
                          NumberText.csv(i95?.upper), NumberText.csv(d?.location), NumberText.csv(d?.scale), NumberText.csv(d?.degreesOfFreedom),
                          transform])
        }
        return table.text()
    }
}
