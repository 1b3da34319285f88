import Foundation
import Testing
@testable import Studies

/// One broken fixture per kind of problem: each must fail to load and name the file, line and field.
@Suite("Validation")
struct ValidationTests {
    @Test("the valid fixture loads with no diagnostic")
    func validFixture() throws {
        let study = try StudyLoader.load(at: TestPaths.fixture("valid"))
        #expect(study.id == "valid")
        #expect(study.warnings.isEmpty)
        #expect(study.indicators.map(\.id) == ["urban_income", "rural_income", "income_ratio", "new_jobs"])
        #expect(study.indicator(id: "income_ratio")?.kind == .level)
        #expect(study.observations(for: "urban_income").map(\.year) == [2021, 2022])
        #expect(study.targets.map(\.rule) == [
            TargetRule(op: .lessOrEqual, measure: .level(1.8)),
            TargetRule(op: .greaterOrEqual, measure: .cumulative(fromYear: 2021, total: 100000)),
        ])
        let ratio = study.values(for: "income_ratio")
        #expect(ratio.keys.sorted() == [2021, 2022])
        #expect(abs(ratio[2022]! - 65777.0 / 37261.0) < 1e-12)
    }

    @Test("each problem is reported at its file, line and field", arguments: [
        ("unknown-indicator", "history.csv:5:1: indicator: unknown indicator 'rural_incme'; did you mean 'rural_income'?"),
        ("duplicate-observation", "history.csv:6:2: year: duplicate observation of 'urban_income' in 2021 (first on line 2)"),
        ("non-numeric-value", "history.csv:5:3: value: value '3.7万' is not a number"),
        ("year-out-of-range", "history.csv:4:2: year: year 2202 is out of range 1949...2100"),
        ("target-unknown-indicator", "targets.yaml:7: targets[new-jobs-2021-2025].indicator: target refers to unknown indicator 'new_jbos'"),
        ("formula-unknown-indicator", "study.yaml:23: indicators[income_ratio].derived: formula names unknown indicator 'farm_income'"),
        ("formula-cycle", "study.yaml:28: indicators[ratio_a].derived: derived formulas form a cycle: ratio_a → ratio_b → ratio_a"),
        ("unknown-key", "study.yaml:26: indicators[income_ratio].directon: unknown key 'directon'; did you mean 'direction'?"),
        ("missing-name", "study.yaml:18: indicators[rural_income].name.zh: missing Chinese text (zh)"),
    ])
    func brokenFixture(name: String, expected: String) throws {
        let validation = StudyLoader.validate(at: TestPaths.fixture(name))
        #expect(validation.study == nil, "a study with an error must not load")
        #expect(validation.errors.count == 1, "\(validation.lines)")
        #expect(validation.lines.first?.hasPrefix(expected) == true, "\(validation.lines)")
        #expect(throws: StudyLoadError.self) { try StudyLoader.load(at: TestPaths.fixture(name)) }
    }

    @Test("a study with five problems in three files reports all five in one pass")
    func fiveProblems() {
        let validation = StudyLoader.validate(at: TestPaths.fixture("five-problems"))
        #expect(validation.study == nil)
        #expect(validation.lines == [
            "history.csv:4:3: value: value 'n/a' is not a number",
            "history.csv:6:2: year: duplicate observation of 'rural_income' in 2021 (first on line 3); keep one vintage per series",
            "study.yaml:16: indicators[urban_income].modle: unknown key 'modle'; did you mean 'model'?",
            "study.yaml:29: indicators[new_jobs].name.zh: missing Chinese text (zh)",
            "targets.yaml:2: targets[income-ratio-2025].indicator: target refers to unknown indicator 'income_gap'",
        ])
    }

    @Test("a load error lists every diagnostic under the study path")
    func loadErrorDescription() {
        #expect {
            try StudyLoader.load(at: TestPaths.fixture("five-problems"))
        } throws: { error in
            guard let error = error as? StudyLoadError else { return false }
            return error.errors.count == 5 && error.description.contains("has 5 errors")
                && error.description.contains("five-problems/study.yaml:29: indicators[new_jobs].name.zh")
        }
    }

    @Test("a missing folder is a diagnostic, not a crash")
    func missingFolder() {
        let validation = StudyLoader.validate(at: TestPaths.fixture("no-such-study"))
        #expect(validation.study == nil)
        #expect(validation.errors.first?.message.contains("no study folder") == true)
    }

    @Test("history with a byte-order mark and CRLF line ends loads, with the right line numbers")
    func bomAndCRLF() throws {
        let folder = try copyOfFixture("valid", as: "valid")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let history = "\u{FEFF}indicator,year,value,source\r\nurban_income,2021,62993,\"a, b\"\r\n"
            + "rural_income,2021,35367,\"two\r\nlines\"\r\nurban_income,2022,abc,x\r\n"
        try Data(history.utf8).write(to: folder.appendingPathComponent("history.csv"))
        let validation = StudyLoader.validate(at: folder)
        #expect(validation.lines == ["history.csv:5:3: value: value 'abc' is not a number"])
    }

    @Test("numbers that would be silently wrong are refused at their cell: NUL, hexadecimal, underflow, magnitudes beyond 1e15")
    func strictNumbers() throws {
        let folder = try copyOfFixture("valid", as: "valid")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let url = folder.appendingPathComponent("history.csv")
        let kept = try String(contentsOf: url, encoding: .utf8)
        let first = kept.split(separator: "\n").count + 1
        let history = kept + "urban_income,2010,42\u{0}7,x\nurban_income,2011,0x10,x\n"
            + "urban_income,2012,1e-400,x\nurban_income,2013,1e300,x\nrural_income,2013,\"1,234.5\",x\n"
        try Data(history.utf8).write(to: url)
        let validation = StudyLoader.validate(at: folder)
        #expect(validation.lines == [
            "history.csv:\(first):3: value: value '42␀7' holds a control character (U+0000) at character 3",
            "history.csv:\(first + 1):3: value: value '0x10' is hexadecimal; write the number in decimal",
            "history.csv:\(first + 2):3: value: value '1e-400' is smaller in magnitude than 1e-15, the least a study carries (other than 0); write it in a smaller unit",
            "history.csv:\(first + 3):3: value: value '1e300' is larger in magnitude than 1e15, the most a study carries; write it in a larger unit (亿元 rather than 元)",
        ])
    }

    @Test("the same strict numbers hold in the YAML files")
    func strictYAMLNumbers() throws {
        let folder = try copyOfFixture("valid", as: "valid")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let url = folder.appendingPathComponent("targets.yaml")
        let targets = try String(contentsOf: url, encoding: .utf8)
        let changed = targets.replacingOccurrences(of: "value: 1.8", with: "value: 0x2")
        #expect(changed != targets, "the fixture's target value is 1.8")
        try changed.write(to: url, atomically: true, encoding: .utf8)
        let lines = StudyLoader.validate(at: folder).lines
        #expect(lines.contains { $0.hasSuffix("rule.value: expected a number, found '0x2', which is hexadecimal; write the number in decimal") }, "\(lines)")
    }

    @Test("YAML syntax errors and wrong kinds of values are located too")
    func yamlProblems() throws {
        let folder = try copyOfFixture("valid", as: "valid")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let targets = """
            - id: a
              indicator: income_ratio
              rule: {op: "=<", value: 1.8}
              year: 2025
              quote: 城乡居民收入倍差缩小到1.8以内
            - id: b
              indicator: new_jobs
              rule: {op: ">=", cumulative_from: 2021, value: 8}
              year: twenty
              quote: not in the plan
              approximate: maybe
            - id: c
              indicator: urban_income
              rule: {op: ">=", average_growth_from: 2020, value: 8}
              year: 2025
              quote: 城乡居民收入倍差
            """
        try Data(targets.utf8).write(to: folder.appendingPathComponent("targets.yaml"))
        try Data("id: valid\ntitle: {en: x\n".utf8).write(to: folder.appendingPathComponent("study.yaml"))
        let lines = StudyLoader.validate(at: folder).lines
        #expect(lines.contains { $0.hasPrefix("study.yaml:3: YAML syntax error") }, "\(lines)")
        #expect(lines.contains("targets.yaml:3: targets[a].rule.op: unknown operator '=<'; expected one of: <=, >=, <, >"))
        #expect(lines.contains("targets.yaml:9: targets[b].year: expected a year, found 'twenty'"))
        #expect(lines.contains("targets.yaml:11: targets[b].approximate: expected true or false, found 'maybe'"))
        #expect(lines.contains { $0.hasPrefix("targets.yaml:14: targets[c].rule.value: average growth 8 is 800% a year") })
        // study.yaml did not parse, so indicator references and quotes are not checked (no cascade of errors).
        #expect(!lines.contains { $0.contains("unknown indicator") || $0.contains("quote") })
    }

    @Test("quotes must be found in the plan text, and cumulative targets need a flow")
    func quotesAndKinds() throws {
        let folder = try copyOfFixture("valid", as: "valid")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let targets = """
            - id: a
              indicator: income_ratio
              rule: {op: "<=", value: 1.8}
              year: 2025
              quote: 城乡居民收入倍差缩小到1.9以内
            - id: b
              indicator: urban_income
              rule: {op: ">=", cumulative_from: 2021, value: 8}
              year: 2025
              quote: 力争累计城镇新增就业10万人
            """
        try Data(targets.utf8).write(to: folder.appendingPathComponent("targets.yaml"))
        let lines = StudyLoader.validate(at: folder).lines
        #expect(lines == [
            "targets.yaml:5: targets[a].quote: quote is not an exact substring of plan.txt: '城乡居民收入倍差缩小到1.9以内'",
            "targets.yaml:8: targets[b].rule.cumulative_from: a cumulative target needs a flow indicator, but 'urban_income' is of kind level",
        ])
    }

    @Test("a quote is found byte for byte: anywhere, at the end, after a false start; not when longer or absent")
    func exactSubstrings() {
        let text = "到2025年，城乡居民收入倍差缩小到1.8以内。城乡居民收入倍差"
        #expect(text.containsExactly("城乡居民收入倍差缩小到1.8以内"))
        #expect(text.containsExactly("收入倍差") && text.containsExactly("以内。城乡居民收入倍差") && text.containsExactly(""))
        #expect(!text.containsExactly("城乡居民收入倍差缩小到1.9以内") && !text.containsExactly(text + "。"))
        #expect("aab".containsExactly("ab") && !"ab".containsExactly("ba") && !"".containsExactly("a"))
    }

    @Test("a derived indicator takes no observations")
    func derivedObservation() throws {
        let folder = try copyOfFixture("valid", as: "valid")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let url = folder.appendingPathComponent("history.csv")
        let history = try String(contentsOf: url, encoding: .utf8) + "income_ratio,2021,1.78,published\n"
        try Data(history.utf8).write(to: url)
        #expect(StudyLoader.validate(at: folder).lines == [
            "history.csv:6:1: indicator: 'income_ratio' is derived from a formula and takes no observations; give a published value its own indicator",
        ])
    }

    /// A scenario whose assumptions name only indicators without observations would be a silent copy of its
    /// parent: an error at its assumptions; one idle assumption among others is a warning.
    @Test("a scenario whose assumptions apply to nothing is an error; one idle assumption a warning")
    func idleAssumptions() throws {
        let folder = try copyOfFixture("valid", as: "valid")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let url = folder.appendingPathComponent("history.csv")
        let history = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("urban_income") }
        try Data((history.joined(separator: "\n") + "\n").utf8).write(to: url)
        #expect(StudyLoader.validate(at: folder).lines == [
            "scenarios/baseline.yaml:5: assumptions: none of the scenario's assumptions applies (urban_income has no observation in history.csv to start from): it would repeat the trend under another name; add the data or remove the scenario",
            "scenarios/faster.yaml:10: assumptions.urban_income: warning: 'urban_income' has no observation in history.csv, so this assumption has nothing to start from and changes nothing",
        ])
    }

    @Test("growth of a share or a rate is refused: its change is given in points")
    func growthOfAShare() throws {
        let folder = try copyOfFixture("valid", as: "valid")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let study = try String(contentsOf: folder.appendingPathComponent("study.yaml"), encoding: .utf8)
        let share = study.replacingOccurrences(of: "unit: yuan\n    kind: level\n    direction: up\n    model: compound\n  - id: rural_income",
                                               with: "unit: \"%\"\n    kind: share\n    direction: up\n    model: compound\n  - id: rural_income")
        #expect(share != study)
        try Data(share.utf8).write(to: folder.appendingPathComponent("study.yaml"))
        let lines = StudyLoader.validate(at: folder).lines
        #expect(lines.contains { $0.hasSuffix("assumptions.urban_income.growth: 'urban_income' is a share: give its change in percentage points a year, points: 0.8 (growth is relative growth, for levels)") }, "\(lines)")
    }

    /// A copy of a fixture in a fresh temporary folder, under the folder name `name` (a study's id is its folder name).
    private func copyOfFixture(_ fixture: String, as name: String) throws -> URL {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("studies-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let folder = parent.appendingPathComponent(name)
        try FileManager.default.copyItem(at: TestPaths.fixture(fixture), to: folder)
        return folder
    }
}
