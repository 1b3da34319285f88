import Common
import Testing
@testable import Reports
import Studies

@Suite("NumberText helpers for people")
struct NumberTextReportTests {
    @Test("plain: shortest round-trip text without exponent", arguments: [
        (1.8, "1.8"), (60.0, "60"), (100000.0, "100000"), (0.0, "0"), (-2.5, "-2.5"), (1e-7, "0.0000001"), (3.35, "3.35"),
    ])
    func plain(value: Double, text: String) {
        #expect(NumberText.plain(value) == text)
    }

    @Test("plain and significant print a dash for missing values")
    func missing() {
        #expect(NumberText.plain(nil) == "–")
        #expect(NumberText.plain(.nan) == "–")
        #expect(NumberText.significant(nil) == "–")
    }

    @Test("significant: about four significant digits", arguments: [
        (1055.6118925239139, "1056"), (1.7080506832738633, "1.708"), (54.1, "54.10"), (110.72237, "110.7"),
        (0.0123456, "0.01235"), (44000.0, "44000"), (-0.0000001, "0.000000"),
    ])
    func significant(value: Double, text: String) {
        #expect(NumberText.significant(value) == text)
    }

    @Test("tick labels carry the decimals the step needs", arguments: [
        (0.5, 0.5, "0.5"), (1000.0, 500.0, "1000"), (2.0, 0.2, "2.0"), (0.05, 0.05, "0.05"), (-0.0, 1.0, "0"),
    ])
    func tick(value: Double, step: Double, text: String) {
        #expect(NumberText.tick(value, step: step) == text)
    }

    @Test("coordinates: one decimal, no trailing .0")
    func coordinate() {
        #expect(NumberText.coordinate(12.0) == "12")
        #expect(NumberText.coordinate(12.345) == "12.3")
        #expect(NumberText.coordinate(-0.01) == "0")
    }
}
