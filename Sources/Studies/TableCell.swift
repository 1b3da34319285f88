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
