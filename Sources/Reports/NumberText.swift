import Foundation

/// The one place that decides how numbers are printed.
///
/// For machines (CSV, JSON): the shortest text that reads back to the same double, an empty cell for a
/// missing, NaN or infinite value, and `0` for negative zero. For people: fixed decimals.
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

    /// Fixed decimals for people; `–` when missing or not finite.
    public static func fixed(_ value: Double?, decimals: Int) -> String {
        guard let value, value.isFinite else { return "–" }
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
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
