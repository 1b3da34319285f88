import Common
import Foundation

/// One record of a table and the line it starts on.
public struct CSVRecord: Sendable, Hashable {
    /// The 1-based line where the record starts (a quoted field may run over several lines); for a
    /// workbook sheet, the row number.
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// A syntax problem in a CSV file, at a line and (when known) a 1-based field number.
public struct CSVProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int?
    public var message: String

    public init(line: Int, column: Int? = nil, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "line \(line)\(column.map { ":\($0)" } ?? ""): \(message)" }
}

/// The records of a table and the syntax problems found; the reader recovers from each problem and goes on.
///
/// A table read from text keeps the text and reads its records again on each pass (``forEachRow(_:)``), a
/// field at a time, without a string per field: a yearbook of a million rows costs its bytes, not ten times
/// them. ``records`` gives every record as strings, for small tables.
public struct CSVTable: Sendable {
    /// Where the records are: UTF-8 text with its separator, or records as given (a workbook sheet).
    enum Storage: Sendable {
        case text(CSVText)
        case records([CSVRecord])
    }

    var storage: Storage
    public var problems: [CSVProblem]
    /// How the table was read, for `--verbose` ("UTF-8, comma-separated"; "sheet 数据 of a workbook").
    public var format: String
    /// Whether a row may have fewer fields than the header (a workbook sheet leaves out empty trailing cells;
    /// in CSV text a short row is a mistake).
    public var rowsMayBeShort: Bool

    public init(records: [CSVRecord], problems: [CSVProblem] = [], format: String = "", rowsMayBeShort: Bool = false) {
        self.storage = .records(records)
        self.problems = problems
        self.format = format
        self.rowsMayBeShort = rowsMayBeShort
    }

    init(text: CSVText, problems: [CSVProblem], format: String) {
        self.storage = .text(text)
        self.problems = problems
        self.format = format
        self.rowsMayBeShort = false
    }

    /// Every record, each field a string.
    public var records: [CSVRecord] {
        get {
            switch storage {
            case .records(let records): return records
            case .text:
                var records: [CSVRecord] = []
                forEachRow { row in
                    records.append(CSVRecord(line: row.line, fields: (0..<row.count).map(row.string)))
                    return true
                }
                return records
            }
        }
        set { storage = .records(newValue) }
    }

    /// Calls `body` with every record in order, until it returns false. The row is valid only during the call.
    public func forEachRow(_ body: (CSVRow) -> Bool) {
        switch storage {
        case .records(let records):
            for record in records {
                let more = record.fields.withUnsafeBufferPointer { body(CSVRow(line: record.line, strings: $0)) }
                if !more { return }
            }
        case .text(let text):
            text.forEachRow(body)
        }
    }

    /// The first record (the header), without reading the others.
    public var firstRecord: CSVRecord? {
        var first: CSVRecord? = nil
        forEachRow { row in
            first = CSVRecord(line: row.line, fields: (0..<row.count).map(row.string))
            return false
        }
        return first
    }
}

/// One record during ``CSVTable/forEachRow(_:)``: its line and its fields, read as bytes or as strings.
public struct CSVRow {
    /// The 1-based line where the record starts.
    public let line: Int
    /// The number of fields.
    public let count: Int
    // A plain value (no reference counting): pointers into the scan's buffers, or to a record's strings.
    private let fields: UnsafePointer<CSVText.Field>?
    private let input: UnsafePointer<UInt8>?
    private let scratch: UnsafePointer<UInt8>?
    private let record: UnsafePointer<String>?

    init(line: Int, strings: UnsafeBufferPointer<String>) {
        self.line = line
        count = strings.count
        fields = nil
        input = nil
        scratch = nil
        record = strings.baseAddress
    }

    init(line: Int, count: Int, fields: UnsafePointer<CSVText.Field>, input: UnsafePointer<UInt8>, scratch: UnsafePointer<UInt8>) {
        self.line = line
        self.count = count
        self.fields = fields
        self.input = input
        self.scratch = scratch
        record = nil
    }

    /// Calls `body` with the UTF-8 bytes of field `k` (quotes removed, `""` read as `"`).
    @inline(__always)
    public func withBytes<R>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let fields {
            let field = fields[k]
            return try body(UnsafeBufferPointer(start: (field.inScratch ? scratch! : input!) + field.start, count: field.count))
        }
        var text = record![k]
        return try text.withUTF8(body)
    }

    /// Field `k` as a string.
    public func string(_ k: Int) -> String {
        if let record { return record[k] }
        return withBytes(k) { String(decoding: $0, as: UTF8.self) }
    }
}

