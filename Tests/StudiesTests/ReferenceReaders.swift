// The readers of tables as they were before the byte-level reader (commit c9a86df): a string per field,
// then a cell per value, then a dictionary of rows per series. Kept here as the plain model that the fast
// readers are checked against (InputEquivalenceTests): the same records, problems, series and diagnostics.
// Since then as main's string reader became (issues 15 and 16): the qualifier column (bounds are not values
// of a series, a sign written into a value gets a hint) and the data files' years of YearRange.supported.
import Foundation
@testable import Studies

enum ReferenceCSVReader {
    /// Reads comma-separated text.
    static func read(_ text: String) -> CSVTable {
        read(utf8: Array(text.utf8), separator: UInt8(ascii: ","))
    }

    /// The separator of a table: a tab when the first line has more tabs than commas, else a comma.
    static func detectSeparator(_ bytes: [UInt8]) -> UInt8 {
        var commas = 0, tabs = 0
        for b in bytes {
            if b == 0x0A || b == 0x0D { if commas + tabs > 0 { break } else { continue } }
            if b == UInt8(ascii: ",") { commas += 1 } else if b == 0x09 { tabs += 1 }
        }
        return tabs > commas ? 0x09 : UInt8(ascii: ",")
    }

    /// Reads UTF-8 bytes separated by `separator` (default: detected from the first line).
    static func read(utf8 input: [UInt8], separator: UInt8? = nil) -> CSVTable {
        var start = 0
        if input.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let separator = separator ?? detectSeparator(Array(input[start...]))
        var records: [CSVRecord] = []
        var problems: [CSVProblem] = []

        var line = 1
        var recordLine = 1
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var quotedFieldLine = 1
        var afterClosingQuote = false
        var fieldWasQuoted = false

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            afterClosingQuote = false
            fieldWasQuoted = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields = []
        }

