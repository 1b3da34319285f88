/// Decodes `history.csv`: `indicator,year,value,source`, one observation a row.
enum HistoryDecoder {
    static let columns = ["indicator", "year", "value", "source"]

    static func decode(_ table: CSVTable, declaredIDs: Set<String>?, indicators: [String: Indicator], log: inout DiagnosticLog) -> [Observation] {
        for problem in table.problems {
            log.error(problem.line, "", problem.message)
        }
        guard let header = table.records.first else {
            log.error(1, "", "empty file; expected the header \(columns.joined(separator: ","))")
            return []
        }
        var position: [String: Int] = [:]
        for (i, name) in header.fields.enumerated() {
            let name = name.trimmingCharacters(in: .whitespaces)
            if !columns.contains(name) {
                var message = "unknown column '\(MappingFields.shown(name))'"
                if let guess = MappingFields.closest(to: name, in: columns) { message += "; did you mean '\(guess)'?" }
                log.error(header.line, name, message)
            } else if position[name] != nil {
                log.error(header.line, name, "column '\(name)' appears twice")
            } else {
                position[name] = i
            }
        }
        let missing = columns.filter { position[$0] == nil }
        if !missing.isEmpty {
            log.error(header.line, missing.joined(separator: ","), "missing column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")); the header is \(columns.joined(separator: ","))")
            return []
        }

        var observations: [Observation] = []
        var firstLine: [String: Int] = [:]
        for record in table.records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                log.error(record.line, "", "\(record.fields.count) fields, but the header has \(header.fields.count); quote a field that contains a comma")
                continue
            }
            func cell(_ name: String) -> String { record.fields[position[name]!].trimmingCharacters(in: .whitespaces) }
            let before = log.items.count
            let id = cell("indicator")
            if id.isEmpty {
                log.error(record.line, "indicator", "missing indicator id")
            } else if let declared = declaredIDs, !declared.contains(id) {
                var message = "unknown indicator '\(MappingFields.shown(id))'"
                if let guess = MappingFields.closest(to: id, in: declared.sorted()) { message += "; did you mean '\(guess)'?" }
                log.error(record.line, "indicator", message)
            } else if indicators[id]?.isDerived == true {
                log.error(record.line, "indicator", "'\(id)' is derived from a formula and takes no observations; give a published value its own indicator")
            }
            let yearText = cell("year")
            let year = Int(yearText)
            if year == nil {
                log.error(record.line, "year", "expected a year, found '\(yearText)'")
            } else if let year, !StudyLoader.validYears.contains(year) {
                log.error(record.line, "year", "year \(year) is out of range \(StudyLoader.validYears.lowerBound)...\(StudyLoader.validYears.upperBound)")
            }
            let valueText = cell("value")
            let value = MappingFields.parseNumber(valueText)
            if value == nil {
                log.error(record.line, "value", valueText.isEmpty ? "missing value; leave a year out rather than fill it" : "value '\(valueText)' is not a number")
            }
            let source = cell("source")
            if source.isEmpty {
                log.error(record.line, "source", "missing source: say where the number was read")
            }
            if let year, !id.isEmpty {
                let key = "\(id)\u{0}\(year)"
                if let first = firstLine[key] {
                    log.error(record.line, "year", "duplicate observation of '\(id)' in \(year) (first on line \(first)); keep one vintage per series")
                } else {
                    firstLine[key] = record.line
                }
            }
            if log.items.count == before, let year, let value {
                observations.append(Observation(indicator: id, year: year, value: value, source: source, line: record.line))
            }
        }
        return observations
    }
}
