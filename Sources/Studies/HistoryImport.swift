import Common
import Foundation

/// Merges filled-in sheets into a study's `history.csv`: every cell checked as `history.csv` itself is
/// (known, observed indicator; year; number; source), each row's source kept, and a value that differs from
/// one already there refused unless `replace` is set. Nothing is written here: the caller writes `rows`.
public enum HistoryImport {
    /// What the merge would write.
    public struct Merge: Sendable {
        /// `history.csv`'s rows, header first: the existing rows in their order (replaced values in place),
        /// then the new ones in study order and by year.
        public var rows: [[String]]
        public var added: Int
        public var replaced: Int
        /// Values already in `history.csv` with the same number.
        public var unchanged: Int
        /// Warnings (ignored columns).
        public var warnings: [Diagnostic]
    }

    /// The merge of `files` into `study`'s history.
    /// - Parameters:
    ///   - existing: `history.csv` as read (nil when the study has none).
    ///   - defaultSource: the source of rows whose sheet gives none (`--source`).
    /// - Throws: `DataFileError` with every problem: cells that fail a check, and conflicts.
    public static func merge(_ files: [TableFile.Loaded], into study: Study, existing: TableFile.Loaded?, defaultSource: String?,
                             replace: Bool) throws(DataFileError) -> Merge {
        let context = HistoryDecoder.Context(declaredIDs: Set(study.indicators.map(\.id)),
                                             indicators: Dictionary(study.indicators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }))
        // The rows already there, as written; a qualifier column is kept when either side has one.
        var rows: [[String]] = [["indicator", "year", "value", "qualifier", "source"]]
        var withQualifier = false
        var index: [String: (row: Int, value: Double, qualifier: ObservationQualifier, line: Int)] = [:]
        if let existing {
            var log = DiagnosticLog(file: existing.name)
            if let result = ObservationTable.read(existing.table, columns: HistoryDecoder.historyColumns, log: &log) {
                withQualifier = withQualifier || result.positions[.qualifier] != nil
                for read in HistoryDecoder.observations(result, context: context, defaultSource: nil, log: &log) {
                    let o = read.observation
                    index[key(o.indicator, o.year)] = (rows.count, o.value, o.qualifier, read.cell.line)
                    // A plain decimal keeps its text (`1.20` stays `1.20`); anything else (`1,234`, `65%`) is written plainly.
                    let text = (try? DecimalNumber.parse(read.cell.valueText).get()) != nil ? read.cell.valueText : NumberText.csv(o.value)
                    rows.append([o.indicator, String(o.year), text, o.qualifier.code, o.source])
                }
            }
            try log.throwIfErrors(path: existing.name)
        }

        var problems: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        var incoming: [(read: HistoryDecoder.Read, file: String)] = []
        var seen: [String: (value: Double, file: String, line: Int)] = [:]
        for file in files {
            var log = DiagnosticLog(file: file.name)
            guard let result = ObservationTable.read(file.table, columns: .lenient, log: &log) else {
                problems += log.items
                continue
            }
            withQualifier = withQualifier || result.positions[.qualifier] != nil
            if let header = file.table.records.first {
                for (i, name) in header.fields.enumerated() {
                    let text = TableCell.normalized(name)
                    if !text.isEmpty, ObservationColumn(header: text) == nil, TableCell.year(text) == nil {
                        log.warning(header.line, column: i + 1, text, "column '\(text)' is not read (import reads indicator, year, value, source, or a column per year)")
                    }
                }
            }
            if let region = result.positions[.region], let header = file.table.records.first {
                log.error(header.line, column: region + 1, header.fields[region],
                          "a study is about one region; import the rows of \(study.region.en) (\(study.region.zh)) without a region column")
                problems += log.items
                continue
            }
            let noSource = result.positions[.source] == nil && defaultSource == nil
            if noSource {
                log.error(file.table.records.first?.line ?? 1, "source", "no source column: add one (where each number was read), or give --source for the whole file")
            }
            // Without any source, every other cell is still checked, but not reported once more for its source.
            let reads = HistoryDecoder.observations(result, context: context, defaultSource: noSource ? "-" : defaultSource, log: &log)
            for read in noSource ? [] : reads {
                let o = read.observation
                if let other = seen[key(o.indicator, o.year)], other.value != o.value {
                    log.error(read.cell.line, column: read.cell.column, "value",
                              "\(o.indicator) \(o.year) is \(NumberText.plain(o.value)) here but \(NumberText.plain(other.value)) in \(other.file) line \(other.line)")
                    continue
                }
                seen[key(o.indicator, o.year)] = (o.value, file.name, read.cell.line)
                incoming.append((read, file.name))
            }
            problems += log.items.filter { $0.severity == .error }
            warnings += log.items.filter { $0.severity == .warning }
        }

        var added: [HistoryDecoder.Read] = []
        var replaced = 0, unchanged = 0
        var merged: Set<String> = []
        for (read, file) in incoming {
            let o = read.observation
            guard merged.insert(key(o.indicator, o.year)).inserted else { continue }
            if let there = index[key(o.indicator, o.year)] {
                if there.value == o.value && there.qualifier == o.qualifier {
                    unchanged += 1
                } else if replace {
                    rows[there.row] = [o.indicator, String(o.year), NumberText.csv(o.value), o.qualifier.code, o.source]
                    replaced += 1
                } else {
                    problems.append(Diagnostic(.error, "\(o.indicator) \(o.year) is \(NumberText.plain(o.value)) here, but history.csv line \(there.line) has "
                                               + "\(NumberText.plain(there.value)); keep one, or run again with --replace to take this file's value",
                                               file: file, line: read.cell.line, column: read.cell.column, field: "value"))
                }
            } else {
                added.append(read)
            }
        }
        if !problems.isEmpty { throw DataFileError(path: files.map(\.name).joined(separator: ", "), diagnostics: problems + warnings) }
        let order = Dictionary(study.indicators.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        added.sort { (order[$0.observation.indicator] ?? 0, $0.observation.year) < (order[$1.observation.indicator] ?? 0, $1.observation.year) }
        for read in added {
            let o = read.observation
            rows.append([o.indicator, String(o.year), NumberText.csv(o.value), o.qualifier.code, o.source])
        }
        if !withQualifier { rows = rows.map { $0.enumerated().filter { $0.offset != 3 }.map(\.element) } }
        return Merge(rows: rows, added: added.count, replaced: replaced, unchanged: unchanged, warnings: warnings)
    }

    private static func key(_ indicator: String, _ year: Int) -> String { "\(indicator)\u{0}\(year)" }
}