        let quote = UInt8(ascii: "\""), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        var i = start
        let n = input.count
        while i < n {
            let c = input[i]
            i += 1
            if inQuotes {
                if c == quote {
                    if i < n && input[i] == quote {
                        field.append(quote)
                        i += 1
                    } else {
                        inQuotes = false
                        afterClosingQuote = true
                    }
                } else if c == cr {
                    if i < n && input[i] == lf { i += 1 }
                    field.append(lf)
                    line += 1
                } else {
                    if c == lf { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case separator:
                endField()
            case lf, cr:
                if c == cr && i < n && input[i] == lf { i += 1 }
                endRecord()
                line += 1
                recordLine = line
            case quote:
                if field.isEmpty && !fieldWasQuoted && !afterClosingQuote {
                    inQuotes = true
                    fieldWasQuoted = true
                    quotedFieldLine = line
                } else {
                    problems.append(CSVProblem(line: line, column: fields.count + 1, message: "a quote (\") inside an unquoted field; quote the whole field and double the quote"))
                    field.append(c)
                }
            default:
                if afterClosingQuote {
                    problems.append(CSVProblem(line: line, column: fields.count + 1, message: "text after the closing quote of a field; put a separator after the quote"))
                    afterClosingQuote = false
                }
                field.append(c)
            }
        }
        if inQuotes {
            problems.append(CSVProblem(line: quotedFieldLine, column: fields.count + 1, message: "a quoted field is never closed (missing \")"))
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted {
            endRecord()
        }
        let format = separator == 0x09 ? "tab-separated" : "comma-separated"
        return CSVTable(records: records, problems: problems, format: format)
    }

    /// Reads CSV text and fails on the first syntax problem.
    static func parse(_ text: String) throws(CSVProblem) -> [CSVRecord] {
        let table = read(text)
        if let first = table.problems.first { throw first }
        return table.records
    }
}


enum ReferenceObservationReader {
    static func readTable(_ table: CSVTable, columns: ObservationTable.Columns, keep: ((String) -> Bool)? = nil, log: inout DiagnosticLog) -> ObservationTable.Result? {
        for problem in table.problems {
            log.error(problem.line, column: problem.column, "", problem.message)
        }
        guard let header = table.records.first else {
            log.error(1, "", "empty file; expected a header row such as \(ObservationTable.canonicalHeader(columns))")
            return nil
        }
        var positions: [ObservationColumn: Int] = [:]
        var yearColumns: [(year: Int, index: Int)] = []
        var failed = false
        var misspelt: Set<String> = []
        let knownNames = columns.allowed.sorted { $0.rawValue < $1.rawValue }.map(\.rawValue)
        for (i, raw) in header.fields.enumerated() {
            let name = TableCell.normalized(raw)
            if name.isEmpty { continue }
            if let column = ObservationColumn(header: name), columns.allowed.contains(column) {
                if let first = positions[column] {
                    log.error(header.line, column: i + 1, name, "column '\(name)' appears twice (first in column \(first + 1))")
                    failed = true
                } else {
                    positions[column] = i
                }
            } else if let year = TableCell.year(name), name.unicodeScalars.count >= 4 {
                if !columns.years.contains(year) {
                    log.error(header.line, column: i + 1, name, "year \(year) is out of range \(columns.years.lowerBound)...\(columns.years.upperBound)")
                    failed = true
                } else if let first = yearColumns.first(where: { $0.year == year }) {
                    log.error(header.line, column: i + 1, name, "year \(year) appears twice (first in column \(first.index + 1))")
                    failed = true
                } else {
                    yearColumns.append((year, i))
                }
            } else if columns.unknownIsError {
                var message = "unknown column '\(name)'"
                if let guess = MappingFields.closest(to: name, in: knownNames) {
                    message += "; did you mean '\(guess)'?"
                    misspelt.insert(guess)
                }
                message += " (a long table has \(ObservationTable.canonicalHeader(columns)); a wide one an indicator column and one column per year)"
                log.error(header.line, column: i + 1, name, message)
                failed = true
            }
        }
        let shape: ObservationTable.Shape = positions[.year] == nil && positions[.value] == nil && !yearColumns.isEmpty ? .wide : .long
        if shape == .long && !yearColumns.isEmpty {
            log.error(header.line, column: yearColumns[0].index + 1, String(yearColumns[0].year),
                      "a table with year and value columns cannot also have a column per year")
            failed = true
        }
        var required = columns.required.union([.indicator])
        if shape == .long { required.formUnion([.year, .value]) }
        // A required column reported above as misspelt is not reported a second time as missing.
        let missing = required.filter { positions[$0] == nil && !misspelt.contains($0.rawValue) }.sorted { $0.rawValue < $1.rawValue }.map(\.rawValue)
        if !missing.isEmpty {
            let names = missing.joined(separator: ", ")
            log.error(header.line, missing.joined(separator: ","),
                      "missing column\(missing.count == 1 ? "" : "s") \(names); the header is \(header.fields.joined(separator: ",")), "
                      + "expected \(ObservationTable.canonicalHeader(columns)) (or an indicator column and one column per year)")
            failed = true
        }
        if failed { return nil }

        var cells: [ObservationCell] = []
        let indicatorIndex = positions[.indicator]!
        for record in table.records.dropFirst() {
            var fields = record.fields
            if fields.count > header.fields.count {
                let extra = fields[header.fields.count...]
                if extra.contains(where: { !TableCell.normalized($0).isEmpty }) {
                    log.error(record.line, column: header.fields.count + 1, "",
                              "\(fields.count) fields, but the header has \(header.fields.count); quote a field that contains a comma")
                    continue
                }
                fields.removeLast(fields.count - header.fields.count)
            } else if fields.count < header.fields.count {
                guard table.rowsMayBeShort else {
                    log.error(record.line, column: fields.count, "",
                              "\(fields.count) fields, but the header has \(header.fields.count); quote a field that contains a comma")
                    continue
                }
                fields += [String](repeating: "", count: header.fields.count - fields.count)
            }
            func cell(_ column: ObservationColumn) -> String { positions[column].map { TableCell.normalized(fields[$0]) } ?? "" }
            let indicator = cell(.indicator)
            if let keep, !keep(indicator) { continue }
            let region = cell(.region)
            let source = cell(.source)
            var values: [(year: Int, text: String, index: Int)] = []
            switch shape {
            case .long:
                let yearIndex = positions[.year]!, valueIndex = positions[.value]!
                let valueText = fields[valueIndex]
                if case .success(nil) = TableCell.number(valueText) { continue }
                let yearText = TableCell.normalized(fields[yearIndex])
                guard let year = TableCell.year(yearText) else {
                    log.error(record.line, column: yearIndex + 1, "year", "expected a year, found '\(yearText)'")
                    continue
                }
                guard columns.years.contains(year) else {
                    log.error(record.line, column: yearIndex + 1, "year",
                              "year \(year) is out of range \(columns.years.lowerBound)...\(columns.years.upperBound)")
                    continue
                }
                values = [(year, valueText, valueIndex)]
            case .wide:
                values = yearColumns.map { ($0.year, fields[$0.index], $0.index) }
            }
            for (year, text, index) in values {
                switch TableCell.number(text) {
                case .success(nil):
                    continue
                case .success(let number?):
                    if indicator.isEmpty {
                        log.error(record.line, column: indicatorIndex + 1, "indicator", "missing indicator id")
                        break
                    }
                    cells.append(ObservationCell(indicator: indicator, region: region, year: year, number: number, valueText: TableCell.normalized(text),
                                                 source: source, line: record.line, column: index + 1, indicatorColumn: indicatorIndex + 1,
                                                 qualifier: cell(.qualifier)))
                case .failure(let problem):
                    var message = "value '\(TableCell.visible(TableCell.normalized(text)))' \(problem)"
                    let written = TableCell.normalized(text)
                    if let sign = [">=", "<=", "≥", "≤", ">", "<", "~"].first(where: { written.hasPrefix($0) }) {
                        let number = written.dropFirst(sign.count).trimmingCharacters(in: .whitespaces)
                        message += "; write the number alone (\(number)) and '\(sign == "~" ? "approx" : sign)' in a qualifier column"
                    }
                    log.error(record.line, column: index + 1, shape == .long ? "value" : String(year), message)
                }
            }
        }
        return ObservationTable.Result(shape: shape, cells: cells, positions: positions)
    }

    static func series(of loaded: TableFile.Loaded, indicator wanted: String? = nil) throws(DataFileError) -> [DataFile.Series] {
        var log = DiagnosticLog(file: loaded.name)
        let keep: ((String) -> Bool)? = wanted == nil || wanted == "all" ? nil : { $0 == wanted }
        guard let result = readTable(loaded.table, columns: .dataFile, keep: keep, log: &log) else {
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
            return DataFile.Series(id: id, indicator: indicators[id]!, years: sorted.map(\.year), values: sorted.map(\.value))
        }
    }

}
