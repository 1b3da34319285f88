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
        let set = try seriesSet(of: loaded, indicator: wanted)
        return set.ids.indices.map(set.series)
    }

    /// Many series read from one table, stored flat: what ``series(of:indicator:)`` returns, without an array
    /// per series, and with a check for the common case of every series observed in the same years.
    public struct SeriesSet: Sendable {
        /// Each series' id (`region/indicator` with a region column) and indicator, in first-seen order.
        public let ids: [String]
        public let indicators: [String]
        /// Series `s` has the years and values at `starts[s]..<starts[s + 1]`, years increasing.
        public let starts: [Int]
        public let years: [Int]
        public let values: [Double]

        public var count: Int { ids.count }

        public func series(_ s: Int) -> Series {
            Series(id: ids[s], indicator: indicators[s], years: Array(years[starts[s]..<starts[s + 1]]),
                   values: Array(values[starts[s]..<starts[s + 1]]))
        }

        /// The years every series is observed in, when all are observed in the same ones; nil otherwise.
        public var sharedYears: [Int]? {
            guard count > 0 else { return [] }
            let first = years[starts[0]..<starts[1]]
            for s in 1..<count where !years[starts[s]..<starts[s + 1]].elementsEqual(first) { return nil }
            return Array(first)
        }
    }

    /// ``series(of:indicator:)`` as one ``SeriesSet``. Cells are read as bytes and gathered in flat arrays; a
    /// series' id becomes a string once, when the series is first met.
    public static func seriesSet(of loaded: TableFile.Loaded, indicator wanted: String? = nil) throws(DataFileError) -> SeriesSet {
        var log = DiagnosticLog(file: loaded.name)
        let wantedBytes = wanted == nil || wanted == "all" ? nil : Array(wanted!.utf8)
        var keep: (@Sendable (UnsafeBufferPointer<UInt8>) -> Bool)? = nil
        if let wantedBytes { keep = { (bytes: UnsafeBufferPointer<UInt8>) -> Bool in bytes.elementsEqual(wantedBytes) } }
        let read = ObservationTable.visitInPieces(loaded.table, columns: .dataFile, keep: keep, log: &log, start: { PieceCells(bytes: $0) },
                                                  cell: { (part: inout PieceCells, cell: ObservationTable.CellVisit) in part.add(cell) })
        guard let (layout, parts) = read else { throw DataFileError(path: loaded.name, diagnostics: log.items) }
        // The pieces' series in the order the file first meets them.
        let met = parts.reduce(0) { $0 + $1.indicators.count }
        var numbers = SeriesNumbers(capacity: met), indicators: [String] = []
        indicators.reserveCapacity(met)
        let globals = parts.count == 1 ? [Array(parts[0].indicators.indices)] : parts.map { part in
            part.indicators.indices.map { k -> Int in
                let number = numbers.number(part.ids.ids[k], hash: part.ids.hashes[k])
                if number == indicators.count { indicators.append(part.indicators[k]) }
                return number
            }
        }
        if parts.count == 1 { numbers = parts[0].ids; indicators = parts[0].indicators }
        let ids = numbers.ids
        if let set = inRuns(parts, globals: globals, ids: ids, indicators: indicators) {
            try log.throwIfErrors(path: loaded.name)
            return set
        }
        // Cells by series, in file order within a series (a counting sort straight from the pieces).
        var starts = [Int](repeating: 0, count: ids.count + 1)
        for (p, part) in parts.enumerated() { for s in part.series { starts[globals[p][Int(s)] + 1] += 1 } }
        for s in 0..<ids.count { starts[s + 1] += starts[s] }
        let total = starts[ids.count]
        var years = [Int](repeating: 0, count: total), values = [Double](repeating: 0, count: total)
        precondition(total < Int(Int32.max), "fewer than 2^31 cells")
        var lines = [Int32](repeating: 0, count: total), cells = [Int32](repeating: 0, count: total)
        var next = starts, offset = 0
        for (p, part) in parts.enumerated() {
            for k in part.series.indices {
                let g = globals[p][Int(part.series[k])], at = next[g]
                years[at] = Int(part.years[k]); values[at] = part.values[k]; lines[at] = part.lines[k]; cells[at] = Int32(offset + k)
                next[g] += 1
            }
            offset += part.series.count
        }
        // Years sorted within each series; of cells with the same year the first in the file is kept, the
        // others are duplicates (the common case, years already increasing, moves nothing).
        var duplicates: [(cell: Int32, line: Int32, first: Int32, series: Int, year: Int)] = []
        var kept = [0], write = 0
        kept.reserveCapacity(ids.count + 1)
        for s in 0..<ids.count {
            let range = starts[s]..<starts[s + 1]
            var increasing = true
            for at in range.dropFirst() where years[at - 1] >= years[at] { increasing = false; break }
            if increasing {
                if write != range.lowerBound {
                    for at in range { years[write] = years[at]; values[write] = values[at]; write += 1 }
                } else {
                    write = range.upperBound
                }
            } else {
                let sorted = range.sorted { (years[$0], $0) < (years[$1], $1) }
                let moved = sorted.map { (years[$0], values[$0], lines[$0], cells[$0]) }
                var firstLine: Int32 = 0
                for (k, cell) in moved.enumerated() {
                    if k > 0, moved[k - 1].0 == cell.0 {
                        duplicates.append((cell.3, cell.2, firstLine, s, cell.0))
                        continue
                    }
                    firstLine = cell.2
                    years[write] = cell.0; values[write] = cell.1; write += 1
                }
            }
            kept.append(write)
        }
        years.removeLast(total - write)
        values.removeLast(total - write)
        // The column of a value cell: the value column of a long table, the year's of a wide one.
        let yearColumns = Dictionary(layout.yearColumns.map { ($0.year, $0.index + 1) }, uniquingKeysWith: { first, _ in first })
        for duplicate in duplicates.sorted(by: { $0.cell < $1.cell }) {
            let column = layout.shape == .long ? layout.positions[.value]! + 1 : yearColumns[duplicate.year]!
            log.error(Int(duplicate.line), column: column, layout.shape == .long ? "year" : String(duplicate.year),
                      "\(ids[duplicate.series]) has \(duplicate.year) twice (first on line \(duplicate.first))")
        }
        try log.throwIfErrors(path: loaded.name)
        return SeriesSet(ids: ids, indicators: indicators, starts: kept, years: years, values: values)
    }

    /// The set when the cells are already in its order, as a long table usually has them: each series one run of
    /// cells with increasing years, the series one after another (a run may go on from one piece into the next).
    /// Then each piece's cells are copied to their place, in parallel; nil otherwise (the general merge sorts them).
    /// - Parameter globals: each piece's series numbered in the set (in first-seen order).
    private static func inRuns(_ parts: [PieceCells], globals: [[Int]], ids: [String], indicators: [String]) -> SeriesSet? {
        // Numbered in first-seen order, series in runs number the runs 0, 1, 2, … through the pieces: a piece's
        // series are the next numbers, its first perhaps the previous piece's last (then its years go on increasing).
        var last = -1, lastYear = Int32.min
        var starts = [Int](repeating: 0, count: ids.count + 1), offsets = [0]
        for (p, part) in parts.enumerated() {
            offsets.append(offsets[p] + part.years.count)
            guard let firstYear = part.years.first else { continue }
            guard part.inRuns, let first = globals[p].first, first == last + 1 || (first == last && firstYear > lastYear),
                  globals[p].last! == first + globals[p].count - 1 else { return nil }
            for (k, count) in part.counts.enumerated() { starts[first + k + 1] += Int(count) }
            last = globals[p].last!
            lastYear = part.years.last!
        }
        for s in 0..<ids.count { starts[s + 1] += starts[s] }
        let total = offsets.last!, places = offsets
        var years = [Int](), values = [Double]()
        years = [Int](unsafeUninitializedCapacity: total) { yearBuffer, yearCount in
            values = [Double](unsafeUninitializedCapacity: total) { valueBuffer, valueCount in
                let yearsOut = DisjointWrites(yearBuffer), valuesOut = DisjointWrites(valueBuffer)
                Parallel.forEach(total > 0 ? parts.count : 0) { p in
                    guard !parts[p].values.isEmpty else { return }
                    let years = yearsOut.baseAddress! + places[p], values = valuesOut.baseAddress! + places[p]
                    for (k, year) in parts[p].years.enumerated() { years[k] = Int(year) }
                    parts[p].values.withUnsafeBufferPointer { values.initialize(from: $0.baseAddress!, count: $0.count) }
                }
                valueCount = total
            }
            yearCount = total
        }
        return SeriesSet(ids: ids, indicators: indicators, starts: starts, years: years, values: values)
    }
}

