import Testing
@testable import Common

@Suite("TerminalText")
struct TerminalTextTests {
    @Test("CJK characters take two columns, Latin and ambiguous punctuation one")
    func widths() {
        #expect(TerminalText.displayWidth("GDP") == 3)
        #expect(TerminalText.displayWidth("城乡居民收入倍差") == 16)
        #expect(TerminalText.displayWidth("R&D经费支出") == 11)
        #expect(TerminalText.displayWidth("“浙江制造”") == 10)
        #expect(TerminalText.displayWidth("（全角）") == 8)
    }

    @Test("wraps Latin text at spaces and CJK text between characters")
    func wrapping() {
        #expect(TerminalText.wrap("Urban-rural income ratio", width: 12) == ["Urban-rural", "income ratio"])
        #expect(TerminalText.wrap("城乡居民收入倍差", width: 6) == ["城乡居", "民收入", "倍差"])
        // A closing parenthesis stays with the character before it.
        #expect(TerminalText.wrap("工业体量(工业总产值)", width: 19) == ["工业体量(工业总产", "值)"])
        #expect(TerminalText.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        for line in TerminalText.wrap("数字经济核心产业增加值占GDP比重 Value added of digital-economy core industries", width: 20) {
            #expect(TerminalText.displayWidth(line) <= 20)
        }
    }

    @Test("pads by display width")
    func padding() {
        #expect(TerminalText.pad("收入", to: 6) == "收入  ")
        #expect(TerminalText.padLeft("12", to: 4) == "  12")
    }
}
