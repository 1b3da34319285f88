import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Reports
import Simulation
import Studies

/// Paths, shared runs and checks used by the Reports tests.
enum ReportsFixture {
    /// The repository root: this file is `Tests/ReportsTests/ReportsTestSupport.swift`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func study(_ name: String) -> URL { root.appendingPathComponent("Scenarios").appendingPathComponent(name) }

    /// The committed outputs of the bundled study.
    static let committedOutputs = root.appendingPathComponent("Notebooks-out/linhai-2025")

    /// The bundled Linhai study run with `pathways run`'s defaults (computed once, shared by the tests).
    static let linhai: StudyRun = run("linhai-2025")

    /// Zhejiang 2030, run with few paths: many indicators with data and several targets per indicator.
    static let zhejiang2030: StudyRun = run("zhejiang-2030", paths: 400)

    /// Zhejiang 2025, run with few paths.
    static let zhejiang2025: StudyRun = run("zhejiang-2025", paths: 400)

    static func run(_ name: String, paths: Int? = nil) -> StudyRun {
        do {
            let study = try StudyLoader.load(at: Self.study(name))
            return try StudyRunner.run(study, options: RunOptions(paths: paths))
        } catch {
            fatalError("cannot run \(name): \(error)")
        }
    }

    /// Every output file of a run, by name.
    static func outputs(_ run: StudyRun) -> [String: Data] {
        var output = AtomicOutput(folder: URL(fileURLWithPath: "/nonexistent"))
        RunReport.add(run, to: &output)
        return Dictionary(output.files.map { ($0.name, $0.data) }, uniquingKeysWith: { a, _ in a })
    }

    /// Parses `text` as XML; returns the parser's error, or nil when it is well-formed.
    static func xmlError(_ text: String) -> String? {
        let parser = XMLParser(data: Data(text.utf8))
        let delegate = ErrorCollector()
        parser.delegate = delegate
        let ok = parser.parse()
        if ok && delegate.message == nil { return nil }
        return delegate.message ?? parser.parserError.map { "\($0)" } ?? "unknown XML error"
    }

    final class ErrorCollector: NSObject, XMLParserDelegate {
        var message: String?
        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            message = message ?? "line \(parser.lineNumber), column \(parser.columnNumber): \(parseError)"
        }
    }

    /// Markup that would make a browser load something: a script, style sheet, image or font from elsewhere.
    static func externalResources(_ text: String) -> [String] {
        let patterns = ["<script src", "<link", "src=\"http", "src='http", "href=\"http", "href='http", "url(http", "url(\"http",
                        "url('http", "@import", "<iframe", "<object", "<embed", "srcset="]
        let lower = text.lowercased()
        return patterns.filter { lower.contains($0) }
    }

    /// Text as it appears in markup (XML-escaped).
    static func escaped(_ s: String) -> String { Markup.escapeText(s) }
}
