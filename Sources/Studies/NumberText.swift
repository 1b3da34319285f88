import Foundation

/// How Studies prints numbers for people: the shortest text that reads back to the same value,
/// without exponent for ordinary magnitudes and without a trailing `.0`.
enum NumberText {
    static func plain(_ x: Double) -> String {
        guard x.isFinite else { return "\(x)" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        var text = "\(x)"
        if text.contains("e") {
            text = String(format: "%.10f", x)
            while text.hasSuffix("0") { text.removeLast() }
        }
        return text
    }

    /// A growth fraction as a percentage: `0.08` → `8%`, `0.065` → `6.5%`.
    static func percent(_ fraction: Double) -> String {
        let scaled = (fraction * 100 * 1e9).rounded() / 1e9
        return plain(scaled) + "%"
    }
}