/// A table's text and separator; ``CSVReader`` reads its records on each pass.
struct CSVText: Sendable {
    /// UTF-8 bytes, the text from `start` (past a byte-order mark).
    let bytes: [UInt8]
    let start: Int
    let separator: UInt8
    /// Whether the text holds a quote: without one, every line end ends a record, so the records after the
    /// first can be read in independent pieces (``pieces(_:)``).
    let hasQuotes: Bool

    /// - Parameter separator: nil detects it from the first line.
    init(bytes: [UInt8], start: Int, separator: UInt8?) {
        self.bytes = bytes
        self.start = start
        self.separator = separator ?? bytes.withUnsafeBufferPointer { CSVReader.detectSeparator(UnsafeBufferPointer(rebasing: $0[start...])) }
        hasQuotes = bytes.withUnsafeBufferPointer { $0.count > start && memchr($0.baseAddress! + start, 0x22, $0.count - start) != nil }
    }

    /// Some of the records after the first: the text from `range`, whose first line is `firstLine`.
    struct Piece: Sendable {
        let range: Range<Int>
        let firstLine: Int
    }

    /// The records after the first (the header), in up to `count` pieces that start after a line feed; nil
    /// when the text has a quote (a quoted field may hold a line break, so a line end may not end a record).
    func pieces(_ count: Int) -> [Piece]? {
        guard !hasQuotes else { return nil }
        return bytes.withUnsafeBufferPointer { all -> [Piece] in
            let n = all.count
            let lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
            // Past blank lines and the first record, and its line end.
            var i = start, line = 1
            func skipLineEnd() {
                if all[i] == cr, i + 1 < n, all[i + 1] == lf { i += 1 }
                i += 1
                line += 1
            }
            while i < n, all[i] == lf || all[i] == cr { skipLineEnd() }
            while i < n, all[i] != lf && all[i] != cr { i += 1 }
            if i < n { skipLineEnd() }
            var bounds = [i]
            for k in 1..<max(1, count) {
                var b = max(bounds.last!, i + (n - i) * k / count)
                guard b < n, let found = memchr(all.baseAddress! + b, Int32(lf), n - b) else { break }
                b = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - all.baseAddress! + 1
                if b < n && b > bounds.last! { bounds.append(b) }
            }
            bounds.append(n)
            // Line ends in each piece, counted in parallel: line feeds, and carriage returns not followed by one
            // (counted byte by byte only when the piece has a carriage return at all).
            let text = ReadOnlyShare(all), cuts = bounds
            let lineEnds = Parallel.map(bounds.count - 1) { k -> Int in
                let piece = UnsafeBufferPointer(rebasing: text.buffer[cuts[k]..<cuts[k + 1]])
                guard memchr(piece.baseAddress!, Int32(cr), piece.count) != nil else { return Self.count(lf, in: piece) }
                var ends = 0
                for j in cuts[k]..<cuts[k + 1] where text.buffer[j] == lf || (text.buffer[j] == cr && (j + 1 == n || text.buffer[j + 1] != lf)) { ends += 1 }
                return ends
            }
            var pieces: [Piece] = []
            for k in 0..<(bounds.count - 1) {
                pieces.append(Piece(range: bounds[k]..<bounds[k + 1], firstLine: line))
                line += lineEnds[k]
            }
            return pieces
        }
    }

