import Foundation
import Testing
@testable import Studies

/// Every key and value the study readers accept is described in docs/FORMATS.md.
@Suite("docs/FORMATS.md covers every key")
struct FormatsDocumentKeysTests {
    static let page: String = {
        let url = TestPaths.scenarios.deletingLastPathComponent().appendingPathComponent("docs/FORMATS.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// Keys and values the decoders take, from their own lists.
    static let words: [String] = StudyFileDecoder.topKeys + StudyFileDecoder.planKeys + StudyFileDecoder.indicatorKeys
        + TargetsDecoder.targetKeys + TargetsDecoder.ruleKeys + ScenarioDecoder.topKeys + ScenarioDecoder.assumptionKeys
        + ScenarioDecoder.changeKeys + ["en", "zh", "paths", "seed", "year", "level", "from", "to", "delta"]
        + IndicatorKind.allCases.map(\.rawValue) + Direction.allCases.map(\.rawValue) + ModelChoice.allCases.map(\.rawValue)
        + GrowthBasis.allCases.map(\.rawValue) + Assumption.Uncertainty.allCases.map(\.rawValue) + ComparisonOperator.allCases.map(\.rawValue)
        + ObservationColumn.allCases.flatMap(\.headers)
        + [StudyLoader.studyFile, StudyLoader.targetsFile, StudyLoader.historyFile]

    @Test("each appears in backticks (or as a YAML key in an example)", arguments: Array(Set(words)).sorted())
    func documented(word: String) {
        #expect(Self.page.contains("`\(word)`") || Self.page.contains("\n  \(word):") || Self.page.contains("\n\(word):"), "\(word)")
    }

    @Test("the page exists and names its test")
    func exists() {
        #expect(Self.page.contains("FormatsDocumentTests"))
    }
}
