import Testing
@testable import Studies

@Suite("Formula")
struct FormulaTests {
    @Test("parses ids, numbers, precedence and parentheses")
    func parsing() throws {
        let f = try Formula(parsing: "rd_expenditure / gdp * 100")
        #expect(f == .binary(.multiply, .binary(.divide, .indicator("rd_expenditure"), .indicator("gdp")), .number(100)))
        #expect(f.indicatorIDs == ["rd_expenditure", "gdp"])
        #expect(try Formula(parsing: "a - b - c").evaluate(["a": 10, "b": 3, "c": 2]) == 5)
        #expect(try Formula(parsing: "a + b * c").evaluate(["a": 1, "b": 2, "c": 3]) == 7)
        #expect(try Formula(parsing: "(a + b) * c").evaluate(["a": 1, "b": 2, "c": 3]) == 9)
        #expect(try Formula(parsing: "-a / 2").evaluate(["a": 3]) == -1.5)
        #expect(try Formula(parsing: "1.5e2 + x").evaluate(["x": 0.5]) == 150.5)
    }

    @Test("evaluates the income ratio and refuses to guess")
    func evaluation() throws {
        let ratio = try Formula(parsing: "urban_income / rural_income")
        let value = try #require(ratio.evaluate(["urban_income": 62993, "rural_income": 35367]))
        #expect(abs(value - 1.781123) < 1e-6)
        #expect(ratio.evaluate(["urban_income": 62993]) == nil)
        #expect(ratio.evaluate(["urban_income": 1, "rural_income": 0]) == nil)
    }

    @Test("writes itself back with the parentheses it needs")
    func description() throws {
        #expect(try Formula(parsing: "(a + b) * c").description == "(a + b) * c")
        #expect(try Formula(parsing: "a - (b - c)").description == "a - (b - c)")
        #expect(try Formula(parsing: "a/b*100").description == "a / b * 100")
    }

    @Test("reports where a formula stops parsing", arguments: [
        ("urban_income / ", 16, "the formula ends"),
        ("a + * b", 5, "unexpected '*'"),
        ("(a + b", 7, "expected ')'"),
        ("a b", 3, "unexpected 'b'"),
        ("income % 2", 8, "unexpected '%'"),
        ("", 1, "empty formula"),
        ("gdp * 1e300", 7, "'1e300' is larger in magnitude than 1e15"),
        ("gdp * 1e-400", 7, "'1e-400' is smaller in magnitude than 1e-15"),
        ("1.2.3 * a", 1, "'1.2.3' is not a number"),
    ])
    func errors(text: String, column: Int, message: String) {
        #expect {
            try Formula(parsing: text)
        } throws: { error in
            guard let error = error as? FormulaParseError else { return false }
            return error.column == column && error.message.contains(message)
        }
    }
}
