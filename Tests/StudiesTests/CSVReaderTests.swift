import Testing
@testable import Studies

@Suite("CSVReader")
struct CSVReaderTests {
    @Test("quoted fields hold commas, doubled quotes and line breaks; records keep their first line")
    func quoting() throws {
        let text = "a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",z\n3,,\n"
        let records = try CSVReader.parse(text)
        #expect(records.map(\.line) == [1, 2, 3, 5])
        #expect(records[1].fields == ["1", "x, y", "say \"hi\""])
        #expect(records[2].fields == ["2", "two\nlines", "z"])
        #expect(records[3].fields == ["3", "", ""])
    }

    @Test("a byte-order mark, CRLF line ends and blank lines are tolerated")
    func bomAndCRLF() throws {
        let text = "\u{FEFF}indicator,year\r\ngdp,2021\r\n\r\ngdp,\"20\r\n22\"\r\n"
        let records = try CSVReader.parse(text)
        #expect(records.first?.fields == ["indicator", "year"])
        #expect(records.map(\.line) == [1, 2, 4])
        #expect(records[2].fields == ["gdp", "20\n22"])
    }

    @Test("the last record needs no line end")
    func noTrailingNewline() throws {
        #expect(try CSVReader.parse("a,b\n1,2").map(\.fields) == [["a", "b"], ["1", "2"]])
    }

    @Test("syntax problems are reported with their line, and reading goes on")
    func problems() {
        let table = CSVReader.read("a,b\n1,x\"y\n2,\"ok\"z\n3,\"never closed\n")
        #expect(table.problems.map(\.line) == [2, 3, 4])
        #expect(table.problems[0].message.contains("inside an unquoted field"))
        #expect(table.problems[1].message.contains("after the closing quote"))
        #expect(table.problems[2].message.contains("never closed"))
        #expect(table.records.count == 4)
    }
}
