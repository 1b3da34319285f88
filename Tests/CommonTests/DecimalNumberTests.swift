import Testing
@testable import Common

@Suite("DecimalNumber")
struct DecimalNumberTests {
    @Test("decimal text reads as the double Swift's own parser gives", arguments: [
        ("42", 42.0), ("-3.5", -3.5), ("+.5", 0.5), ("5.", 5.0), ("1e3", 1000.0), ("6.5E-2", 0.065), ("0", 0.0), ("-0", 0.0),
        ("0.000", 0.0), ("1e15", 1e15), ("1e-15", 1e-15), ("65.299999999999997", 65.3),
    ])
    func accepts(text: String, value: Double) throws {
        let parsed = try DecimalNumber.parse(text).get()
        #expect(parsed == value)
        #expect(parsed.sign == .plus || parsed != 0, "no negative zero")
    }

    @Test("every silently wrong reading of issue 16 is refused, with its reason", arguments: [
        ("42\u{0}7", DecimalNumber.Problem.controlCharacter(position: 3, scalar: 0)),
        ("0x10", .hexadecimal), ("0X1p4", .hexadecimal),
        ("1e-400", .tooSmall), ("1e-16", .tooSmall), ("0.0000000000000000001", .tooSmall),
        ("1e300", .tooLarge), ("1.0000000000000002e15", .tooLarge), ("1e400", .tooLarge),
        ("nan", .notFinite), ("-inf", .notFinite), ("Infinity", .notFinite),
        ("", .empty), ("1 000", .notANumber), ("1,5", .notANumber), ("1e", .notANumber), ("--1", .notANumber),
        ("١٢", .notANumber), ("1_000", .notANumber), (".", .notANumber), ("e5", .notANumber),
    ])
    func refuses(text: String, problem: DecimalNumber.Problem) {
        #expect(DecimalNumber.parse(text) == .failure(problem))
    }

    @Test("the messages say what to do")
    func messages() {
        #expect(DecimalNumber.Problem.controlCharacter(position: 3, scalar: 0).description == "holds a control character (U+0000) at character 3")
        #expect(DecimalNumber.Problem.hexadecimal.description == "is hexadecimal; write the number in decimal")
        #expect(DecimalNumber.Problem.tooLarge.description.hasPrefix("is larger in magnitude than 1e15"))
    }

    @Test("the limits are the documented powers of ten, below 2^53")
    func limits() {
        #expect(DecimalNumber.largestMagnitude == 1e15)
        #expect(DecimalNumber.largestMagnitude < 9_007_199_254_740_992)
        #expect(DecimalNumber.smallestMagnitude == 1e-15)
    }
}
