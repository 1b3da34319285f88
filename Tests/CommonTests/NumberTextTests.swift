import Foundation
import Testing
@testable import Common

/// The byte writer of CSV numbers against the string one, and the decimal reader's fast path against
/// `Double(String)`: the fast paths must give the very same text and the very same doubles.
@Suite struct NumberTextTests {
    /// SplitMix64, so the cases are the same on every run.
    typealias Mix = SplitMix64

    /// Doubles of every kind: random bit patterns (any exponent), values like a yearbook's (a few digits, any
    /// magnitude), whole numbers near 1e15, and the edges.
    static func values(_ count: Int) -> [Double] {
        var mix = Mix(state: 2025)
        var out: [Double] = [0, -0.0, 1, -1, 0.1, 1e15, 1e15 - 1, -1e15, 999_999_999_999_999.9, 1e16, 1e-5, 1e-4, 123456789.125,
                             .greatestFiniteMagnitude, .leastNonzeroMagnitude, .leastNormalMagnitude, .nan, .infinity, -.infinity]
        for k in 0..<count {
            switch k % 3 {
            case 0: out.append(Double(bitPattern: mix.next()))
            case 1:
                let digits = Double(mix.next() % 10_000_000) / 100, scale = Double(Int(mix.next() % 24)) - 12
                out.append((mix.next() % 2 == 0 ? 1 : -1) * digits * Foundation.pow(10, scale))
            default: out.append(Double(Int64(mix.next() % 4_000_000_000_000_000) - 2_000_000_000_000_000) / 1.0)
            }
        }
        return out
    }

    @Test("appendCSV writes the bytes of csv(_:) for every kind of double")
    func bytesEqualText() {
        var bytes: [UInt8] = []
        for value in Self.values(300_000) {
            bytes.removeAll(keepingCapacity: true)
            NumberText.appendCSV(value, to: &bytes)
            let text = NumberText.csv(value)
            if bytes != Array(text.utf8) { Issue.record("\(value.bitPattern): \(String(decoding: bytes, as: UTF8.self)) against \(text)"); return }
        }
    }

    @Test("whole numbers are written as csv(_:) writes them", arguments: [0, 7, -7, 2025, Int(Int32.max), -1_000_000_000_000_000, Int.max, Int.min + 1])
    func wholeNumbers(_ value: Int) {
        var bytes: [UInt8] = []
        NumberText.appendCSV(value, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == String(value))
    }

    @Test("the decimal reader's fast path gives the double Double(String) gives")
    func decimalsEqualFoundation() {
        var mix = Mix(state: 7)
        for _ in 0..<200_000 {
            // Up to 17 digits with a point anywhere, an exponent sometimes: fast and slow cases alike.
            let digits = Int(mix.next() % 17) + 1
            var text = mix.next() % 4 == 0 ? "-" : ""
            let point = Int(mix.next() % UInt64(digits + 1))
            for k in 0..<digits {
                if k == point && k > 0 { text += "." }
                text += String(mix.next() % 10)
            }
            if mix.next() % 5 == 0 { text += "e" + String(Int(mix.next() % 50) - 25) }
            let reference = Double(text)!
            switch DecimalNumber.parse(text) {
            case .success(let value):
                if value != reference && !(value == 0 && reference == 0) { Issue.record("\(text): \(value) against \(reference)"); return }
            case .failure(let problem):
                // Only magnitude limits may refuse a number Double(String) reads.
                let magnitude = abs(reference)
                if !(magnitude > DecimalNumber.largestMagnitude || magnitude < DecimalNumber.smallestMagnitude) {
                    Issue.record("\(text): \(problem)"); return
                }
            }
        }
    }
}
