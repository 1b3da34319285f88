import Foundation
import Testing

/// Runs the built command-line tool on fixtures: exit status and the exact diagnostic lines.
///
/// The tool is the built `pathways` binary (`make test` builds it first).
@Suite("validate and targets commands")
struct CommandLineTests {
    @Test("validate exits 0 on the bundled Linhai study and prints a summary")
    func validateClean() throws {
        let result = try PathwaysTool.run(["validate", StudyPaths.bundled("linhai-2025").path])
        #expect(result.status == 0, "\(result.stderr)")
        // One warning: local_fiscal_revenue asks for compound with two observations (compound needs three).
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("/study.yaml:39: indicators[local_fiscal_revenue].model: warning: model compound cannot be fitted, "
                                                      + "so local_fiscal_revenue is projected another way: compound needs at least 3 observations, the series has 2."),
                "\(result.stderr)")
        #expect(result.stdout.contains("99 indicators, 85 targets, 48 observations, 3 scenarios; 0 errors, 1 warning."))
    }

    @Test("validate exits 1 and prints every problem as path/file:line: field: message")
    func validateBroken() throws {
        let folder = StudyPaths.fixture("five-problems").path
        let result = try PathwaysTool.run(["validate", folder])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "\(lines)")
        #expect(lines.first == "\(folder)/history.csv:4:3: value: value 'n/a' is not a number")
        #expect(lines.contains("\(folder)/study.yaml:29: indicators[new_jobs].name.zh: missing Chinese text (zh)"))
        #expect(result.stdout.contains("5 errors, 0 warnings."))
    }

    @Test("validate fails on each single-problem fixture", arguments: [
        "unknown-indicator", "duplicate-observation", "non-numeric-value", "year-out-of-range", "target-unknown-indicator",
        "formula-unknown-indicator", "formula-cycle", "unknown-key", "missing-name", "scenario-unknown-indicator",
        "scenario-unknown-key", "scenario-overlap", "scenario-bad-number", "scenario-extends-unknown", "scenario-extends-cycle",
    ])
    func validateEachFixture(name: String) throws {
        let folder = StudyPaths.fixture(name).path
        let result = try PathwaysTool.run(["validate", folder])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(folder)/"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }

    @Test("targets lists the catalog within 100 columns, CJK counted double")
    func targets() throws {
        let result = try PathwaysTool.run(["targets", StudyPaths.bundled("linhai-2025").path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for line in lines { #expect(displayWidth(line) <= 100, "\(line)") }
        #expect(lines.contains { $0.hasPrefix("income-ratio-2025") && $0.contains("<= 1.8") && $0.contains("2025") && $0.hasSuffix("  3") })
        #expect(lines.contains("    城乡居民收入倍差 · Urban-rural income ratio"))
        #expect(result.stdout.contains("85 targets on"))
    }

    @Test("targets on a broken study fails and says why")
    func targetsBroken() throws {
        let result = try PathwaysTool.run(["targets", StudyPaths.fixture("missing-name").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("study.yaml:18: indicators[rural_income].name.zh: missing Chinese text (zh)"))
    }

    private func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ((0x2E80...0x9FFF).contains($1.value) || (0xFF00...0xFF60).contains($1.value) ? 2 : 1) }
    }
}

/// The bundled studies and the Studies test fixtures, by path from the repository root.
enum StudyPaths {
    static func bundled(_ name: String) -> URL { PathwaysTool.root.appendingPathComponent("Scenarios/\(name)") }
    static func fixture(_ name: String) -> URL { PathwaysTool.root.appendingPathComponent("Tests/StudiesTests/Fixtures/\(name)") }
}
