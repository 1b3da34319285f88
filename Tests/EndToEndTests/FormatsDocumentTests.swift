import Foundation
import Testing

/// docs/FORMATS.md stays true: `pathways validate` on its smallest study reports no problem, and on every
/// mistake it shows gives exactly the lines written under it.
@Suite("docs/FORMATS.md examples")
struct FormatsDocumentTests {
    /// The fenced blocks of the page with their `key=value` attributes: the base study's files
    /// (`example=base file=…`), each mistake's files (`mistake=NAME file=…`) and its errors (`error=NAME`).
    struct Examples {
        var base: [String: String] = [:]
        var mistakes: [String: [String: String]] = [:]
        var errors: [String: String] = [:]
    }

    static func examples() throws -> Examples {
        let text = try String(contentsOf: PathwaysTool.root.appendingPathComponent("docs/FORMATS.md"), encoding: .utf8)
        var examples = Examples()
        var attributes: [String: String]? = nil
        var body = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let open = attributes {
                if line == "```" {
                    if open["example"] == "base", let file = open["file"] { examples.base[file] = body }
                    if let name = open["mistake"], let file = open["file"] { examples.mistakes[name, default: [:]][file] = body }
                    if let name = open["error"] { examples.errors[name] = body }
                    attributes = nil
                } else {
                    body += line + "\n"
                }
            } else if line.hasPrefix("```"), line.count > 3 {
                attributes = Dictionary(line.split(separator: " ").dropFirst().compactMap { pair -> (String, String)? in
                    let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                    return parts.count == 2 ? (parts[0], parts[1]) : nil
                }, uniquingKeysWith: { a, _ in a })
                body = ""
            }
        }
        return examples
    }

    /// Runs `pathways validate my-county` on the base study with `files` replacing its own.
    static func validate(_ files: [String: String], base: [String: String]) throws -> PathwaysTool.Result {
        let root = try PathwaysTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("my-county")
        for (name, text) in base.merging(files, uniquingKeysWith: { _, new in new }) {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return try PathwaysTool.run(["validate", "my-county"], in: root)
    }

    @Test("the page holds the base study and at least ten mistakes, each with its errors")
    func structure() throws {
        let examples = try Self.examples()
        #expect(Set(examples.base.keys) == ["study.yaml", "targets.yaml", "history.csv"])
        #expect(examples.mistakes.count >= 10)
        #expect(Set(examples.mistakes.keys).union(["base"]) == Set(examples.errors.keys))
    }

    @Test("the smallest study validates with no problem")
    func base() throws {
        let examples = try Self.examples()
        let result = try Self.validate([:], base: examples.base)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == examples.errors["base"])
    }

    @Test("every mistake gives exactly the errors the page shows")
    func mistakes() throws {
        let examples = try Self.examples()
        for (name, files) in examples.mistakes.sorted(by: { $0.key < $1.key }) {
            let result = try Self.validate(files, base: examples.base)
            #expect(result.status == 1, "\(name)")
            let printed = result.stderr.replacingOccurrences(of: "my-county/", with: "")
            #expect(printed == examples.errors[name], "\(name):\n\(printed)")
        }
    }
}
