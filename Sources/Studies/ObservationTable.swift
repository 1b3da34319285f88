import Common
/// The columns a table of observations may have, and the English and Chinese headers each is known by.
public enum ObservationColumn: String, Sendable, Hashable, CaseIterable {
    case indicator, year, value, source, region, unit
    case nameZh = "name_zh"
    case nameEn = "name_en"
    case quote, target, note
    /// `approx`, or a bound's sign (`>`, `>=`, `<`, `<=`); empty for an exact value (see `ObservationQualifier`).
    case qualifier

    /// Header texts, compared after trimming and lower-casing; the first is the canonical one.
    public var headers: [String] {
        switch self {
        case .indicator: return ["indicator", "指标", "指标代码", "指标id"]
        case .year: return ["year", "年份", "年度", "年"]
        case .value: return ["value", "数值", "值", "数据"]
        case .source: return ["source", "来源", "数据来源", "出处"]
        case .region: return ["region", "地区", "区域"]
        case .unit: return ["unit", "单位", "计量单位"]
        case .nameZh: return ["name_zh", "指标名称", "中文名称"]
        case .nameEn: return ["name_en", "name", "英文名称"]
        case .quote: return ["quote", "规划原文", "原文"]
        case .target: return ["target", "目标"]
        case .note: return ["note", "备注", "说明"]
        case .qualifier: return ["qualifier", "限定"]
        }
    }

    /// The column a header names, if any.
    public init?(header: String) {
        let key = TableCell.normalized(header).lowercased()
        guard let column = Self.allCases.first(where: { $0.headers.contains(key) }) else { return nil }
        self = column
    }
}

/// One value cell of a table of observations, with where it is: a row of a long table, or one year's
/// cell of a row of a wide table.
public struct ObservationCell: Sendable, Hashable {
    /// The indicator cell as written (trimmed): an id or a name.
    public var indicator: String
    /// The region cell, empty when the table has no region column.
    public var region: String
    public var year: Int
    public var number: TableCell.Number
    /// The value cell as written.
    public var valueText: String
    /// The source cell, empty when absent.
    public var source: String
    public var line: Int
    /// The 1-based column of the value cell.
    public var column: Int
    /// The 1-based column of the indicator cell.
    public var indicatorColumn: Int
    /// The qualifier cell as written (trimmed), empty when absent.
    public var qualifier: String = ""
}

/// Reads a table of observations in either shape:
///
/// - **long**: one observation a row, columns `indicator,year,value` (and `source`, `region`, …);
/// - **wide**: an indicator column and one column per year (`2019` or `2019年` as the header), as
///   yearbooks print them; the row's `source` applies to each of its years.
///
/// Headers may be English or Chinese (`指标,年份,数值,来源`). Missing values (empty, `-`, `…`) are skipped;
/// every other cell that is not a number or year is logged with its line and column.
public enum ObservationTable {
    /// How the columns of a table were read.
    public enum Shape: String, Sendable { case long, wide }

    /// Which columns a reader takes, and what it does with the others.
    public struct Columns: Sendable {
        public var allowed: Set<ObservationColumn>
        /// Columns that must be present (`indicator` always is; `year` and `value` in a long table).
        public var required: Set<ObservationColumn>
        /// An unknown header is an error (true) or ignored (false).
        public var unknownIsError: Bool
        /// The years a cell or a year column may name.
        public var years: ClosedRange<Int>

        public init(allowed: Set<ObservationColumn>, required: Set<ObservationColumn> = [], unknownIsError: Bool,
                    years: ClosedRange<Int> = StudyLoader.validYears) {
            self.allowed = allowed
            self.required = required
            self.unknownIsError = unknownIsError
            self.years = years
        }

        /// Every known column; unknown ones ignored (`trend --csv`, `import`).
        public static let lenient = Columns(allowed: Set(ObservationColumn.allCases), unknownIsError: false)
        /// ``lenient`` with the years of `YearRange.supported`, wider than a study's: data files for `trend` and `backtest`.
        public static let dataFile = Columns(allowed: Set(ObservationColumn.allCases), unknownIsError: false, years: YearRange.supported)
    }

    public struct Result: Sendable {
        public var shape: Shape
        public var cells: [ObservationCell]
        /// The 0-based position of each column found.
        public var positions: [ObservationColumn: Int]
    }

    /// Reads `table`; nil (with the problems logged) when its header cannot be read. A row with fewer fields
    /// than the header is padded with empty cells when the table allows it (a workbook sheet leaves out empty
    /// cells at the end of a row), and is an error otherwise.
    /// - Parameter keep: rows whose indicator cell it refuses are skipped before any other cell is read.
    static func read(_ table: CSVTable, columns: Columns, keep: ((String) -> Bool)? = nil, log: inout DiagnosticLog) -> Result? {
        for problem in table.problems {
            log.error(problem.line, column: problem.column, "", problem.message)
        }
        guard let header = table.records.first else {
            log.error(1, "", "empty file; expected a header row such as \(canonicalHeader(columns))")
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
                message += " (a long table has \(canonicalHeader(columns)); a wide one an indicator column and one column per year)"
                log.error(header.line, column: i + 1, name, message)
                failed = true
            }
        }
        let shape: Shape = positions[.year] == nil && positions[.value] == nil && !yearColumns.isEmpty ? .wide : .long
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
                      + "expected \(canonicalHeader(columns)) (or an indicator column and one column per year)")
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
        return Result(shape: shape, cells: cells, positions: positions)
    }

    static func canonicalHeader(_ columns: Columns) -> String {
        ObservationColumn.allCases.filter { [.indicator, .year, .value].contains($0) || columns.required.contains($0) }.map(\.rawValue).joined(separator: ",")
    }
}
