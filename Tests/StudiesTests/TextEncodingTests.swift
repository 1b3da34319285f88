import Foundation
import Testing
@testable import Studies

/// Encoding detection, on bytes written by Python's encoders (the commands are beside each case).
@Suite("TextEncoding")
struct TextEncodingTests {
    @Test("each encoding is detected and converted to UTF-8", arguments: [
        // '指标,年份'.encode('gb18030')
        ([0xD6, 0xB8, 0xB1, 0xEA, 0x2C, 0xC4, 0xEA, 0xB7, 0xDD], TextEncoding.gb18030, "指标,年份"),
        // '\ufeff指标\t1'.encode('utf-16-be')
        ([0xFE, 0xFF, 0x63, 0x07, 0x68, 0x07, 0x00, 0x09, 0x00, 0x31], .utf16BigEndian, "指标\t1"),
        // '\ufeff指标\t1'.encode('utf-16-le')
        ([0xFF, 0xFE, 0x07, 0x63, 0x07, 0x68, 0x09, 0x00, 0x31, 0x00], .utf16LittleEndian, "指标\t1"),
        // '\ufeffa,b'.encode('utf-8')
        ([0xEF, 0xBB, 0xBF, 0x61, 0x2C, 0x62], .utf8WithBOM, "a,b"),
        ([0x61, 0x2C, 0xE6, 0x8C, 0x87], .utf8, "a,指"),
        ([], .utf8, ""),
    ] as [([UInt8], TextEncoding, String)])
    func detects(bytes: [UInt8], encoding: TextEncoding, text: String) throws {
        let decoded = try TextEncoding.decode(Data(bytes))
        #expect(decoded.encoding == encoding)
        #expect(String(decoding: decoded.utf8, as: UTF8.self) == text)
    }

    @Test("bytes in none of the encodings are refused with the line of the first byte that is not UTF-8")
    func refuses() {
        // Line 3 ends in 0xFF, which no GB18030 sequence starts with.
        let bytes: [UInt8] = Array("a,b\nc,d\ne,".utf8) + [0xFF, 0x0A]
        #expect(throws: TextEncoding.Failure(line: 3)) { try TextEncoding.decode(Data(bytes)) }
        #expect(TextEncoding.Failure(line: 3).description.hasPrefix("the file is not text in UTF-8, UTF-16 with a byte-order mark, or GB18030/GBK"))
    }

    @Test("the UTF-8 validator finds the first ill-formed sequence", arguments: [
        ([0x61, 0xC0, 0x80], 1), ([0xE0, 0x80, 0x80], 0), ([0xED, 0xA0, 0x80], 0), ([0xF4, 0x90, 0x80, 0x80], 0),
        ([0x61, 0xE6, 0x8C], 1), ([0xF0, 0x9F, 0x98, 0x80, 0x80], 4),
    ] as [([UInt8], Int)])
    func validator(bytes: [UInt8], offset: Int) {
        #expect(TextEncoding.firstInvalidUTF8(bytes) == offset)
    }

    @Test("tab-separated text is recognised by its first line, and read as bytes")
    func separators() {
        #expect(CSVReader.detectSeparator(Array("a\tb\tc,d\n1,2,3,4\n".utf8)) == 0x09)
        #expect(CSVReader.detectSeparator(Array("\n\na,b\tc\n".utf8)) == UInt8(ascii: ","))
        let table = CSVReader.read(utf8: Array("指标\t2019\n\"a\tb\"\t1,5\n".utf8))
        #expect(table.format == "tab-separated")
        #expect(table.records.map(\.fields) == [["指标", "2019"], ["a\tb", "1,5"]])
    }
}
