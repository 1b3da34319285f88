import Common
import Foundation
import Trends
import Studies

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

/// Text, CSV and JSON for `pathways trend`.
public enum TrendText {
    public static let csvColumns = ["indicator", "year", "family", "mean", "lo80", "hi80", "lo95", "hi95"]

    /// The fits side by side, then the forecast table, for each series.
    public static func table(_ outcomes: [TrendOutcome]) -> String {
        var out = ""
        for o in outcomes {
            let years = o.fits.first.map { "\($0.observationCount) points, \($0.years.first!)–\($0.years.last!)" } ?? "no fit"
            out += "\(o.seriesID) (\(years))\n"
            out += "  " + ["family", "parameters (t = year − last year)", "growth", "AICc", "CV sMAPE", "CV MASE"].enumerated()
                .map { pad($1, [14, 44, 9, 10, 9, 8][$0], left: $0 < 2) }.joined(separator: " ") + "\n"
            for fit in o.fits {
                let marker = fit.family == o.chosen?.family ? "*" : " "
                var params = zip(fit.parameterNames, fit.parameters).map { "\($0)=\(NumberText.scientific($1, digits: 5))" }.joined(separator: " ")
                if let cap = fit.cap { params += " cap=\(NumberText.scientific(cap, digits: 5))" }
                if let phi = fit.dampingFactor { params += " φ=\(NumberText.scientific(phi, digits: 3))" }
                let accuracy = o.accuracy[fit.family]
                let cells = [marker + fit.family.name, params, NumberText.percent(fit.growthRate, decimals: 2),
                             NumberText.fixed(fit.aicc, decimals: 2), NumberText.fixed(accuracy?.smape, decimals: 2),
                             NumberText.fixed(accuracy?.mase, decimals: 3)]
                out += "  " + cells.enumerated().map { pad($1, [14, 44, 9, 10, 9, 8][$0], left: $0 < 2) }.joined(separator: " ") + "\n"
            }
            out += "  chosen: \(o.chosen?.family.name ?? "none") — \(o.reason)\n"
            if let f = o.forecast {
                let median = f.distributions != nil && o.chosen?.transform != .identity
                out += "  " + ["year", median ? "median" : "mean", "lo80", "hi80", "lo95", "hi95"].map { pad($0, 11, left: false) }.joined() + "\n"
                let i80 = f.intervals(level: 0.8), i95 = f.intervals(level: 0.95)
                for (k, year) in f.years.enumerated() {
                    let cells = [String(year), NumberText.scientific(f.point[k], digits: 6),
                                 NumberText.scientific(i80?[k].lower ?? .nan, digits: 6), NumberText.scientific(i80?[k].upper ?? .nan, digits: 6),
                                 NumberText.scientific(i95?[k].lower ?? .nan, digits: 6), NumberText.scientific(i95?[k].upper ?? .nan, digits: 6)]
                    out += "  " + cells.map { pad($0, 11, left: false) }.joined() + "\n"
                }
            }
            out += "\n"
        }
        return out
    }

    /// One row per series and future year: `indicator,year,family,mean,lo80,hi80,lo95,hi95`.
    public static func csv(_ outcomes: [TrendOutcome]) -> CSVTableWriter {
        var table = CSVTableWriter(header: csvColumns)
        for o in outcomes {
            guard let f = o.forecast else { continue }
            let i80 = f.intervals(level: 0.8), i95 = f.intervals(level: 0.95)
            for (k, year) in f.years.enumerated() {
                table.append([o.seriesID, String(year), f.family.name, NumberText.csv(f.point[k]),
                              NumberText.csv(i80?[k].lower), NumberText.csv(i80?[k].upper),
                              NumberText.csv(i95?[k].lower), NumberText.csv(i95?[k].upper)])
            }
        }
        return table
    }

    /// The CSV rows plus each fit's parameters and standard errors, as JSON.
    public static func json(_ outcomes: [TrendOutcome]) -> String {
        func number(_ x: Double?) -> String { x.map(NumberText.significant17) ?? "null" }
        func array(_ xs: [Double]) -> String { "[" + xs.map(NumberText.significant17).joined(separator: ", ") + "]" }
        var series: [String] = []
        for o in outcomes {
            let fits = o.fits.map { fit in
                "{\"family\": \(JSONText.string(fit.family.name)), \"parameterNames\": [\(fit.parameterNames.map(JSONText.string).joined(separator: ", "))], "
                    + "\"parameters\": \(array(fit.parameters)), \"standardErrors\": \(array(fit.standardErrors)), "
                    + "\"aicc\": \(number(fit.aicc)), \"growthRate\": \(number(fit.growthRate)), \"origin\": \(fit.origin), "
                    + "\"cap\": \(number(fit.cap)), \"dampingFactor\": \(number(fit.dampingFactor))}"
            }
            var rows: [String] = []
            if let f = o.forecast {
                let i80 = f.intervals(level: 0.8), i95 = f.intervals(level: 0.95)
                for (k, year) in f.years.enumerated() {
                    rows.append("{\"year\": \(year), \"family\": \(JSONText.string(f.family.name)), \"mean\": \(number(f.point[k])), "
                                + "\"lo80\": \(number(i80?[k].lower)), \"hi80\": \(number(i80?[k].upper)), "
                                + "\"lo95\": \(number(i95?[k].lower)), \"hi95\": \(number(i95?[k].upper))}")
                }
            }
            series.append("    {\"indicator\": \(JSONText.string(o.seriesID)), \"chosen\": \(o.chosen.map { JSONText.string($0.family.name) } ?? "null"), "
                          + "\"reason\": \(JSONText.string(o.reason)),\n     \"fits\": [\(fits.joined(separator: ", "))],\n     \"forecast\": [\(rows.joined(separator: ", "))]}")
        }
        return "{\"series\": [\n" + series.joined(separator: ",\n") + "\n]}\n"
    }

    /// Pads by display width (CJK characters count as two columns).
    static func pad(_ s: String, _ width: Int, left: Bool) -> String {
        let w = s.unicodeScalars.reduce(0) { $0 + (($1.value >= 0x1100 && $1.value <= 0xFFDC) ? 2 : 1) }
        let fill = String(repeating: " ", count: max(0, width - w))
        return left ? s + fill : fill + s
    }
}