/// The cells of a piece of a table, their series numbered in the order the piece first meets them. A series'
/// id becomes a string once, when the series is first met: neighbouring cells usually belong to one series,
/// so a cell is first compared with the previous one's region and indicator bytes.
struct PieceCells: Sendable {
    var ids = SeriesNumbers(), indicators: [String] = []
    var previousKey: [UInt8] = [], previousRegionCount = 0, previous = -1
    var series: [Int32] = [], years: [Int32] = [], lines: [Int32] = [], values: [Double] = []
    /// The cells of each series.
    var counts: [Int32] = []
    /// Whether each series' cells are one run with increasing years, the series one after another.
    var inRuns = true

    /// Room for the cells of a piece of `bytes` bytes (a row of a long table takes at least 8: `a,2020,1` and a
    /// line end): memory reserved and not touched costs nothing, and the arrays need not be copied to grow.
    init(bytes: Int?) {
        guard let bytes else { return }
        let cells = bytes / 8
        series.reserveCapacity(cells)
        years.reserveCapacity(cells)
        lines.reserveCapacity(cells)
        values.reserveCapacity(cells)
    }

    mutating func add(_ cell: ObservationTable.CellVisit) {
        // A bound (`> 70000` with qualifier `>`) is not a value of the series.
        if cell.qualifierIndex != nil, cell.isBound { return }
        let regional = cell.regionIndex != nil
        let s: Int = cell.withRegion { region in
            let indicator = cell.indicatorBytes
            let same = previous >= 0 && previousRegionCount == region.count && previousKey.count == region.count + indicator.count
                && previousKey.withUnsafeBufferPointer { key in
                    (region.isEmpty || memcmp(key.baseAddress!, region.baseAddress!, region.count) == 0)
                        && (indicator.isEmpty || memcmp(key.baseAddress! + region.count, indicator.baseAddress!, indicator.count) == 0)
                }
            if same {
                if Int32(cell.year) <= years.last! { inRuns = false }
                return previous
            }
            previousKey.removeAll(keepingCapacity: true)
            previousKey.append(contentsOf: region)
            previousKey.append(contentsOf: indicator)
            previousRegionCount = region.count
            let name = cell.indicator
            let id = regional ? "\(String(decoding: region, as: UTF8.self))/\(name)" : name
            previous = ids.number(id, hash: SeriesNumbers.hash(id))
            if previous == indicators.count {
                indicators.append(name)
                counts.append(0)
            } else {
                inRuns = false
            }
            return previous
        }
        counts[s] += 1
        series.append(Int32(s))
        years.append(Int32(cell.year))
        values.append(cell.number.value)
        lines.append(Int32(clamping: cell.line))
    }
}

