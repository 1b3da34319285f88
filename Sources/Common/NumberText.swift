import Foundation

/// The one place that decides how numbers are printed, for every module that prints them.
///
/// For machines (CSV, JSON): the shortest text that reads back to the same double, an empty cell for a
/// missing, NaN or infinite value, and `0` for negative zero. For people: fixed decimals, or the shortest
/// exact text for numbers quoted from a plan (targets, thresholds in messages).
public enum NumberText {
    /// Round-trip text for a CSV cell; empty when missing or not finite.
    public static func csv(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        if value == 0 { return "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A whole number cell (years), empty when missing.
    public static func csv(_ value: Int?) -> String { value.map(String.init) ?? "" }

    /// The most bytes ``writeCSV(_:to:)`` writes for one number: `-1.7976931348623157e+308`, `-9223372036854775808`.
    public static let longestCSV = 24

    /// The bytes of `csv(value)` written at `out`, which has room for ``longestCSV`` bytes; returns how many: for
    /// writing millions of cells in place, without a string or an array append per cell.
    public static func writeCSV(_ value: Double, to out: UnsafeMutablePointer<UInt8>) -> Int {
        guard value.isFinite else { return 0 }
        if value == 0 { out.pointee = UInt8(ascii: "0"); return 1 }
        // Whole below 1e15: the integer's digits (the conversion is exact there, and truncates anything else).
        if abs(value) < 1e15, Double(Int64(value)) == value { return writeCSV(Int(value), to: out) }
        // `description`'s text, written by the standard library straight to `out` (no string in between).
        var sink = PointerSink(end: out)
        value.write(to: &sink)
        return sink.end - out
    }

    /// A text output stream to memory with room enough. `Double.write(to:)` hands its digits to `_writeASCII`
    /// as a buffer (the stream's ASCII entry point), so nothing is allocated; any other text arrives through `write`.
    private struct PointerSink: TextOutputStream {
        var end: UnsafeMutablePointer<UInt8>
        mutating func write(_ string: String) {
            var text = string
            text.withUTF8 { _writeASCII($0) }
        }
        mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
            if let base = buffer.baseAddress { end.update(from: base, count: buffer.count) }
            end += buffer.count
        }
    }

    /// The bytes of `csv(value)` of a whole number written at `out` (room for ``longestCSV`` bytes); returns how many.
    public static func writeCSV(_ value: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var magnitude = value.magnitude, count = 1, power: UInt64 = 10
        while count < 19, magnitude >= power { count += 1; power *= 10 }
        let sign = value < 0 ? 1 : 0
        if sign == 1 { out.pointee = UInt8(ascii: "-") }
        for k in stride(from: sign + count - 1, through: sign, by: -1) {
            out[k] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        }
        return sign + count
    }

    /// The bytes of `csv(value)` appended to `bytes`.
    public static func appendCSV(_ value: Double, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: longestCSV) { text in
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[..<writeCSV(value, to: text.baseAddress!)]))
        }
    }

    /// The bytes of `csv(value)` of a whole number appended to `bytes`.
    public static func appendCSV(_ value: Int, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: longestCSV) { text in
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[..<writeCSV(value, to: text.baseAddress!)]))
        }
    }

    /// Fixed decimals for people; `–` when missing or not finite.
    public static func fixed(_ value: Double?, decimals: Int) -> String {
        guard let value, value.isFinite else { return "–" }
        // C's printf %.*f (what String(format:) gives, without its format parsing and boxing): correctly rounded.
        var buffer = [CChar](repeating: 0, count: 330)
        let written = buffer.withUnsafeMutableBufferPointer { b in
            withVaList([Int32(decimals), value]) { vsnprintf(b.baseAddress, b.count, "%.*f", $0) }
        }
        let text = written >= 0 && Int(written) < buffer.count ? String(cString: buffer) : String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }

    /// Fixed decimals with an explicit sign (`+1.97`, `-0.50`, `0.00`), for changes and gaps; `–` when missing.
    public static func signed(_ value: Double?, decimals: Int) -> String {
        let text = fixed(value, decimals: decimals)
        guard let value, value.isFinite, !text.hasPrefix("-"), Double(text) != 0 else { return text }
        return (value > 0 ? "+" : "") + text
    }

    /// A probability or share as a percentage with `decimals` decimals (`0.853` → `85.3%`).
    public static func percent(_ value: Double?, decimals: Int = 0) -> String {
        guard let value, value.isFinite else { return "–" }
        return fixed(value * 100, decimals: decimals) + "%"
    }

    /// `digits` significant digits in %g style, for tables of estimates people read; `–` when not finite.
    public static func scientific(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "–" }
        return String(format: "%.\(digits)g", value)
    }

    /// 17 significant digits, for JSON that must carry every digit of a double.
    public static func significant17(_ value: Double) -> String {
        value.isFinite ? String(format: "%.17g", value) : "null"
    }
}

extension NumberText {
    /// The shortest text that reads back to the same value, without an exponent for ordinary magnitudes
    /// (`1.8`, `60`, `100000`), for target values in labels, where people compare them with the plan's text.
    public static func plain(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        if value == 0 { return "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = "\(value)"
        if text.contains("e") {
            text = String(format: "%.12f", value)
            while text.hasSuffix("0") { text.removeLast() }
        }
        return text
    }

    /// A fraction as an exact percentage without trailing zeros (`0.08` → `8%`, `0.065` → `6.5%`), for growth
    /// rates quoted in messages and target rules.
    public static func exactPercent(_ fraction: Double) -> String {
        plain((fraction * 100 * 1e9).rounded() / 1e9) + "%"
    }

    /// About `digits` significant digits, never fewer than 0 nor more than 6 decimals (`1055.61` → `1056`,
    /// `1.70805` → `1.708`), for values in tables read by people; `–` when missing.
    public static func significant(_ value: Double?, digits: Int = 4) -> String {
        guard let value, value.isFinite else { return "–" }
        guard value != 0 else { return "0" }
        let magnitude = Int(Foundation.floor(Foundation.log10(abs(value))))
        return fixed(value, decimals: min(6, max(0, digits - 1 - magnitude)))
    }

    /// An axis tick label: as many decimals as the tick step needs (`step` 0.2 → one decimal).
    public static func tick(_ value: Double, step: Double) -> String {
        let decimals = step > 0 ? min(6, max(0, -Int(Foundation.floor(Foundation.log10(step) + 1e-9)))) : 0
        return fixed(value, decimals: decimals)
    }

    /// A drawing coordinate: one decimal, without a trailing `.0` (`12.0` → `12`).
    public static func coordinate(_ value: Double) -> String {
        var text = fixed(value, decimals: 1)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text == "–" ? "0" : text
    }
}

