import Common

/// What one table cell says, read the way spreadsheets and yearbooks write numbers.
public enum TableCell {
    /// A cell's number: its value, and whether it was written with a percent sign (`65.3%` is 65.3).
    public struct Number: Sendable, Hashable {
        public var value: Double
        public var percentSign: Bool
    }

    /// Why a cell is not a number.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        case number(DecimalNumber.Problem)
        /// A comma that does not separate groups of three digits: `1,5` could be 1.5 or 15.
        case ambiguousComma

        public var description: String {
            switch self {
            case .number(let problem): return problem.description
            case .ambiguousComma: return "has a comma that does not separate thousands (1,234.5); write the number without it"
            }
        }
    }

    /// Marks that yearbooks and spreadsheets use for "no value": read as a missing value, never as 0.
    public static let missingMarks: Set<String> = ["", "-", "--", "—", "——", "–", "…", "……", "...", "－"]

    /// Reads a number cell: `nil` for a missing value (empty, `-`, `…`); the number; or why it is not one.
    ///
    /// Before the strict `DecimalNumber` rules apply, spaces (ASCII, no-break, ideographic) around the text
    /// are dropped, full-width characters become ASCII (`１２３．５` → `123.5`, `－` → `-`), a trailing `%`
    /// is noted and dropped, and commas that separate groups of three digits in the whole part (`1,234.5`)
    /// are removed. A comma anywhere else is refused: `1,5` could be 1.5 or 15.
    public static func number(_ raw: String) -> Result<Number?, Problem> {
        var text = normalized(raw)
        // Fast path, the common case: a plain decimal starting with a digit goes straight to the strict parser.
        if let first = text.utf8.first, first >= 0x30 && first <= 0x39,
           text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x65 || $0 == 0x45 || $0 == 0x2B || $0 == 0x2D }) {
            switch DecimalNumber.parse(text) {
            case .success(let value): return .success(Number(value: value, percentSign: false))
            case .failure(let problem): return .failure(.number(problem))
            }
        }
        if missingMarks.contains(text) { return .success(nil) }
        var percent = false
        if text.hasSuffix("%") {
            percent = true
            text.removeLast()
            text = trimmed(text)
        }
        if text.contains(",") {
            guard let plain = withoutThousandsSeparators(text) else { return .failure(.ambiguousComma) }
            text = plain
        }
        switch DecimalNumber.parse(text) {
        case .success(let value): return .success(Number(value: value, percentSign: percent))
        case .failure(let problem): return .failure(.number(problem))
        }
    }

    /// `number(_:)` of a cell's UTF-8 bytes: a plain decimal (ASCII, starting with a digit) is read where it is,
    /// anything else as text, so both give the same answer.
    public static func number(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Result<Number?, Problem> {
        if let first = bytes.first, first >= 0x30 && first <= 0x39 {
            // A decimal the grammar reads whole is plain (its bytes are digits, `.`, `e`, `E`, `+` and `-` only);
            // one it stops short in is read as text, unless every byte is plain.
            switch DecimalNumber.parse(plain: bytes) {
            case .success(let value): return .success(Number(value: value, percentSign: false))
            case .failure(let problem): if bytes.allSatisfy(isPlainNumberByte) { return .failure(.number(problem)) }
            }
        }
        return number(String(decoding: bytes, as: UTF8.self))
    }

    /// Digits, `.`, `e`, `E`, `+`, `-`: the bytes of a plain decimal.
    private static func isPlainNumberByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || b == 0x2E || b == 0x65 || b == 0x45 || b == 0x2B || b == 0x2D
    }

    /// `year(_:)` of a cell's UTF-8 bytes: up to six ASCII digits are read where they are, anything else as text.
    public static func year(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        if !bytes.isEmpty, bytes.count <= 6, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        return year(String(decoding: bytes, as: UTF8.self))
    }

    /// Whether `normalized(_:)` leaves these UTF-8 bytes as they are: no space (ASCII, no-break or
    /// ideographic) at either end, and no full-width form or minus sign inside.
    public static func isNormalized(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return true }
        if first == 0x20 || last == 0x20 { return false }
        var i = 0
        let n = bytes.count
        // Eight ASCII bytes at a time, the common case: nothing to normalize in them.
        while i + 8 <= n, UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            // U+FF01...U+FF5E is EF BC 81...EF BD 9E; U+2212 is E2 88 92.
            if b == 0xEF, i + 1 < n, bytes[i + 1] == 0xBC || bytes[i + 1] == 0xBD { return false }
            if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x88, bytes[i + 2] == 0x92 { return false }
            i += 1
        }
        // U+00A0 (C2 A0) and U+3000 (E3 80 80) at either end.
        if n >= 2, (bytes[0] == 0xC2 && bytes[1] == 0xA0) || (bytes[n - 2] == 0xC2 && bytes[n - 1] == 0xA0) { return false }
        if n >= 3, (bytes[0] == 0xE3 && bytes[1] == 0x80 && bytes[2] == 0x80) || (bytes[n - 3] == 0xE3 && bytes[n - 2] == 0x80 && bytes[n - 1] == 0x80) {
            return false
        }
        return true
    }

    /// Calls `body` with the UTF-8 bytes of `normalized(_:)` of a cell's bytes: the bytes themselves when they
    /// need no change (the common case, without a copy).
    public static func withNormalized<R>(utf8 bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if isNormalized(utf8: bytes) { return body(bytes) }
        var text = normalized(String(decoding: bytes, as: UTF8.self))
        return text.withUTF8(body)
    }

    /// Reads a year cell: `2019`, `2019年`, `２０１９`, or `2019.0` as a spreadsheet may store it.
    public static func year(_ raw: String) -> Int? {
        var text = normalized(raw)
        if text.hasSuffix("年") { text.removeLast() }
        if text.hasSuffix(".0") { text.removeLast(2) }
        guard !text.isEmpty, text.count <= 6, text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || $0 == "-" }) else { return nil }
        return Int(text)
    }

    /// Text with surrounding spaces dropped and full-width ASCII forms (U+FF01...U+FF5E) and the minus sign
    /// (U+2212) mapped to ASCII.
    public static func normalized(_ raw: String) -> String {
        // Fast path, the common case: ASCII without spaces at either end needs no change.
        let utf8 = raw.utf8
        if utf8.first != 0x20, utf8.last != 0x20, utf8.allSatisfy({ $0 < 0x80 }) { return raw }
        var scalars = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x2212: scalars.append("-")
            default: scalars.append(scalar)
            }
        }
        return trimmed(String(scalars))
    }

    /// Text for a message: control characters shown as their visible symbols (NUL as ␀), so a message
    /// never carries one to the terminal.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0..<0x20: scalars.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F: scalars.append("\u{2421}")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    static func trimmed(_ text: String) -> String {
        let spaces: Set<Unicode.Scalar> = [" ", "\u{00A0}", "\u{3000}"]
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, spaces.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, spaces.contains(last) { scalars.removeLast() }
        return String(scalars)
    }

    /// `1,234,567.5` → `1234567.5`; nil unless every comma separates groups of three digits in the whole part.
    static func withoutThousandsSeparators(_ text: String) -> String? {
        var body = Substring(text)
        var sign = ""
        if body.hasPrefix("-") || body.hasPrefix("+") { sign = String(body.removeFirst()) }
        let end = body.firstIndex { $0 == "." || $0 == "e" || $0 == "E" } ?? body.endIndex
        let groups = body[..<end].split(separator: ",", omittingEmptySubsequences: false)
        guard groups.count > 1, (1...3).contains(groups[0].count),
              groups.dropFirst().allSatisfy({ $0.count == 3 }),
              groups.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } }),
              !body[end...].contains(",") else { return nil }
        return sign + groups.joined() + body[end...]
    }
}