    /// How many bytes of `bytes` equal `byte`, eight at a time (``equalBytes(_:_:)``).
    static func count(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var total = 0, i = 0
        let n = bytes.count
        while i + 8 <= n {
            total += equalBytes(UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self), byte).nonzeroBitCount
            i += 8
        }
        while i < n { if bytes[i] == byte { total += 1 }; i += 1 }
        return total
    }

    /// The high bit of each byte of `word` (eight bytes of text, the first lowest) that equals `byte`, and no other
    /// bit: a byte of `x = word ^ pattern` is zero exactly when the high bit of `~(((x & 0x7F…) + 0x7F…) | x | 0x7F…)`
    /// is set in it.
    @inline(__always)
    static func equalBytes(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let x = UInt64(littleEndian: word) ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
        return ~(((x & low) &+ low) | x | low)
    }

    /// Calls `body` with every record of `piece`, until it returns false.
    func forEachRow(in piece: Piece, _ body: (CSVRow) -> Bool) {
        bytes.withUnsafeBufferPointer { all in
            var ignored: [CSVProblem]? = nil
            CSVReader.scan(UnsafeBufferPointer(rebasing: all[piece.range]), separator: separator, firstLine: piece.firstLine, problems: &ignored, row: body)
        }
    }

    /// Calls `body` with the text after the byte-order mark.
    func withText<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start...])) }
    }

    /// Where a field's bytes are: in the text, or (a quoted field, or one with a stray quote) in the pass's scratch.
    struct Field {
        var start: Int
        var count: Int
        var inScratch: Bool
    }

    func forEachRow(_ body: (CSVRow) -> Bool) {
        withText { input in
            var ignored: [CSVProblem]? = nil
            CSVReader.scan(input, separator: separator, problems: &ignored, row: body)
        }
    }
}

/// An RFC 4180 reader over UTF-8 bytes: fields separated by a comma (or a tab, as in Excel's "Unicode
/// text"), `"` quoting with `""` for a quote, quoted fields may hold separators and line breaks. Tolerates
/// a UTF-8 byte-order mark, CRLF or CR line ends, and blank lines (skipped). Separators, quotes and line
/// ends are ASCII, so the bytes are scanned without decoding; a field is a slice of the text unless it is
/// quoted, and becomes a string only when asked for.
public enum CSVReader {
    /// Reads comma-separated text.
    public static func read(_ text: String) -> CSVTable {
        read(utf8: Array(text.utf8), separator: UInt8(ascii: ","))
    }

    /// The separator of a table: a tab when the first line has more tabs than commas, else a comma.
    public static func detectSeparator(_ bytes: [UInt8]) -> UInt8 {
        bytes.withUnsafeBufferPointer { detectSeparator($0) }
    }

    static func detectSeparator(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var commas = 0, tabs = 0
        for b in bytes {
            if b == 0x0A || b == 0x0D { if commas + tabs > 0 { break } else { continue } }
            if b == UInt8(ascii: ",") { commas += 1 } else if b == 0x09 { tabs += 1 }
        }
        return tabs > commas ? 0x09 : UInt8(ascii: ",")
    }

    /// Reads UTF-8 bytes separated by `separator` (default: detected from the first line). The syntax problems
    /// are found here (text without a quote has none); the records are read when the table is.
    public static func read(utf8 input: [UInt8], separator: UInt8? = nil) -> CSVTable {
        let text = CSVText(bytes: input, start: input.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0, separator: separator)
        var problems: [CSVProblem]? = []
        // Every syntax problem involves a quote.
        if text.hasQuotes {
            text.withText { input in scan(input, separator: text.separator, problems: &problems) { _ in true } }
        }
        let format = text.separator == 0x09 ? "tab-separated" : "comma-separated"
        return CSVTable(text: text, problems: problems ?? [], format: format)
    }

    /// Reads CSV text and fails on the first syntax problem.
    public static func parse(_ text: String) throws(CSVProblem) -> [CSVRecord] {
        let table = read(text)
        if let first = table.problems.first { throw first }
        return table.records
    }

