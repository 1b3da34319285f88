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
        if let result = bytes.withContiguousStorageIfAvailable({ parse(buffer: $0) }) { return result }
        return Array(bytes).withUnsafeBufferPointer { parse(buffer: $0) }
    }

    /// `parse(utf8:)` of contiguous bytes: one pass over them, no allocation for the common case.
    public static func parse(buffer bytes: UnsafeBufferPointer<UInt8>) -> Result<Double, Problem> {
        guard !bytes.isEmpty else { return .failure(.empty) }
        var scalarPosition = 0
        for byte in bytes {
            if byte & 0xC0 != 0x80 { scalarPosition += 1 }
            if byte < 0x20 || byte == 0x7F { return .failure(.controlCharacter(position: scalarPosition, scalar: UInt32(byte))) }
        }
        return parse(plain: bytes)
    }

    /// `parse(buffer:)` of bytes known to hold no control character (every byte a digit, `.`, `e`, `E`, `+` or
    /// `-`, say), which it does not look for again. Whatever the bytes, a success means they were all read as a
    /// decimal (so held none).
    package static func parse(plain bytes: UnsafeBufferPointer<UInt8>) -> Result<Double, Problem> {
        let n = bytes.count
        guard n > 0 else { return .failure(.empty) }
        // The common case first: digits with a point or none, at most 15 of them (so at most 15 significant and a
        // power of ten within 10^-15): the value the grammar below gives, without its bookkeeping.
        if n <= 16 {
            var digits: UInt64 = 0, count = 0, point = -1, i = 0
            while i < n {
                let digit = bytes[i] &- UInt8(ascii: "0")
                if digit < 10 {
                    digits = digits &* 10 &+ UInt64(digit)
                    count += 1
                } else if bytes[i] == UInt8(ascii: "."), point < 0 {
                    point = i
                } else {
                    break
                }
                i += 1
            }
            if i == n, count > 0, count <= 15 {
                let decimals = point < 0 ? 0 : n - 1 - point
                return .success(decimals == 0 ? Double(digits) : Double(digits) / Self.powersOfTen[decimals])
            }
        }
        // Grammar: sign? (digits ("." digits?)? | "." digits) (("e" | "E") sign? digits)?
        // The digits are gathered on the way: with at most 15 significant digits and a power of ten within
        // 10^±22 (the common case), both are exact doubles and one division or multiplication rounds
        // correctly (Clinger 1990), the same double `Double(String)` gives; otherwise `Double(String)` reads it.
        let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")
        var i = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") { negative = bytes[0] == UInt8(ascii: "-"); i = 1 }
        var mantissaDigits = 0
        var nonZeroMantissa = false
        var significand: UInt64 = 0, significantDigits = 0, scale = 0
        var fraction = false
        while i < n {
            let b = bytes[i]
            if b >= zero && b <= nine {
                mantissaDigits += 1
                if b != zero { nonZeroMantissa = true }
                if significantDigits > 0 || b != zero {
                    significantDigits += 1
                    if significantDigits <= 19 { significand = significand &* 10 &+ UInt64(b - zero) }
                }
                if fraction { scale -= 1 }
            } else if b == UInt8(ascii: "."), !fraction {
                fraction = true
            } else {
                break
            }
            i += 1
        }
        if i < n, !fraction, bytes[i] == UInt8(ascii: "x") || bytes[i] == UInt8(ascii: "X") { return .failure(.hexadecimal) }
        guard mantissaDigits > 0 else { return .failure(Self.isNonFiniteWord(bytes) ? .notFinite : .notANumber) }
        var exponent = 0, exponentDigits = 0, exponentNegative = false
        if i < n, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < n, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { exponentNegative = bytes[i] == UInt8(ascii: "-"); i += 1 }
            guard i < n, bytes[i] >= zero && bytes[i] <= nine else { return .failure(.notANumber) }
            while i < n, bytes[i] >= zero && bytes[i] <= nine {
                exponentDigits += 1
                if exponentDigits <= 6 { exponent = exponent * 10 + Int(bytes[i] - zero) }
                i += 1
            }
        }
        guard i == n else { return .failure(.notANumber) }
        let power = scale + (exponentNegative ? -exponent : exponent)
        let value: Double
        if significantDigits <= 15, exponentDigits <= 6, abs(power) <= 22 {
            let magnitude = power >= 0 ? Double(significand) * Self.powersOfTen[power] : Double(significand) / Self.powersOfTen[-power]
            value = negative ? -magnitude : magnitude
        } else {
            guard let parsed = Double(String(decoding: bytes, as: UTF8.self)) else { return .failure(.notANumber) }
            value = parsed
        }
        if !value.isFinite || abs(value) > largestMagnitude { return .failure(.tooLarge) }
        if value == 0 && nonZeroMantissa || value != 0 && abs(value) < smallestMagnitude { return .failure(.tooSmall) }
        return .success(value == 0 ? 0 : value)
    }

    /// 10^0 ... 10^22, every one an exact double.
    private static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { x, _ in x * 10 } }

    private static func isNonFiniteWord(_ bytes: some Collection<UInt8>) -> Bool {
        var word = String(decoding: bytes, as: UTF8.self).lowercased()
        if word.hasPrefix("+") || word.hasPrefix("-") { word.removeFirst() }
        return ["nan", "inf", "infinity"].contains(word)
    }
}
