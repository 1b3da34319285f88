/// Decodes `history.csv` (and the sheets `pathways import` merges into it): observations of a study's
/// indicators, long (`indicator,year,value,source`) or wide (an indicator column, a column per year and a
/// `source` column), every row with the source its number was read from, and an optional `qualifier` column:
/// `approx`, or a bound `>`, `>=`, `<`, `<=` (empty for an exact value; see `ObservationQualifier`).
enum HistoryDecoder {
    static let columns = ["indicator", "year", "value", "source"]
    /// The columns `history.csv` takes (the observation columns, and unit, names, note, target and quote, which are
    /// not read); any other is an error, so a typo of `source` does not pass unseen.
    static let historyColumns = ObservationTable.Columns(allowed: Set(ObservationColumn.allCases).subtracting([.region]), required: [.source], unknownIsError: true)

    /// What observations are checked against.
    struct Context {
        /// Declared indicator ids; `nil` when `study.yaml` could not be read, so ids are not checked.
        var declaredIDs: Set<String>?
        var indicators: [String: Indicator]

        /// The indicator a cell names: its id, or exactly its Chinese or English name.
        func resolve(_ written: String) -> String? {
            if declaredIDs?.contains(written) ?? true { return written }
            let key = written.lowercased()
            return indicators.values.sorted { $0.line < $1.line }
                .first { $0.name.zh == written || $0.name.en.lowercased() == key }?.id
        }
    }

    /// An observation and the cell it was read from.
    struct Read {
        var observation: Observation
        var cell: ObservationCell
    }

    static func decode(_ table: CSVTable, declaredIDs: Set<String>?, indicators: [String: Indicator], log: inout DiagnosticLog) -> [Observation] {
        guard let result = ObservationTable.read(table, columns: historyColumns, log: &log) else { return [] }
        return observations(result, context: Context(declaredIDs: declaredIDs, indicators: indicators), defaultSource: nil, log: &log)
            .map(\.observation)
    }

    /// Checks each cell against the study and returns the observations of the cells that pass: a known,
    /// observed (not derived) indicator; a source (the cell's, else `defaultSource`); a percent sign only on
    /// an indicator measured in %; one value per indicator and year.
    static func observations(_ result: ObservationTable.Result, context: Context, defaultSource: String?, log: inout DiagnosticLog) -> [Read] {
        var reads: [Read] = []
        var first: [String: Int] = [:]
        var reportedIndicators: Set<String> = []
        for cell in result.cells {
            let before = log.items.count
            let written = cell.indicator
            let id = context.resolve(written)
            if id == nil {
                // One message per unknown indicator of a wide row, not one per year.
                if result.shape == .long || reportedIndicators.insert("\(cell.line)\u{0}\(written)").inserted {
                    var message = "unknown indicator '\(MappingFields.shown(written))'"
                    if let declared = context.declaredIDs, let guess = MappingFields.closest(to: written, in: declared.sorted()) {
                        message += "; did you mean '\(guess)'?"
                    }
                    log.error(cell.line, column: cell.indicatorColumn, "indicator", message)
                }
                continue
            }
            let indicator = id.flatMap { context.indicators[$0] }
            if let id, indicator?.isDerived == true {
                if reportedIndicators.insert("\(cell.line)\u{0}\(written)").inserted {
                    log.error(cell.line, column: cell.indicatorColumn, "indicator",
                              "'\(id)' is derived from a formula and takes no observations; give a published value its own indicator")
                }
                continue
            }
            let field = result.shape == .long ? "value" : String(cell.year)
            if cell.number.percentSign, let indicator, !indicator.unit.contains("%") {
                log.error(cell.line, column: cell.column, field,
                          "value '\(cell.valueText)' has a percent sign, but '\(indicator.id)' is measured in \(indicator.unit); write the number in that unit")
            }
            let source = cell.source.isEmpty ? (defaultSource ?? "") : cell.source
            if source.isEmpty {
                let column = result.positions[.source].map { $0 + 1 }
                log.error(cell.line, column: column, "source", "missing source: say where the number was read")
            }
            if let id {
                let key = "\(id)\u{0}\(cell.year)"
                if let line = first[key] {
                    let column = result.shape == .long ? result.positions[.year].map { $0 + 1 } : cell.column
                    log.error(cell.line, column: column, result.shape == .long ? "year" : field,
                              "duplicate observation of '\(id)' in \(cell.year) (first on line \(line)); keep one vintage per series")
                } else {
                    first[key] = cell.line
                }
            }
            let qualifier = ObservationQualifier(code: cell.qualifier)
            if qualifier == nil {
                let column = result.positions[.qualifier].map { $0 + 1 }
                log.error(cell.line, column: column, "qualifier",
                          "qualifier '\(cell.qualifier)' is not one of \(ObservationQualifier.codes.joined(separator: ", ")) (leave it empty for an exact value)")
            }
            if log.items.count == before, let id, let qualifier {
                reads.append(Read(observation: Observation(indicator: id, year: cell.year, value: cell.number.value, source: source, line: cell.line,
                                                           qualifier: qualifier),
                                  cell: cell))
            }
        }
        return reads
    }
}
