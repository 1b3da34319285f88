import Common
import Foundation

/// Plain data files given on the command line (`pathways fit --csv`, `trend --csv`, `backtest --csv`):
/// CSV with a header row, read with the same reader as `history.csv`.
public enum DataFile {
    /// One long-format series: the observations of one indicator (of one region) by year.
    public struct Series: Sendable, Equatable {
        /// `region/indicator` when the file has a region column, else the indicator.
        public let id: String
        /// The indicator: series of one indicator for several regions form a panel.
        public let indicator: String
        public let years: [Int]
        public let values: [Double]
    }

    /// Reads the named numeric columns of every row.
    /// - Throws: `DataFileError` listing every missing column and every cell that is not a finite number,
    ///   with its line and column name.
    public static func numericColumns(at url: URL, names: [String]) throws(DataFileError) -> [[Double]] {
        let (table, position, headerLog) = try header(of: url, required: names)
        var log = headerLog
        var columns = names.map { _ in [Double]() }
        for record in table.records.dropFirst() {
            for (k, name) in names.enumerated() {
                let field = record.fields.indices.contains(position[name]!) ? record.fields[position[name]!] : ""
                if let value = MappingFields.parseNumber(field) {
                    columns[k].append(value)
                } else {
                    log.error(record.line, name, "'\(field)' is not a finite number")
                }
            }
        }
        try log.throwIfErrors(path: url.relativePath)
        return columns
    }

    /// Reads a long-format file with columns `indicator,year,value` (others, such as `source`, `unit`, are
    /// ignored). With a `region` column, each (region, indicator) pair is its own series, named
    /// `region/indicator`. Series keep their first-seen order; years are sorted.
    /// - Parameter indicator: keep only this indicator (nil or `all`: every one).
    /// - Throws: `DataFileError` for missing columns, non-numeric values or years, and duplicate years.
    public static func longSeries(at url: URL, indicator wanted: String? = nil) throws(DataFileError) -> [Series] {
        let (table, position, headerLog) = try header(of: url, required: ["indicator", "year", "value"])
        var log = headerLog
        let regionColumn = position["region"]
        var order: [String] = []
        var indicators: [String: String] = [:]
        var rows: [String: [(year: Int, value: Double, line: Int)]] = [:]
        for record in table.records.dropFirst() {
            func field(_ name: String) -> String {
                guard let i = position[name], record.fields.indices.contains(i) else { return "" }
                return record.fields[i].trimmingCharacters(in: .whitespaces)
            }
            let indicator = field("indicator")
            guard wanted == nil || wanted == "all" || indicator == wanted else { continue }
            guard let year = Int(field("year")) else { log.error(record.line, "year", "'\(field("year"))' is not a whole year"); continue }
            guard YearRange.contains(year) else { log.error(record.line, "year", YearRange.outside(year)); continue }
            guard let value = MappingFields.parseNumber(field("value")) else { log.error(record.line, "value", "'\(field("value"))' is not a finite number"); continue }
            let id = regionColumn.map { _ in "\(field("region"))/\(indicator)" } ?? indicator
            if rows[id] == nil { order.append(id); indicators[id] = indicator }
            if let previous = rows[id]?.first(where: { $0.year == year }) {
                log.error(record.line, "year", "\(id) has \(year) twice (first on line \(previous.line))")
                continue
            }
            rows[id, default: []].append((year, value, record.line))
        }
        try log.throwIfErrors(path: url.relativePath)
        return order.map { id in
            let sorted = rows[id]!.sorted { $0.year < $1.year }
            return Series(id: id, indicator: indicators[id]!, years: sorted.map(\.year), values: sorted.map(\.value))
        }
    }

    /// Reads the file and locates the required columns in its header.
    private static func header(of url: URL, required: [String]) throws(DataFileError) -> (CSVTable, [String: Int], DiagnosticLog) {
        let path = url.relativePath
        var log = DiagnosticLog(file: url.lastPathComponent)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DataFileError(path: path, diagnostics: [Diagnostic(.error, "no readable file at \(path)", file: path, line: nil, field: "")])
        }
        let table = CSVReader.read(String(decoding: data, as: UTF8.self))
        for problem in table.problems { log.error(problem.line, "", problem.message) }
        guard let first = table.records.first else {
            log.error(1, "", "empty file; expected a header row")
            throw DataFileError(path: path, diagnostics: log.items)
        }
        var position: [String: Int] = [:]
        for (i, name) in first.fields.enumerated() {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            if position[trimmed] == nil { position[trimmed] = i }
        }
        let missing = required.filter { position[$0] == nil }
        if !missing.isEmpty {
            log.error(first.line, missing.joined(separator: ","), "no column named \(missing.joined(separator: ", ")); the header has \(first.fields.joined(separator: ","))")
        }
        try log.throwIfErrors(path: path)
        return (table, position, log)
    }
}

/// A data file that could not be read: every problem, each with its line and column.
public struct DataFileError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let diagnostics: [Diagnostic]

    /// The most problems listed; a corrupt file of a million lines is summed up, not printed whole.
    public static let listedProblems = 50

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
