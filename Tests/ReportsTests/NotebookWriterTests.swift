import Foundation
import Testing
@testable import Reports

@Suite("Jupyter notebook")
struct NotebookWriterTests {
    @Test("the notebook is nbformat 4 JSON without outputs, reading the three CSVs from its folder")
    func structure() throws {
        let text = NotebookWriter(run: ReportsFixture.linhai).text()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["nbformat"] as? Int == 4)
        #expect((json["nbformat_minor"] as? Int ?? 0) >= 4)
        let cells = try #require(json["cells"] as? [[String: Any]])
        #expect(cells.count >= 8)
        var ids: Set<String> = []
        var source = ""
        for cell in cells {
            let id = try #require(cell["id"] as? String)
            #expect(ids.insert(id).inserted)
            let lines = try #require(cell["source"] as? [String])
            source += lines.joined() + "\n"
            if cell["cell_type"] as? String == "code" {
                #expect((cell["outputs"] as? [Any])?.isEmpty == true)
                #expect(cell["execution_count"] is NSNull)
            }
        }
        for file in ["projections.csv", "feasibility.csv", "fits.csv"] {
            #expect(source.contains("pd.read_csv(HERE / \"\(file)\")"))
        }
        #expect(source.contains("\"urban_rural_income_ratio\": (\"城乡居民收入倍差\", \"Urban-rural income ratio\", \"ratio\"),"))
        #expect(source.contains("\"income-ratio-2025\": \"level\","))
        #expect(!text.contains("\\/"))
    }

    @Test("Python string literals escape quotes, backslashes and control characters")
    func pythonLiterals() {
        #expect(NotebookWriter.python("a\"b\\c\nd") == "\"a\\\"b\\\\c\\nd\"")
        #expect(NotebookWriter.python("临海") == "\"临海\"")
        #expect(NotebookWriter.python("\u{01}") == "\"\\u0001\"")
    }

    @Test("source lines keep their line feed, all but the last")
    func lines() {
        #expect(NotebookWriter.lines("a\nb\n\nc") == ["a\n", "b\n", "\n", "c"])
    }
}
