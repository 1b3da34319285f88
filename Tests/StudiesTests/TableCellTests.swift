import Testing
@testable import Studies

@Suite("TableCell")
struct TableCellTests {
    @Test("spreadsheet and yearbook number forms", arguments: [
        ("1,234.5", 1234.5, false), ("\"12,345,678\"".replacingOccurrences(of: "\"", with: ""), 12_345_678, false),
        ("-1,000", -1000, false), ("１２３．５", 123.5, false), ("５，６０１", 5601, false), ("－3", -3, false),
        ("65.3%", 65.3, true), ("65.3 %", 65.3, true), ("６５％", 65, true), ("\u{3000}42\u{00A0}", 42, false), ("−2.5", -2.5, false),
    ])
    func numbers(text: String, value: Double, percent: Bool) throws {
        let number = try #require(try TableCell.number(text).get())
        #expect(number.value == value)
        #expect(number.percentSign == percent)
    }

    @Test("empty cells and the missing marks are missing, never 0", arguments: ["", "  ", "-", "--", "—", "–", "…", "……", "...", "－", "\u{3000}"])
    func missing(text: String) throws {
        #expect(try TableCell.number(text).get() == nil)
    }

    @Test("commas that are not thousands separators are refused", arguments: ["1,5", "12,34", "1,2345", ",123", "1,234,56", "1.234,5"])
    func ambiguousCommas(text: String) {
        #expect(TableCell.number(text) == .failure(.ambiguousComma))
    }

    @Test("the strict rules still apply after normalising", arguments: ["0x10", "1e300", "1e-400", "4\u{0}2", "３．７万"])
    func strict(text: String) {
        guard case .failure = TableCell.number(text) else {
            Issue.record("'\(text)' was accepted")
            return
        }
    }

    @Test("year cells", arguments: [("2019", 2019), ("2019年", 2019), ("２０１９", 2019), ("2019.0", 2019), (" 2019 ", 2019)])
    func years(text: String, year: Int) {
        #expect(TableCell.year(text) == year)
    }

    @Test("not years", arguments: ["20x9", "", "2019.5", "year"])
    func notYears(text: String) {
        #expect(TableCell.year(text) == nil)
    }
}
