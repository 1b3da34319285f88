/// The one strict reader of decimal number text, for every file a study or a command reads.
///
/// Accepts `[+-]digits[.digits][e[+-]digits]` (or `.5`, `5.`) in ASCII and nothing else: no hexadecimal
/// (`0x10`), no `nan` or `inf`, no control characters (a NUL inside `42\0…` would otherwise end the
/// number early), no spaces inside. A value must be zero or have a magnitude within
/// `smallestMagnitude...largestMagnitude`: beyond 1e15 a double no longer carries every whole number exactly
/// and the squares and exponentials of the fits leave the range the numerics are tested on; below 1e-15 a
/// number is rounding noise (and `1e-400` would silently become 0).
public enum DecimalNumber {
    /// The largest magnitude a value may have: 10^15, below 2^53 ≈ 9.007e15 where doubles stop carrying every integer.
    public static let largestMagnitude = 1e15
    /// The smallest non-zero magnitude a value may have.
    public static let smallestMagnitude = 1e-15

    /// Why a text is not a number a study can use.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        case empty
        /// A character below U+0020 (NUL, tab, line break) or DEL, at a 1-based character position.
        case controlCharacter(position: Int, scalar: UInt32)
        case hexadecimal
        case notFinite
        case notANumber
        case tooLarge
        case tooSmall

        public var description: String {
            switch self {
            case .empty: return "is empty"
            case .controlCharacter(let position, let scalar):
                let hex = String(scalar, radix: 16, uppercase: true)
                return "holds a control character (U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)) at character \(position)"
            case .hexadecimal: return "is hexadecimal; write the number in decimal"
            case .notFinite: return "is not a finite number"
            case .notANumber: return "is not a number"
            case .tooLarge: return "is larger in magnitude than 1e15, the most a study carries; write it in a larger unit (亿元 rather than 元)"
            case .tooSmall: return "is smaller in magnitude than 1e-15, the least a study carries (other than 0); write it in a smaller unit"
            }
        }
    }

    /// The value of `text`, or why it is not one.
    public static func parse(_ text: some StringProtocol) -> Result<Double, Problem> {
        parse(utf8: text.utf8)
    }

    /// The value of UTF-8 bytes, or why they are not one; the bytes are checked before `Double` sees them.
    public static func parse(utf8 bytes: some Collection<UInt8>) -> Result<Double, Problem> {
        guard !bytes.isEmpty else { return .failure(.empty) }
        var position = 0
        var scalarPosition = 0
        for byte in bytes {
            position += 1
            if byte & 0xC0 != 0x80 { scalarPosition += 1 }
            if byte < 0x20 || byte == 0x7F { return .failure(.controlCharacter(position: scalarPosition, scalar: UInt32(byte))) }
        }
        // Grammar: sign? (digits ("." digits?)? | "." digits) (("e" | "E") sign? digits)?
        var i = bytes.startIndex
        func peek() -> UInt8? { i < bytes.endIndex ? bytes[i] : nil }
        func isDigit(_ b: UInt8?) -> Bool { b.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
        if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { i = bytes.index(after: i) }
        var mantissaDigits = 0
        var nonZeroMantissa = false
        while isDigit(peek()) { nonZeroMantissa = nonZeroMantissa || peek() != UInt8(ascii: "0"); mantissaDigits += 1; i = bytes.index(after: i) }
        if peek() == UInt8(ascii: "x") || peek() == UInt8(ascii: "X") { return .failure(.hexadecimal) }
        if peek() == UInt8(ascii: ".") {
            i = bytes.index(after: i)
            while isDigit(peek()) { nonZeroMantissa = nonZeroMantissa || peek() != UInt8(ascii: "0"); mantissaDigits += 1; i = bytes.index(after: i) }
        }
        guard mantissaDigits > 0 else { return .failure(Self.isNonFiniteWord(bytes) ? .notFinite : .notANumber) }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            i = bytes.index(after: i)
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { i = bytes.index(after: i) }
            guard isDigit(peek()) else { return .failure(.notANumber) }
            while isDigit(peek()) { i = bytes.index(after: i) }
        }
        guard i == bytes.endIndex else { return .failure(.notANumber) }
        guard let value = Double(String(decoding: bytes, as: UTF8.self)) else { return .failure(.notANumber) }
        if !value.isFinite || abs(value) > largestMagnitude { return .failure(.tooLarge) }
        if value == 0 && nonZeroMantissa || value != 0 && abs(value) < smallestMagnitude { return .failure(.tooSmall) }
        return .success(value == 0 ? 0 : value)
    }

    private static func isNonFiniteWord(_ bytes: some Collection<UInt8>) -> Bool {
        var word = String(decoding: bytes, as: UTF8.self).lowercased()
        if word.hasPrefix("+") || word.hasPrefix("-") { word.removeFirst() }
        return ["nan", "inf", "infinity"].contains(word)
    }
}
