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
        var cells: [ObservationCell] = []
        let keepBytes = keep.map { keep in { (bytes: UnsafeBufferPointer<UInt8>) in keep(String(decoding: bytes, as: UTF8.self)) } }
        guard let layout = visit(table, columns: columns, keep: keepBytes, log: &log, cell: { cell in
            cells.append(ObservationCell(indicator: cell.indicator, region: cell.region, year: cell.year, number: cell.number,
                                         valueText: cell.valueText, source: cell.source, line: cell.line, column: cell.column,
                                         indicatorColumn: cell.indicatorColumn, qualifier: cell.qualifier))
        }) else { return nil }
        return Result(shape: layout.shape, cells: cells, positions: layout.positions)
    }

    /// How a table's columns were read from its header.
    struct Layout {
        var shape: Shape
        var positions: [ObservationColumn: Int]
        /// Wide tables: the year of each year column, and its 0-based position.
        var yearColumns: [(year: Int, index: Int)]
        var headerCount: Int
        /// `positions` of the columns every cell reads (looked up once, not per cell).
        let indicatorIndex: Int
        let regionIndex: Int?
        let sourceIndex: Int?
        let qualifierIndex: Int?

        init(shape: Shape, positions: [ObservationColumn: Int], yearColumns: [(year: Int, index: Int)], headerCount: Int) {
            self.shape = shape
            self.positions = positions
            self.yearColumns = yearColumns
            self.headerCount = headerCount
            indicatorIndex = positions[.indicator]!
            regionIndex = positions[.region]
            sourceIndex = positions[.source]
            qualifierIndex = positions[.qualifier]
        }

        func index(_ column: ObservationColumn) -> Int? {
            switch column {
            case .indicator: return indicatorIndex
            case .region: return regionIndex
            case .source: return sourceIndex
            case .qualifier: return qualifierIndex
            default: return positions[column]
            }
        }
    }

    /// A value cell as ``visit(_:columns:keep:log:cell:)`` meets it: its year, number and place, and the other
    /// cells of its row, read when asked for. Valid only during the call.
    struct CellVisit {
        let row: CSVRow
        /// The 0-based positions of the indicator, region and source columns.
        let indicatorIndex: Int
        let regionIndex: Int?
        let sourceIndex: Int?
        let qualifierIndex: Int?
        let year: Int
        let number: TableCell.Number
        /// The 0-based position of the value cell.
        let valueIndex: Int
        /// The indicator cell, normalized.
        let indicatorBytes: UnsafeBufferPointer<UInt8>

        var line: Int { row.line }
        var column: Int { valueIndex + 1 }
        var indicatorColumn: Int { indicatorIndex + 1 }
        var indicator: String { String(decoding: indicatorBytes, as: UTF8.self) }
        /// The value cell as written, normalized.
        var valueText: String { ObservationTable.normalizedText(row, valueIndex) }

        /// The region and source cells, normalized (empty when the table has no such column or the row is short).
        var region: String { regionIndex.map { ObservationTable.normalizedText(row, $0) } ?? "" }
        var source: String { sourceIndex.map { ObservationTable.normalizedText(row, $0) } ?? "" }
        /// The qualifier cell, normalized (empty when there is none).
        var qualifier: String { qualifierIndex.map { ObservationTable.normalizedText(row, $0) } ?? "" }

        /// Whether the qualifier makes the value a bound (`>`, `<=`, …), which is not a value of a series.
        var isBound: Bool {
            guard let k = qualifierIndex, k < row.count else { return false }
            return row.withBytes(k) { TableCell.withNormalized(utf8: $0) { bytes in
                bytes.isEmpty ? false : ObservationQualifier(code: String(decoding: bytes, as: UTF8.self))?.isBound == true
            } }
        }

        /// Calls `body` with the region cell, normalized (empty bytes when there is none).
        func withRegion<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            guard let k = regionIndex, k < row.count else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
            return row.withBytes(k) { TableCell.withNormalized(utf8: $0, body) }
        }
    }

    /// Field `k` of a row normalized; empty beyond the row's end (a short workbook row).
    static func normalizedText(_ row: CSVRow, _ k: Int) -> String {
        k < row.count ? row.withBytes(k) { TableCell.withNormalized(utf8: $0) { String(decoding: $0, as: UTF8.self) } } : ""
    }

    /// The one reader of tables of observations: reads the header of `table` and calls `cell` with every value
    /// cell that holds a number, in order, logging every other problem with its line and column; nil (with the
    /// problems logged) when the header cannot be read. Cells are read as bytes, without a string per field.
    /// - Parameter keep: rows whose (normalized) indicator cell it refuses are skipped before any other cell is read.
    static func visit(_ table: CSVTable, columns: Columns, keep: ((UnsafeBufferPointer<UInt8>) -> Bool)? = nil, log: inout DiagnosticLog,
                      cell: (CellVisit) -> Void) -> Layout? {
        guard let context = RowContext(table, columns: columns, log: &log) else { return nil }
        var isHeader = true
        table.forEachRow { row in
            if isHeader { isHeader = false; return true }
            context.visit(row, keep: keep, log: &log, cell: cell)
            return true
        }
        return context.layout
    }

    /// ``visit(_:columns:keep:log:cell:)`` on all cores: the rows after the header in pieces, each piece's cells
    /// gathered by `cell` into a value of its own (`start(bytes)`, told the piece's size in bytes, or nil for a
    /// table not read from text), the pieces' diagnostics logged in order. The same
    /// cells and diagnostics in the same order; a table whose rows cannot be cut apart (a quoted field may
    /// hold a line end; a workbook sheet) is read as one piece.
    static func visitInPieces<Part: Sendable>(_ table: CSVTable, columns: Columns, keep: (@Sendable (UnsafeBufferPointer<UInt8>) -> Bool)?,
                                              log: inout DiagnosticLog, start: @Sendable (_ bytes: Int?) -> Part,
                                              cell: @Sendable (inout Part, CellVisit) -> Void) -> (layout: Layout, parts: [Part])? {
        guard let context = RowContext(table, columns: columns, log: &log) else { return nil }
        guard case .text(let text) = table.storage, let pieces = text.pieces(4 * Parallel.processorCount), pieces.count > 1 else {
            var bytes: Int? = nil
            if case .text(let text) = table.storage { bytes = text.bytes.count }
            var part = start(bytes)
            var isHeader = true
            table.forEachRow { row in
                if isHeader { isHeader = false; return true }
                context.visit(row, keep: keep, log: &log) { cell(&part, $0) }
                return true
            }
            return (context.layout, [part])
        }
        let file = log.file
        let results = Parallel.map(pieces.count) { k -> (Part, [Diagnostic]) in
            var part = start(pieces[k].range.count)
            var pieceLog = DiagnosticLog(file: file)
            text.forEachRow(in: pieces[k]) { row in
                context.visit(row, keep: keep, log: &pieceLog) { cell(&part, $0) }
                return true
            }
            return (part, pieceLog.items)
        }
        for (_, items) in results { log.items += items }
        return (context.layout, results.map(\.0))
    }

    /// What reading a row needs from the header, checked once (a class: each row's call shares it, copying nothing).
    final class RowContext: Sendable {
        let layout: Layout
        // What each row reads, held apart from `layout` and the columns so that reading one copies no
        // dictionary or set.
        let shape: Shape
        let years: ClosedRange<Int>
        /// The year columns of a wide table, in memory of the context's own: a row reads them without retaining anything.
        let yearColumns: ReadOnlyShare<(year: Int, index: Int)>
        let rowsMayBeShort: Bool
        let headerCount: Int
        let indicatorIndex: Int
        let regionIndex: Int?, sourceIndex: Int?, qualifierIndex: Int?, yearIndex: Int?, valueIndex: Int?

        /// The table's syntax problems and header, logged; nil when the header cannot be read.
        init?(_ table: CSVTable, columns: Columns, log: inout DiagnosticLog) {
            for problem in table.problems {
                log.error(problem.line, column: problem.column, "", problem.message)
            }
            guard let header = table.firstRecord else {
                log.error(1, "", "empty file; expected a header row such as \(ObservationTable.canonicalHeader(columns))")
                return nil
            }
            guard let layout = ObservationTable.readHeader(header, columns: columns, log: &log) else { return nil }
            self.layout = layout
            shape = layout.shape
            years = columns.years
            let columns = UnsafeMutableBufferPointer<(year: Int, index: Int)>.allocate(capacity: layout.yearColumns.count)
            _ = columns.initialize(from: layout.yearColumns)
            yearColumns = ReadOnlyShare(UnsafeBufferPointer(columns))
            rowsMayBeShort = table.rowsMayBeShort
            headerCount = header.fields.count
            indicatorIndex = layout.indicatorIndex
            regionIndex = layout.regionIndex
            sourceIndex = layout.sourceIndex
            qualifierIndex = layout.qualifierIndex
            yearIndex = layout.positions[.year]
            valueIndex = layout.positions[.value]
        }

        deinit { yearColumns.buffer.deallocate() }

        /// Reads one row after the header: its problems to `log`, its value cells with numbers to `cell`.
        func visit(_ row: CSVRow, keep: ((UnsafeBufferPointer<UInt8>) -> Bool)?, log: inout DiagnosticLog, cell: (CellVisit) -> Void) {
            if row.count > headerCount {
                let extra = (headerCount..<row.count).contains { k in row.withBytes(k) { TableCell.withNormalized(utf8: $0) { !$0.isEmpty } } }
                if extra {
                    log.error(row.line, column: headerCount + 1, "",
                              "\(row.count) fields, but the header has \(headerCount); quote a field that contains a comma")
                    return
                }
            } else if row.count < headerCount {
                guard rowsMayBeShort else {
                    log.error(row.line, column: row.count, "",
                              "\(row.count) fields, but the header has \(headerCount); quote a field that contains a comma")
                    return
                }
            }
            // The closures below capture these plain values, not `self`: the context is shared by the workers, and
            // retaining it at every row would make them wait on each other.
            let indicatorIndex = indicatorIndex, regionIndex = regionIndex, sourceIndex = sourceIndex, qualifierIndex = qualifierIndex
            let shape = shape, years = years, yearIndex = yearIndex, valueIndex = valueIndex
            let yearColumns = yearColumns.buffer
            let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
            func withField<R>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { k < row.count ? row.withBytes(k, body) : body(empty) }
            withField(indicatorIndex) { raw in
                TableCell.withNormalized(utf8: raw) { indicator in
                    if let keep, !keep(indicator) { return }
                    /// A value cell read as `number`: a number passed on, a problem logged.
                    func value(_ number: Swift.Result<TableCell.Number?, TableCell.Problem>, year: Int, index: Int, field: @autoclosure () -> String) {
                        switch number {
                        case .success(nil):
                            return
                        case .success(let number?):
                            if indicator.isEmpty {
                                log.error(row.line, column: indicatorIndex + 1, "indicator", "missing indicator id")
                                return
                            }
                            cell(CellVisit(row: row, indicatorIndex: indicatorIndex, regionIndex: regionIndex, sourceIndex: sourceIndex,
                                           qualifierIndex: qualifierIndex, year: year,
                                           number: number, valueIndex: index, indicatorBytes: indicator))
                        case .failure(let problem):
                            let written = ObservationTable.normalizedText(row, index)
                            var message = "value '\(TableCell.visible(written))' \(problem)"
                            if let sign = [">=", "<=", "≥", "≤", ">", "<", "~"].first(where: { written.hasPrefix($0) }) {
                                let number = written.dropFirst(sign.count).trimmingCharacters(in: .whitespaces)
                                message += "; write the number alone (\(number)) and '\(sign == "~" ? "approx" : sign)' in a qualifier column"
                            }
                            log.error(row.line, column: index + 1, field(), message)
                        }
                    }
                    switch shape {
                    case .long:
                        let yearIndex = yearIndex!, valueIndex = valueIndex!
                        let number = withField(valueIndex) { TableCell.number(utf8: $0) }
                        if case .success(nil) = number { return }
                        let year = withField(yearIndex) { raw in TableCell.withNormalized(utf8: raw) { TableCell.year(utf8: $0) } }
                        guard let year else {
                            log.error(row.line, column: yearIndex + 1, "year", "expected a year, found '\(ObservationTable.normalizedText(row, yearIndex))'")
                            return
                        }
                        guard years.contains(year) else {
                            log.error(row.line, column: yearIndex + 1, "year", "year \(year) is out of range \(years.lowerBound)...\(years.upperBound)")
                            return
                        }
                        value(number, year: year, index: valueIndex, field: "value")
                    case .wide:
                        for (year, index) in yearColumns {
                            value(withField(index) { TableCell.number(utf8: $0) }, year: year, index: index, field: String(year))
                        }
                    }
                }
            }
        }
    }

    /// The columns a header names, or nil with its problems logged.
    static func readHeader(_ header: CSVRecord, columns: Columns, log: inout DiagnosticLog) -> Layout? {
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
        return Layout(shape: shape, positions: positions, yearColumns: yearColumns, headerCount: header.fields.count)
    }

    static func canonicalHeader(_ columns: Columns) -> String {
        ObservationColumn.allCases.filter { [.indicator, .year, .value].contains($0) || columns.required.contains($0) }.map(\.rawValue).joined(separator: ",")
    }
}
