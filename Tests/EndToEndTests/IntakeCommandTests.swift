import Foundation
import Testing

/// From nothing to a first answer on the built binary: `init`, `template`, filling in, `import`, `run`; an
/// import conflict; every command with the study named, from the current folder, and as JSON.
@Suite("init, template, import and the command-line convention", .serialized)
struct IntakeCommandTests {
    /// A new study made by `pathways init` in a folder whose name has a space and Chinese characters.
    static func newStudy() throws -> URL {
        let folder = try PathwaysTool.temporaryFolder().appendingPathComponent("示例 county")
        let result = try PathwaysTool.run(["init", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        return folder
    }

    static func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    @Test("init writes a study that validates without a warning and runs at once")
    func initThenRun() throws {
        let folder = try Self.newStudy()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let validate = try PathwaysTool.run(["validate", folder.path])
        #expect(validate.status == 0)
        #expect(validate.stdout.hasSuffix("6 indicators, 4 targets, 45 observations, 2 scenarios; 0 errors, 0 warnings.\n"), "\(validate.stdout)")
        let out = folder.appendingPathComponent("输出 out")
        let run = try PathwaysTool.run(["run", folder.path, "--out", out.path, "--paths", "2000"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Ran 示例 county: 2 scenarios (baseline, rural-catch-up), 4 targets, 2000 paths each."), "\(run.stdout)")
        let feasibility = try Self.read(out.appendingPathComponent("feasibility.csv"))
        for target in ["urbanization-2025", "income-ratio-2025", "gdp-doubling-2025", "urban-jobs-2021-2025"] {
            #expect(feasibility.contains("baseline,\(target),"), "\(target)")
        }
        #expect(!feasibility.contains("no data"))
        // A second init refuses to write over the study.
        let again = try PathwaysTool.run(["init", folder.path])
        #expect(again.status != 0)
        #expect(again.stderr.contains("already holds study.yaml, targets.yaml, history.csv"), "\(again.stderr)")
    }

    @Test("template → fill in → import → run: the filled numbers become observations of the run")
    func roundTrip() throws {
        let folder = try Self.newStudy()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let template = try PathwaysTool.run(["template", folder.path])
        #expect(template.status == 0, "\(template.stderr)")
        var lines = template.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "indicator,year,value,source,name_zh,name_en,unit,target,quote")
        // The example history ends in 2023: 2024 and 2025 of the five observed indicators the targets need.
        #expect(lines.count == 1 + 5 * 2, "\(lines)")
        #expect(lines[1] == "gdp,2024,,,地区生产总值,Gross domestic product,100 million yuan,gdp-doubling-2025,地区生产总值比2015年翻一番")
        // Fill in 2024 the way a person would in Excel: a thousands separator, a percent sign, a row left empty.
        for (k, line) in lines.enumerated() {
            if line.hasPrefix("gdp,2024,") { lines[k] = line.replacingOccurrences(of: "gdp,2024,,", with: "gdp,2024,\"1,230.5\",2024 bulletin") }
            if line.hasPrefix("urbanization_rate,2024,") {
                lines[k] = line.replacingOccurrences(of: "urbanization_rate,2024,,", with: "urbanization_rate,2024,67.1%,2024 bulletin")
            }
        }
        let filled = folder.appendingPathComponent("填好的 sheet.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: filled, atomically: true, encoding: .utf8)
        let imported = try PathwaysTool.run(["import", folder.path, filled.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("2 rows added, 0 replaced, 0 already there"), "\(imported.stdout)")
        let history = try Self.read(folder.appendingPathComponent("history.csv"))
        #expect(history.hasSuffix("gdp,2024,1230.5,2024 bulletin\nurbanization_rate,2024,67.1,2024 bulletin\n"), "\(history)")
        // The template now asks only for what is still missing.
        let after = try PathwaysTool.run(["template", folder.path, "--format", "json"])
        let rows = try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [[String: Any]]
        #expect(rows?.count == 8)
        // The run sees 2024 as observed.
        let out = folder.appendingPathComponent("out")
        let run = try PathwaysTool.run(["run", folder.path, "--out", out.path, "--paths", "2000"])
        #expect(run.status == 0, "\(run.stderr)")
        let projections = try Self.read(out.appendingPathComponent("projections.csv"))
        #expect(projections.contains("baseline,gdp,2024,observed,1230.5,,,,\n"))
        #expect(projections.contains("baseline,urbanization_rate,2024,observed,67.1,,,,\n"))
        #expect(projections.contains("baseline,gdp,2025,projected,"))
    }

    @Test("an .xlsx template reads back through import, and a workbook fills history from standard input")
    func workbookTemplate() throws {
        let folder = try Self.newStudy()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let book = folder.appendingPathComponent("fill in.xlsx")
        let template = try PathwaysTool.run(["template", folder.path, "--format", "xlsx", "--out", book.path])
        #expect(template.status == 0, "\(template.stderr)")
        #expect(template.stderr.contains("10 rows to fill in (5 indicators)"), "\(template.stderr)")
        let before = try Data(contentsOf: folder.appendingPathComponent("history.csv"))
        let unfilled = try PathwaysTool.run(["import", folder.path, book.path, "--verbose"])
        #expect(unfilled.status == 0, "\(unfilled.stderr)")
        #expect(unfilled.stderr.contains("sheet 'fill-in' of an .xlsx workbook"))
        #expect(unfilled.stdout.contains("0 rows added"))
        #expect(try Data(contentsOf: folder.appendingPathComponent("history.csv")) == before)
        let piped = try PathwaysTool.run(["import", folder.path, "-", "--source", "typed in"], in: folder,
                                         input: Data("指标,年份,数值\nrural_income,2024,\"43,100\"\n".utf8))
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(try Self.read(folder.appendingPathComponent("history.csv")).hasSuffix("rural_income,2024,43100,typed in\n"))
    }

    @Test("an import that contradicts history.csv is refused and changes nothing; --replace takes the new value")
    func conflict() throws {
        let folder = try Self.newStudy()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let sheet = folder.appendingPathComponent("revised.csv")
        try "indicator,year,value,source\ngdp,2022,660,revised bulletin\ngdp,2023,693,example value\n".write(to: sheet, atomically: true, encoding: .utf8)
        let history = folder.appendingPathComponent("history.csv")
        let before = try Data(contentsOf: history)
        let refused = try PathwaysTool.run(["import", folder.path, sheet.path])
        #expect(refused.status == 1)
        #expect(refused.stderr == """
            \(sheet.path):2:3: value: gdp 2022 is 660 here, but history.csv line 9 has 655; keep one, or run again with --replace to take this file's value
            Error: 1 problem(s); history.csv was not changed.

            """, "\(refused.stderr)")
        #expect(try Data(contentsOf: history) == before)
        let replaced = try PathwaysTool.run(["import", folder.path, sheet.path, "--replace"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(replaced.stdout.contains("0 rows added, 1 replaced, 1 already there"))
        let text = try Self.read(history)
        #expect(text.contains("\ngdp,2022,660,revised bulletin\ngdp,2023,693,example value\n"))
        #expect(!text.contains("gdp,2022,655"))
    }

    /// Every command that takes a study, with the arguments it needs after the study.
    static let studyCommands: [(name: String, arguments: [String])] = [
        ("validate", []), ("targets", []), ("check", ["--paths", "500"]), ("run", ["--paths", "500", "--out", "out"]), ("retro", ["--paths", "500", "--out", "out"]),
        ("trend", ["--indicator", "gdp"]), ("backtest", ["--indicator", "gdp", "--quiet"]), ("template", []),
    ]

    @Test("every command takes the study positionally, or from the current folder and says so first")
    func studyPositionalOrCurrentFolder() throws {
        let folder = try Self.newStudy()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let elsewhere = folder.deletingLastPathComponent()
        for command in Self.studyCommands {
            let named = try PathwaysTool.run([command.name, folder.path] + command.arguments, in: elsewhere)
            #expect(named.status == 0, "\(command.name): \(named.stderr)")
            #expect(!named.stderr.contains("Study:"), "\(command.name) announced a study it was given")
            let here = try PathwaysTool.run([command.name] + command.arguments, in: folder)
            #expect(here.status == 0, "\(command.name): \(here.stderr)")
            #expect(here.stderr.hasPrefix("Study: the current folder "), "\(command.name): \(here.stderr)")
            #expect(here.stdout == named.stdout.replacingOccurrences(of: folder.path, with: "."), "\(command.name)")
        }
        let solveNamed = try PathwaysTool.run(["solve", folder.path, "income-ratio-2025", "--vary", "rural_income", "--paths", "500"], in: elsewhere)
        let solveHere = try PathwaysTool.run(["solve", "income-ratio-2025", "--vary", "rural_income", "--paths", "500"], in: folder)
        #expect(solveNamed.status == 0 && solveHere.status == 0, "\(solveNamed.stderr)\(solveHere.stderr)")
        #expect(solveNamed.stdout == solveHere.stdout)
        let sheet = folder.appendingPathComponent("one.csv")
        try "indicator,year,value,source\nnew_urban_jobs,2024,1.4,bulletin\n".write(to: sheet, atomically: true, encoding: .utf8)
        let importHere = try PathwaysTool.run(["import", "one.csv"], in: folder)
        #expect(importHere.status == 0, "\(importHere.stderr)")
        #expect(importHere.stderr.hasPrefix("Study: the current folder "))
    }

    @Test("without a study.yaml in the current folder, the bundled study is used and named, from any folder")
    func bundledFromAnywhere() throws {
        let empty = try PathwaysTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: empty) }
        let result = try PathwaysTool.run(["validate"], in: empty)
        #expect(result.status == 0, "\(result.stderr)")
        let bundled = PathwaysTool.root.appendingPathComponent("Scenarios/linhai-2025").path
        #expect(result.stderr.hasPrefix("Study: the bundled Linhai study \(bundled) (no study.yaml in the current folder"), "\(result.stderr)")
        #expect(result.stdout.contains("99 indicators, 85 targets"))
        // From the repository root the path is shown relative to it.
        let root = try PathwaysTool.run(["targets", "--format", "csv"])
        #expect(root.stderr.hasPrefix("Study: the bundled Linhai study Scenarios/linhai-2025 "), "\(root.stderr)")
        // A study folder that does not exist is named once.
        let missing = try PathwaysTool.run(["check", "no-such-study"], in: empty)
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("no-such-study: no study folder at no-such-study\n"), "\(missing.stderr)")
    }

    @Test("every command prints JSON that python3 -m json.tool accepts")
    func json() throws {
        let base = try PathwaysTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let folder = base.appendingPathComponent("study")
        let commands: [[String]] = [
            ["init", folder.path, "--format", "json"],
            ["validate", folder.path], ["targets", folder.path], ["check", folder.path, "--paths", "500"],
            ["run", folder.path, "--paths", "500", "--out", base.appendingPathComponent("out").path],
            ["retro", folder.path, "--paths", "500", "--out", base.appendingPathComponent("retro").path],
            ["solve", folder.path, "gdp-doubling-2025", "--vary", "gdp", "--paths", "500"],
            ["trend", folder.path, "--indicator", "all"], ["backtest", folder.path, "--quiet"], ["template", folder.path],
            ["import", folder.path, folder.appendingPathComponent("history.csv").path],
            ["fit", "--csv", PathwaysTool.root.appendingPathComponent("Tests/LeastSquaresTests/Fixtures/nist-strd/Norris.csv").path, "--y", "y", "--x", "x"],
            ["project", "--value", "100", "--from", "2020", "--growth", "0.05", "--to", "2025"],
        ]
        let python = URL(fileURLWithPath: "/usr/bin/env")
        for command in commands {
            let arguments = command.contains("--format") ? command : command + ["--format", "json"]
            let result = try PathwaysTool.run(arguments, in: base)
            #expect(result.status == 0, "\(command[0]): \(result.stderr)")
            let check = try PathwaysTool.run(executable: python, ["python3", "-m", "json.tool"], in: base, input: Data(result.stdout.utf8))
            #expect(check.status == 0, "\(command[0]): \(check.stderr)\n\(result.stdout.prefix(300))")
        }
    }

    @Test("solve --vary takes any observed indicator the target is computed from, and says which when given another")
    func solveVary() throws {
        let folder = try Self.newStudy()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        for input in ["rural_income", "urban_income"] {
            let result = try PathwaysTool.run(["solve", folder.path, "income-ratio-2025", "--vary", input, "--paths", "500"])
            #expect(result.status == 0, "\(input): \(result.stderr)")
            #expect(result.stdout.contains("The target's measure in 2025 is then 1.7 against 1.7."), "\(result.stdout)")
        }
        let other = try PathwaysTool.run(["solve", folder.path, "income-ratio-2025", "--vary", "gdp", "--paths", "500"])
        #expect(other.status == 1)
        #expect(other.stderr.contains("gdp does not feed urban_rural_income_ratio, the target's indicator; vary rural_income or urban_income."), "\(other.stderr)")
        let derived = try PathwaysTool.run(["solve", folder.path, "income-ratio-2025", "--vary", "urban_rural_income_ratio", "--paths", "500"])
        #expect(derived.status == 1)
        #expect(derived.stderr.contains("is derived from a formula; vary one of the indicators it is computed from: rural_income, urban_income."))
    }

    @Test("--csv reads paths with spaces and Chinese characters, and - reads standard input, giving the same result")
    func csvPathsAndStandardInput() throws {
        let folder = try PathwaysTool.temporaryFolder().appendingPathComponent("数据 files")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let table = "指标,2016年,2017年,2018年,2019年,2020年,2021年\ngdp,\"4,512\",\"4,870\",\"5,234\",\"5,601\",\"5,780\",\"6,300\"\n"
        let file = folder.appendingPathComponent("历史 data.csv")
        try table.write(to: file, atomically: true, encoding: .utf8)
        let named = try PathwaysTool.run(["trend", "--csv", file.path, "--indicator", "gdp", "--model", "linear", "--format", "csv"])
        #expect(named.status == 0, "\(named.stderr)")
        let piped = try PathwaysTool.run(["trend", "--csv", "-", "--indicator", "gdp", "--model", "linear", "--format", "csv"], in: folder,
                                         input: Data(table.utf8))
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout == named.stdout)
        #expect(named.stdout.hasPrefix("indicator,year,family,mean,lo80,hi80,lo95,hi95\ngdp,2022,linear,"), "\(named.stdout)")
        let broken = try PathwaysTool.run(["trend", "--csv", "-", "--indicator", "gdp"], in: folder, input: Data("indicator,year,value\ngdp,2020,0x10\n".utf8))
        #expect(broken.status != 0)
        #expect(broken.stderr.contains("<stdin>:2:3: value: value '0x10' is hexadecimal; write the number in decimal"), "\(broken.stderr)")
    }

    @Test("percent-looking growth is refused with the fraction it probably means")
    func percentGrowth() throws {
        let result = try PathwaysTool.run(["project", "--value", "100", "--from", "2020", "--growth", "8.5", "--to", "2025"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: --growth 8.5 is 850% a year; write growth as a fraction: 0.085 for 8.5%.\n"), "\(result.stderr)")
    }
}