    /// The one scanner of CSV text: calls `row` with each record until it returns false and, when `problems`
    /// is not nil, appends each syntax problem to it.
    static func scan(_ input: UnsafeBufferPointer<UInt8>, separator: UInt8, firstLine: Int = 1, problems: inout [CSVProblem]?,
                     row: (CSVRow) -> Bool) {
        var fields = GrowingBuffer<CSVText.Field>(capacity: 16)
        var scratch = GrowingBuffer<UInt8>(capacity: 256)
        defer { fields.deallocate(); scratch.deallocate() }
        let base = input.baseAddress ?? UnsafePointer(bitPattern: 1)!
        let n = input.count

        var line = firstLine
        var recordLine = firstLine
        var inQuotes = false
        var quotedFieldLine = 1
        var afterClosingQuote = false
        var fieldWasQuoted = false
        // The field being read: a slice [fieldStart, i) of the text until a quote moves it into the scratch.
        var fieldStart = 0
        var inScratch = false
        var scratchStart = 0

        func fieldIsEmpty(_ i: Int) -> Bool { inScratch ? scratch.count == scratchStart : i == fieldStart }
        /// Moves the field read so far into the scratch.
        func toScratch(_ i: Int) {
            guard !inScratch else { return }
            scratchStart = scratch.count
            for k in fieldStart..<i { scratch.append(base[k]) }
            inScratch = true
        }
        func endField(_ i: Int) {
            if inScratch {
                fields.append(CSVText.Field(start: scratchStart, count: scratch.count - scratchStart, inScratch: true))
            } else {
                fields.append(CSVText.Field(start: fieldStart, count: i - fieldStart, inScratch: false))
            }
            inScratch = false
            afterClosingQuote = false
            fieldWasQuoted = false
        }
        var stopped = false
        func endRecord(_ i: Int) {
            endField(i)
            if !(fields.count == 1 && fields[0].count == 0) {
                stopped = !row(CSVRow(line: recordLine, count: fields.count, fields: fields.pointer, input: base, scratch: scratch.pointer))
            }
            fields.count = 0
            scratch.count = 0
        }

        let quote = UInt8(ascii: "\""), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        var i = 0
        while i < n {
            let c = base[i]
            i += 1
            if inQuotes {
                if c == quote {
                    if i < n && base[i] == quote {
                        scratch.append(quote)
                        i += 1
                    } else {
                        inQuotes = false
                        afterClosingQuote = true
                    }
                } else if c == cr {
                    if i < n && base[i] == lf { i += 1 }
                    scratch.append(lf)
                    line += 1
                } else {
                    if c == lf { line += 1 }
                    scratch.append(c)
                }
                continue
            }
            switch c {
            case separator:
                endField(i - 1)
                fieldStart = i
            case lf, cr:
                let end = i - 1
                if c == cr && i < n && base[i] == lf { i += 1 }
                endRecord(end)
                if stopped { return }
                fieldStart = i
                line += 1
                recordLine = line
            case quote:
                if fieldIsEmpty(i - 1) && !fieldWasQuoted && !afterClosingQuote {
                    toScratch(i - 1)
                    inQuotes = true
                    fieldWasQuoted = true
                    quotedFieldLine = line
                } else {
                    problems?.append(CSVProblem(line: line, column: fields.count + 1, message: "a quote (\") inside an unquoted field; quote the whole field and double the quote"))
                    toScratch(i - 1)
                    scratch.append(c)
                }
            default:
                if afterClosingQuote {
                    problems?.append(CSVProblem(line: line, column: fields.count + 1, message: "text after the closing quote of a field; put a separator after the quote"))
                    afterClosingQuote = false
                }
                if inScratch {
                    scratch.append(c)
                } else {
                    // The rest of a plain field: no byte in it needs a decision. Eight at a time while none is a
                    // separator, a line end or a quote, then byte by byte up to the one that is.
                    while i + 8 <= n {
                        let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                        let stops = CSVText.equalBytes(word, separator) | CSVText.equalBytes(word, lf) | CSVText.equalBytes(word, cr)
                            | CSVText.equalBytes(word, quote)
                        if stops != 0 { i += stops.trailingZeroBitCount >> 3; break }
                        i += 8
                    }
                    while i < n {
                        let b = base[i]
                        if b == separator || b == lf || b == cr || b == quote { break }
                        i += 1
                    }
                }
            }
        }
        if inQuotes {
            problems?.append(CSVProblem(line: quotedFieldLine, column: fields.count + 1, message: "a quoted field is never closed (missing \")"))
        }
        if !fieldIsEmpty(n) || fields.count > 0 || fieldWasQuoted {
            endRecord(n)
        }
    }
}

/// A buffer that grows by doubling, for the scanner's fields and scratch (pointers stay valid between appends).
struct GrowingBuffer<Element> {
    private(set) var pointer: UnsafeMutablePointer<Element>
    private var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        pointer = .allocate(capacity: capacity)
    }

    mutating func append(_ element: Element) {
        if count == capacity {
            let larger = UnsafeMutablePointer<Element>.allocate(capacity: 2 * capacity)
            larger.moveInitialize(from: pointer, count: count)
            pointer.deallocate()
            pointer = larger
            capacity *= 2
        }
        (pointer + count).initialize(to: element)
        count += 1
    }

    subscript(_ k: Int) -> Element { pointer[k] }

    func deallocate() { pointer.deallocate() }
}
