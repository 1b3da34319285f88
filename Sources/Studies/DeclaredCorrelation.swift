/// The correlation of two indicators' yearly shocks as a study declares it in `study.yaml`, for indicators
/// whose histories share too few years to estimate it:
///
/// ```yaml
/// correlations:
///   "urban_income,rural_income": {value: 0.9, source: "why 0.9: a sentence a reader can check"}
///   "gdp,urban_income": {growth_panel: sources/growth-panel.csv}
/// ```
///
/// A `growth_panel` is a CSV file `region,indicator,year,growth,source` of published yearly growth rates in
/// percent of the two indicators (any regions; the study's own, its province, its neighbours): the
/// correlation is that of their growth rates in the same region and year, each region's mean removed.
public struct DeclaredCorrelation: Sendable, Hashable {
    /// Where a declared value comes from.
    public enum Basis: Sendable, Hashable {
        /// A value stated in `study.yaml`, with the study's account of it.
        case stated(source: String)
        /// Computed from a panel of growth rates: the file and its region-year pairs.
        case growthPanel(file: String, pairs: [GrowthPair])
    }

    /// The two indicators' growth rates (percent) in one region and year of a panel.
    public struct GrowthPair: Sendable, Hashable {
        public var region: String
        public var year: Int
        public var first: Double
        public var second: Double

        public init(region: String, year: Int, first: Double, second: Double) {
            self.region = region
            self.year = year
            self.first = first
            self.second = second
        }
    }

    /// The pair of indicators (growth pairs hold `first`'s growth, then `second`'s).
    public var pair: ScenarioSpec.IndicatorPair
    public var basis: Basis
    /// The stated value; nil for a panel (the runner computes it).
    public var value: Double?
    /// The line of `study.yaml` where it is declared.
    public var line: Int

    public init(pair: ScenarioSpec.IndicatorPair, basis: Basis, value: Double? = nil, line: Int = 0) {
        self.pair = pair
        self.basis = basis
        self.value = value
        self.line = line
    }

    /// The fewest region-years a panel needs: as many as the runner needs to estimate a correlation from a
    /// study's own residuals.
    public static let minimumPanelPairs = 5
}

/// Decodes a growth panel: `region,indicator,year,growth,source`.
enum GrowthPanelDecoder {
    static let columns = ["region", "indicator", "year", "growth", "source"]

    /// The pairs of region-years where both indicators of `pair` have a growth rate.
    static func decode(_ table: CSVTable, pair: ScenarioSpec.IndicatorPair, log: inout DiagnosticLog) -> [DeclaredCorrelation.GrowthPair] {
        for problem in table.problems { log.error(problem.line, column: problem.column, "", problem.message) }
        guard let header = table.records.first else {
            log.error(1, "", "empty file; expected the header \(columns.joined(separator: ","))")
            return []
        }
        let names = header.fields.map(TableCell.normalized)
        guard names == columns else {
            log.error(header.line, "", "the header must be \(columns.joined(separator: ",")), found \(names.joined(separator: ","))")
            return []
        }
        var growth: [String: [Int: (first: Double?, second: Double?)]] = [:]
        for record in table.records.dropFirst() {
            guard record.fields.count == columns.count else {
                log.error(record.line, "", "\(record.fields.count) fields, but the header has \(columns.count); quote a field that contains a comma")
                continue
            }
            let cell = record.fields.map(TableCell.normalized)
            let (region, indicator) = (cell[0], cell[1])
            guard let year = TableCell.year(cell[2]), StudyLoader.validYears.contains(year) else {
                log.error(record.line, column: 3, "year", "expected a year in \(StudyLoader.validYears), found '\(cell[2])'")
                continue
            }
            // The one cell reader of every table: a missing value is skipped, a bad one named with its reason.
            let value: Double
            switch TableCell.number(cell[3]) {
            case .success(let number?): value = number.value
            case .success(nil): continue
            case .failure(let problem):
                log.error(record.line, column: 4, "growth", "growth '\(TableCell.visible(cell[3]))' \(problem) (percent, as published: 5.4)")
                continue
            }
            if cell[4].isEmpty { log.error(record.line, "source", "missing source: say where the number was read") }
            guard indicator == pair.first || indicator == pair.second else {
                log.error(record.line, "indicator", "'\(indicator)' is neither \(pair.first) nor \(pair.second)")
                continue
            }
            var entry = growth[region, default: [:]][year] ?? (nil, nil)
            let isFirst = indicator == pair.first
            if (isFirst ? entry.first : entry.second) != nil {
                log.error(record.line, "year", "duplicate growth of '\(indicator)' in \(region) \(year)")
                continue
            }
            if isFirst { entry.first = value } else { entry.second = value }
            growth[region, default: [:]][year] = entry
        }
        var pairs: [DeclaredCorrelation.GrowthPair] = []
        for region in growth.keys.sorted() {
            for (year, entry) in growth[region]!.sorted(by: { $0.key < $1.key }) {
                if let a = entry.first, let b = entry.second { pairs.append(.init(region: region, year: year, first: a, second: b)) }
            }
        }
        return pairs
    }
}
