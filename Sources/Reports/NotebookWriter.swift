import Foundation
import Simulation
import Studies

/// `analysis.ipynb`: a Jupyter notebook (nbformat 4.5) whose cells read the run's CSV files with pandas
/// and draw a fan chart per indicator and the feasibility dashboard with matplotlib.
///
/// The notebook is written without outputs and with sorted keys and fixed cell ids, so the same run gives
/// the same bytes. It reads the CSVs from its own folder (the working directory Jupyter and nbconvert
/// give it), and uses a Chinese font when one is installed, English labels otherwise.
public struct NotebookWriter: Sendable {
    public let run: StudyRun

    public init(run: StudyRun) { self.run = run }

    /// A cell: `markdown` or `code`, and its source text.
    struct Cell {
        let kind: String
        let source: String
    }

    /// The notebook file (nbformat 4.5), for `JSONEncoder`.
    struct File: Encodable {
        struct Kernel: Encodable { let display_name = "Python 3", language = "python", name = "python3" }
        struct Language: Encodable { let name = "python" }
        struct Metadata: Encodable { let kernelspec = Kernel(), language_info = Language() }
        struct Entry: Encodable {
            let kind: String, id: String, source: [String]
            enum Keys: String, CodingKey { case cell_type, id, metadata, source, execution_count, outputs }
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: Keys.self)
                try c.encode(kind, forKey: .cell_type)
                try c.encode(id, forKey: .id)
                try c.encode([String: String](), forKey: .metadata)
                try c.encode(source, forKey: .source)
                if kind == "code" {
                    try c.encodeNil(forKey: .execution_count)
                    try c.encode([String](), forKey: .outputs)
                }
            }
        }
        let cells: [Entry]
        let metadata = Metadata()
        let nbformat = 4, nbformat_minor = 5
    }

    /// The notebook's JSON text, ending with a line feed.
    public func text() -> String {
        let file = File(cells: cells().enumerated().map { k, cell in
            File.Entry(kind: cell.kind, id: String(format: "cell-%02d", k + 1), source: Self.lines(cell.source))
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Only strings, numbers, arrays and objects go in, so encoding cannot fail.
        return String(decoding: try! encoder.encode(file), as: UTF8.self) + "\n"
    }

    /// Source text as Jupyter stores it: lines that keep their line feed, the last without.
    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "\n" }
        if let last = lines.popLast() { lines.append(String(last.dropLast())) }
        return lines.filter { !$0.isEmpty }
    }

    /// A Python string literal: a JSON string (JSON's escapes are Python's).
    static func python(_ s: String) -> String { JSONText.string(s) }

    /// The measure a target's rule compares, as the notebook names it.
    static func measureName(_ measure: TargetRule.Measure) -> String {
        switch measure {
        case .level: return "level"
        case .multipleOf: return "multiple"
        case .cumulative: return "cumulative"
        case .averageGrowth: return "growth"
        }
    }

    func cells() -> [Cell] {
        let study = run.study
        let results = IndicatorResults.all(run).filter(\.hasData)
        let charted = Set(results.map(\.indicator.id))
        let indicators = results.map { r in
            "    \(Self.python(r.indicator.id)): (\(Self.python(r.indicator.name.zh)), \(Self.python(r.indicator.name.en)), \(Self.python(r.indicator.unit))),"
        }.joined(separator: "\n")
        let scenarios = run.scenarios.map { s in
            "    \(Self.python(s.spec.name)): (\(Self.python(s.spec.title.zh)), \(Self.python(s.spec.title.en))),"
        }.joined(separator: "\n")
        let targetKinds = study.targets.filter { charted.contains($0.indicator) }.map { t in
            "    \(Self.python(t.id)): \(Self.python(Self.measureName(t.rule.measure))),"
        }.joined(separator: "\n")
        let verdictColors = Verdict.allCases.map { "    \(Self.python($0.code)): (\(Self.python(StatusStyle.color($0))), \(Self.python(StatusStyle.textColor($0)))),"  }.joined(separator: "\n")
        let verdictLabels = Verdict.allCases.map { "    \(Self.python($0.code)): \(Self.python($0.name.zh)),"  }.joined(separator: "\n")
        let palette = IndicatorChart.palette.map(Self.python).joined(separator: ", ")

        let values = [
            "title_zh": Markup.escapeMarkdown(study.title.zh), "title_en": Markup.escapeMarkdown(study.title.en), "folder": Self.folderHint(study),
            "folder_python": Self.python(Self.folderHint(study)), "indicators": indicators, "scenarios": scenarios,
            "target_kinds": targetKinds, "verdict_colors": verdictColors, "verdict_labels": verdictLabels, "palette": palette,
        ]
        return Self.templates.map { Cell(kind: $0.kind, source: Self.fill($0.source, values)) }
    }

    /// `template` with every `{{pathways.NAME}}` replaced by `values[NAME]`, in one pass over the template (text
    /// that comes in with a value is never read as a placeholder).
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var out = "", rest = Substring(template)
        while let open = rest.range(of: "{{pathways."), let close = rest[open.upperBound...].range(of: "}}") {
            let name = String(rest[open.upperBound..<close.lowerBound])
            guard let value = values[name] else { preconditionFailure("the notebook template names an unknown value \(name)") }
            out += rest[..<open.lowerBound] + value
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// The cells with `{{pathways.NAME}}` where the run's values go: `Resources/notebook/NN.md` (markdown) and
    /// `NN.py` (code), in the order of their numbers.
    static let templates: [Cell] = {
        guard let folder = Bundle.module.url(forResource: "notebook", withExtension: nil, subdirectory: "Resources"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            preconditionFailure("the notebook templates are missing from \(Bundle.module.bundlePath)")
        }
        return names.filter { $0.hasSuffix(".md") || $0.hasSuffix(".py") }.sorted().map { name in
            let source = try! String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            return Cell(kind: name.hasSuffix(".py") ? "code" : "markdown", source: source)
        }
    }()

    /// The output folder relative to the repository root, for running the notebook from there.
    static func folderHint(_ study: Study) -> String { "Notebooks-out/\(study.id)" }
}
