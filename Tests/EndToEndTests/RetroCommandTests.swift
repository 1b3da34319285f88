import Foundation
import Testing

/// `pathways retro` as a user runs it: the study positional and `--out` as for `run`, the files written, what it says
/// it can and cannot score, and a study it cannot look back on.
@Suite("pathways retro on the command line")
struct RetroCommandTests {
    @Test func zhejiangWritesTheRetrospectiveAndSaysWhatItScored() throws {
        let out = try PathwaysTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try PathwaysTool.run(["retro", "Scenarios/zhejiang-2025", "--out", out.path, "--paths", "1000"])
        #expect(result.status == 0, "\(result.stderr)")
        let text = result.stdout.replacingOccurrences(of: "\n", with: " ")
        #expect(text.contains("Targets with an outcome that settles them: 2 of 12"), "\(result.stdout)")
        #expect(result.stdout.contains("  vintage      n  Pathways  Eurostat      line  Pathways  Eurostat      line"))
        for name in ["retro.csv", "retro-scores.csv", "retro-reliability.csv", "retro-projections.csv", "charts/retrospective.svg",
                     "report.html", "feasibility.csv", "projections.csv"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
        let csv = try String(contentsOf: out.appendingPathComponent("retro.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("vintage,scenario,target,p_meet,verdict,projected,lo95,hi95,outcome,met,"))
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("<section id=\"retrospective\">"))
        // The ex-post verdicts of the whole history are in feasibility.csv.
        let feasibility = try String(contentsOf: out.appendingPathComponent("feasibility.csv"), encoding: .utf8)
        #expect(feasibility.contains(",met (approximate),"), "gdp-per-capita-2025")
        #expect(feasibility.contains(",undetermined,") && feasibility.contains(",70000,>,"), "all-residents-income-2025")
    }

    @Test func linhaiSaysPlainlyThatNothingCanBeScored() throws {
        let out = try PathwaysTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try PathwaysTool.run(["retro", "--out", out.path, "--paths", "500"])
        #expect(result.status == 0, "\(result.stderr)")
        let text = result.stdout.replacingOccurrences(of: "\n", with: " ")
        #expect(text.contains("Nothing can be scored: 0 of the 85 targets have a 2025 outcome in the history."), "\(result.stdout)")
        #expect(text.contains("Projections checked against 2025 outcomes: 2 indicators: gdp (> 1000), general_public_budget_revenue (69.25)."))
        #expect(!result.stdout.contains("Scores under"))
    }

    @Test func aStudyWithNoVintageIsRefusedAndNothingIsWritten() throws {
        let base = try PathwaysTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let study = base.appendingPathComponent("late")
        #expect(try PathwaysTool.run(["init", study.path]).status == 0)
        // A study whose history starts after its base year has no vintage to run.
        let yaml = study.appendingPathComponent("study.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8)
        let baseYear = try #require(text.range(of: #"base_year: \d{4}"#, options: .regularExpression))
        try text.replacingCharacters(in: baseYear, with: "base_year: 2030").replacingOccurrences(of: "target_year: 2025", with: "target_year: 2035")
            .write(to: yaml, atomically: true, encoding: .utf8)
        let out = base.appendingPathComponent("out")
        let result = try PathwaysTool.run(["retro", study.path, "--out", out.path, "--paths", "200"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("No retrospective of late: its history has no row from the base year 2030 on."), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