/// Series ids numbered in the order they are first met, found by a 64-bit FNV-1a hash of their bytes in a table
/// of open addressing (ids of one hash told apart by comparing them). A piece hashes each id it meets once; the
/// pieces are then merged on the hashes they kept, without hashing the ids again.
struct SeriesNumbers: Sendable {
    private(set) var ids: [String] = []
    private(set) var hashes: [UInt64] = []
    /// Each slot the number of an id, or -1; a power of two long, at most half full.
    private var slots: [Int32]

    /// Room for `capacity` ids before the table grows.
    init(capacity: Int = 8) {
        var size = 16
        while size < 2 * capacity { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
        ids.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
    }

    /// FNV-1a of the id's UTF-8 bytes.
    static func hash(_ id: String) -> UInt64 {
        var text = id
        return text.withUTF8 { bytes in bytes.reduce(0xCBF2_9CE4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 } }
    }

    /// The slot where the search for a hash starts: its bits mixed into the high ones (Fibonacci hashing), then
    /// as many of those as the table needs.
    private func start(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - slots.count.trailingZeroBitCount))
    }

    /// The number of `id` (whose ``hash(_:)`` is `hash`), the next one if it is new.
    mutating func number(_ id: String, hash: UInt64) -> Int {
        var slot = start(hash)
        while slots[slot] >= 0 {
            let known = Int(slots[slot])
            if hashes[known] == hash && ids[known] == id { return known }
            slot = (slot + 1) & (slots.count - 1)
        }
        precondition(ids.count < Int(Int32.max), "fewer than 2^31 series")
        slots[slot] = Int32(ids.count)
        ids.append(id)
        hashes.append(hash)
        if 2 * ids.count > slots.count { grow() }
        return ids.count - 1
    }

    /// Twice the slots, the ids placed again by the hashes kept.
    private mutating func grow() {
        slots = [Int32](repeating: -1, count: 2 * slots.count)
        for (number, hash) in hashes.enumerated() {
            var slot = start(hash)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(number)
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
