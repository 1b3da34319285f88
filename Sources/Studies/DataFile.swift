import Common
import Foundation

/// Plain data files given on the command line (`pathways fit --csv`, `trend --csv`, `backtest --csv`): any
/// table `TableFile` reads (CSV or tab-separated text in UTF-8, UTF-16 or GB18030, or an .xlsx sheet; `-`
/// for standard input), read with the same cell rules as `history.csv`.
public enum DataFile {
    /// One series: the observations of one indicator (of one region) by year.
    public struct Series: Sendable, Equatable {
        /// `region/indicator` when the file has a region column, else the indicator.
        public let id: String
        /// The indicator: series of one indicator for several regions form a panel.
        public let indicator: String
        public let years: [Int]
        public let values: [Double]

        public init(id: String, indicator: String, years: [Int], values: [Double]) {
            self.id = id
            self.indicator = indicator
            self.years = years
            self.values = values
        }
    }

    /// Reads the named numeric columns of every row.
    /// - Throws: `DataFileError` listing every missing column and every cell that is not a number (a
    ///   regression needs every cell: a missing one is an error here), with its line and column.
    public static func numericColumns(path: String, sheet: String? = nil, names: [String]) throws(DataFileError) -> [[Double]] {
        let loaded = try TableFile.read(path: path, sheet: sheet)
        var log = DiagnosticLog(file: loaded.name)
        for problem in loaded.table.problems { log.error(problem.line, column: problem.column, "", problem.message) }
        guard let header = loaded.table.records.first else {
            log.error(1, "", "empty file; expected a header row")
            throw DataFileError(path: loaded.name, diagnostics: log.items)
        }
        var position: [String: Int] = [:]
        for (i, name) in header.fields.enumerated() {
            let trimmed = TableCell.normalized(name)
            if position[trimmed] == nil { position[trimmed] = i }
        }
        let missing = names.filter { position[$0] == nil }
        if !missing.isEmpty {
            log.error(header.line, missing.joined(separator: ","), "no column named \(missing.joined(separator: ", ")); the header has \(header.fields.joined(separator: ","))")
        }
        try log.throwIfErrors(path: loaded.name)
        var columns = names.map { _ in [Double]() }
        for record in loaded.table.records.dropFirst() {
            for (k, name) in names.enumerated() {
                let index = position[name]!
                let field = record.fields.indices.contains(index) ? record.fields[index] : ""
                switch TableCell.number(field) {
                case .success(let number?): columns[k].append(number.value)
                case .success(nil): log.error(record.line, column: index + 1, name, "missing value; a fit needs every row complete")
                case .failure(let problem): log.error(record.line, column: index + 1, name, "'\(TableCell.visible(TableCell.normalized(field)))' \(problem)")
                }
            }
        }
        try log.throwIfErrors(path: loaded.name)
        return columns
    }

    /// The series of a table of observations, long (`indicator,year,value[,region]`; other columns such as `source`
    /// ignored; rows whose `qualifier` is a bound left out) or wide (an indicator column and a column per year), headers in English or Chinese. With a
    /// region column, each (region, indicator) pair is its own series, named `region/indicator`. Series
    /// keep their first-seen order; years are sorted; missing cells are left out.
    /// - Parameter indicator: keep only this indicator (nil or `all`: every one).
    /// - Throws: `DataFileError` for missing columns, cells that are not numbers or years, and duplicate years.
    public static func series(of loaded: TableFile.Loaded, indicator wanted: String? = nil) throws(DataFileError) -> [Series] {
        var log = DiagnosticLog(file: loaded.name)
        let keep: ((String) -> Bool)? = wanted == nil || wanted == "all" ? nil : { $0 == wanted }
        guard let result = ObservationTable.read(loaded.table, columns: .dataFile, keep: keep, log: &log) else {
            throw DataFileError(path: loaded.name, diagnostics: log.items)
        }
        let regional = result.positions[.region] != nil
        var order: [String] = []
        var indicators: [String: String] = [:]
        var rows: [String: [(year: Int, value: Double, line: Int)]] = [:]
        // A bound (`> 70000` with qualifier `>`) is not a value of the series.
        for cell in result.cells where ObservationQualifier(code: cell.qualifier)?.isBound != true {
            let id = regional ? "\(cell.region)/\(cell.indicator)" : cell.indicator
            if rows[id] == nil { order.append(id); indicators[id] = cell.indicator }
            if let previous = rows[id]?.first(where: { $0.year == cell.year }) {
                log.error(cell.line, column: cell.column, result.shape == .long ? "year" : String(cell.year),
                          "\(id) has \(cell.year) twice (first on line \(previous.line))")
                continue
            }
            rows[id, default: []].append((cell.year, cell.number.value, cell.line))
        }
        try log.throwIfErrors(path: loaded.name)
        return order.map { id in
            let sorted = rows[id]!.sorted { $0.year < $1.year }
            return Series(id: id, indicator: indicators[id]!, years: sorted.map(\.year), values: sorted.map(\.value))
        }
    }
}

/// A data file that could not be read: every problem, each with its line and column.
public struct DataFileError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let diagnostics: [Diagnostic]

    /// The most problems listed; a corrupt file of a million lines is summed up, not printed whole.
    public static let listedProblems = 50

    public init(path: String, diagnostics: [Diagnostic]) {
        self.path = path
        self.diagnostics = diagnostics
    }

    public var description: String {
        let more = diagnostics.count - Self.listedProblems
        return "\(path) has \(diagnostics.count) problem\(diagnostics.count == 1 ? "" : "s"):\n"
            + diagnostics.prefix(Self.listedProblems).map { "  \($0)" }.joined(separator: "\n")
            + (more > 0 ? "\n  … and \(more) more" : "")
    }
}

extension DiagnosticLog {
    func throwIfErrors(path: String) throws(DataFileError) {
        if items.contains(where: { $0.severity == .error }) { throw DataFileError(path: path, diagnostics: items) }
    }
}
