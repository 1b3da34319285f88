import Foundation
import Testing

/// Each crash, hang and silent answer found by probing (issue 16), run through the built binary: a message
/// and a non-zero exit, or the right answer where the input is legal. The cases that allocated without
/// bound run under a memory cap (`ulimit -v`), so a refusal has to come before the allocation.
@Suite final class RobustnessTests {
    /// Every file a test writes is under this folder, removed when the test ends.
    let base: URL

    init() throws { base = try PathwaysTool.temporaryFolder() }
    deinit { try? FileManager.default.removeItem(at: base) }

    /// A fresh, empty folder under ``base``.
    func scratch() throws -> URL {
        let url = base.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A copy of the `valid` fixture study (folder and id `valid`) in a fresh folder, after `edit`.
    func study(_ edit: (URL) throws -> Void = { _ in }) throws -> URL {
        let folder = try scratch().appendingPathComponent("valid")
        try FileManager.default.copyItem(at: PathwaysTool.root.appendingPathComponent("Tests/StudiesTests/Fixtures/valid"), to: folder)
        try edit(folder)
        return folder
    }

    /// Replaces the first `old` by `new` in a file of the study.
    static func replace(_ old: String, _ new: String, in file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        let range = try #require(text.range(of: old), "\(old) not in \(file.lastPathComponent)")
        try text.replacingCharacters(in: range, with: new).write(to: file, atomically: false, encoding: .utf8)
    }

    func csv(_ text: String) throws -> URL {
        let file = try scratch().appendingPathComponent("data.csv")
        try Data(text.utf8).write(to: file)
        return file
    }

    /// Runs the binary from the repository root under a virtual-memory cap of `kilobytes`.
    static func capped(_ kilobytes: Int, _ arguments: [String]) throws -> PathwaysTool.Result {
        let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v \(kilobytes) && exec '\(try PathwaysTool.binary.path)' \(quoted)"]
        process.currentDirectoryURL = PathwaysTool.root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let box = PathwaysTool.StderrBox()
        Thread { box.data = err.fileHandleForReading.readDataToEndOfFile(); box.done.signal() }.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        box.done.wait()
        let stderr = box.data
        process.waitUntilExit()
        return PathwaysTool.Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                                   stderr: String(decoding: stderr, as: UTF8.self),
                                   signal: process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil)
    }

    static let fourYears = "indicator,year,value\nx,2019,10\nx,2020,11\nx,2021,12.5\nx,2022,13\n"

    // MARK: - Crashes

    /// Every year of an indicator excluded (auto, so through rolling-origin selection): the run goes on,
    /// and says at the indicator's line that it cannot be projected.
    @Test func everyYearExcludedIsReportedNotFatal() throws {
        let folder = try study { try Self.replace("    model: compound\n", "    exclude_years: [2021, 2022]\n", in: $0.appendingPathComponent("study.yaml")) }
        let warning = "\(folder.path)/study.yaml:11: indicators[urban_income]: warning: no trend can be fitted, so urban_income is not projected: "
            + "every observed year is excluded (2 years), so there is nothing to fit."
        let check = try PathwaysTool.run(["check", folder.path, "--paths", "200"])
        #expect(check.status == 0 && check.signal == nil, "\(check.stderr)")
        #expect(check.stderr.contains(warning), "\(check.stderr)")
        let validate = try PathwaysTool.run(["validate", folder.path])
        #expect(validate.status == 0 && validate.stderr.contains(warning), "\(validate.stderr)")
        let trend = try PathwaysTool.run(["trend", "--csv", try csv(Self.fourYears).path, "--indicator", "x", "--exclude", "2019", "2020", "2021", "2022"])
        #expect(trend.status == 1 && trend.signal == nil)
        #expect(trend.stdout.contains("x: every observed year is excluded (4 years), so there is nothing to fit."), "\(trend.stdout)")
    }

    @Test(arguments: ["9223372036854775807", "-9223372036854775808", "1", "-5", "99999"])
    func yearsOutsideTheRangeAreRefused(year: String) throws {
        let file = try csv(Self.fourYears + "x,\(year),14\n")
        for command in ["trend", "backtest"] {
            let result = try PathwaysTool.run([command, "--csv", file.path, "--indicator", "x"])
            #expect(result.status == 1 && result.signal == nil, "\(command)")
            #expect(result.stderr.contains("data.csv:6:2: year: "), "\(command): \(result.stderr)")
            #expect(result.stderr.contains(year.count <= 6 ? "year \(year) is out of range 1800...2200" : "expected a year, found '\(year)'"),
                    "\(command): \(result.stderr)")
        }
    }

    /// A series longer than the year range allows cannot exist: 20,000 points are refused at their first
    /// year out of range, at once.
    @Test func aTwentyThousandPointSeriesIsRefused() throws {
        let file = try csv("indicator,year,value\n" + (1...20_000).map { "x,\($0),\($0)\n" }.joined())
        let result = try PathwaysTool.run(["trend", "--csv", file.path, "--indicator", "x"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("data.csv:2:2: year: year 1 is out of range 1800...2200"), "\(result.stderr.prefix(500))")
        #expect(result.stderr.hasPrefix("Error: \(file.path) has 19599 problems:\n") && result.stderr.hasSuffix("  … and 19549 more\n"), "\(result.stderr.prefix(100))\(result.stderr.suffix(300))")
    }

    /// Paths that would allocate terabytes are refused before any allocation, under a 3 GB memory cap.
    @Test func pathsBeyondTheLimitsAreRefusedUnderAMemoryCap() throws {
        let tooMany = try Self.capped(3_000_000, ["run", "--paths", "100000000", "--out", "/nonexistent/unused"])
        #expect(tooMany.status == 64 && tooMany.stderr.contains("--paths must be between 1 and 10000000, not 100000000."), "\(tooMany.stderr)")
        // Within the range but more memory than allowed for the Linhai study (54 simulated values a path).
        let heavy = try Self.capped(3_000_000, ["check", "--paths", "10000000"])
        #expect(heavy.status == 1 && heavy.signal == nil, "\(heavy.stderr)")
        // The message's figures agree: values × 8 bytes × paths, and the most paths the 1 GB allow.
        let line = heavy.stderr.split(separator: "\n").first { $0.hasPrefix("Error:") } ?? ""
        let figures = line.split(whereSeparator: { !$0.isNumber && $0 != "." }).compactMap { Double($0) }
        #expect(heavy.stderr.contains("10000000 paths of this study (") && heavy.stderr.contains("the limit is 1.0 GB, so at most"), "\(heavy.stderr)")
        if figures.count >= 5, let perPath = figures.dropFirst().first {
            #expect(abs(figures[2] - 1e7 * perPath * 8 / 1e9) < 0.05 && figures[4] == (1e9 / (8 * perPath)).rounded(.down), "\(figures)")
        }
        let folder = try study { try Self.replace("paths: 1000,", "paths: 10000000000,", in: $0.appendingPathComponent("scenarios/baseline.yaml")) }
        let scenario = try Self.capped(3_000_000, ["check", folder.path])
        #expect(scenario.status == 1)
        #expect(scenario.stderr.contains("\(folder.path)/scenarios/baseline.yaml:6: uncertainty.paths: paths must be between 1 and 10000000, found 10000000000"),
                "\(scenario.stderr)")
        let zero = try PathwaysTool.run(["solve", "income-ratio-2025", "--vary", "rural_income", "--paths", "0"])
        #expect(zero.status == 64 && zero.stderr.contains("--paths must be between 1 and 10000000, not 0."), "\(zero.stderr)")
    }

    // MARK: - Denial of service

    /// Nine levels of nested aliases (1 kB, expanding to 9^10 scalars) are refused at the first alias,
    /// before anything is expanded: under a 1 GB memory cap.
    @Test func yamlAliasesAreRefusedBeforeExpansion() throws {
        var bomb = "\nlaughs:\n  a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for k in 1...9 { bomb += "  a\(k): &a\(k) [" + Array(repeating: "*a\(k - 1)", count: 9).joined(separator: ", ") + "]\n" }
        let folder = try study { try (String(contentsOf: $0.appendingPathComponent("study.yaml"), encoding: .utf8) + bomb)
            .write(to: $0.appendingPathComponent("study.yaml"), atomically: false, encoding: .utf8) }
        let result = try Self.capped(1_000_000, ["validate", folder.path])
        #expect(result.status == 1 && result.signal == nil)
        #expect(result.stderr.contains("\(folder.path)/study.yaml:36: YAML aliases (*a0) are not supported in study files; write the value out"), "\(result.stderr)")
    }

    /// A megabyte-long unknown indicator id: no did-you-mean search over it, and a one-line message.
    @Test func aHugeUnknownIdGivesAShortMessage() throws {
        let folder = try study { folder in
            let history = folder.appendingPathComponent("history.csv")
            try (String(contentsOf: history, encoding: .utf8) + String(repeating: "x", count: 1_000_000) + ",2021,1,somewhere\n")
                .write(to: history, atomically: false, encoding: .utf8)
        }
        let result = try Self.capped(1_000_000, ["validate", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("history.csv:6:1: indicator: unknown indicator '\(String(repeating: "x", count: 60))… (1000000 characters)'"))
        #expect(result.stderr.utf8.count < 1000)
    }

    @Test(arguments: [
        (["trend", "--csv", "F", "--indicator", "x", "--horizon", "100000000"], "--horizon must be between 1 and 100 years, not 100000000."),
        (["trend", "--csv", "F", "--indicator", "x", "--to", "99999999"], "--to: year 99999999 is outside 1800...2200, the years Pathways handles."),
        (["project", "--value", "1", "--from", "2020", "--growth", "0.1", "--to", "100000000"], "--to: year 100000000 is outside 1800...2200"),
        (["check", "--width", "1000000"], "--width must be between 60 and 1000 columns, not 1000000."),
        (["targets", "--width", "20"], "--width must be between 60 and 1000 columns, not 20."),
        (["trend", "--csv", "F", "--indicator", "x", "--cap", "nan"], "--cap must be a finite number above 0, not nan."),
        (["trend", "--csv", "F", "--indicator", "x", "--cap", "0"], "--cap must be a finite number above 0, not 0.0."),
        (["trend", "--csv", "F", "--indicator", "x", "--cap-limit", "inf"], "--cap-limit must be a finite number above 0, not inf."),
        (["backtest", "--csv", "F", "--cap-limit", "-1"], "--cap-limit must be a finite number above 0, not -1.0."),
        (["run", "--paths", "-5", "--out", "/nonexistent/unused"], "--paths must be between 1 and 10000000, not -5."),
        (["check", "--threads", "-2"], "--threads must be at least 1, not -2."),
        (["project", "--value", "nan", "--from", "2020", "--growth", "0.1", "--to", "2025"], "--value must be a finite number, not nan."),
        (["project", "--value", "1", "--from", "2020", "--growth", "inf", "--to", "2025"], "--growth must be a finite number above -1"),
        (["run", "--out", ""], "--out needs a folder name, not an empty text."),
        (["backtest", "--csv", "F", "--forecasts", ""], "--forecasts needs a file name, not an empty text."),
        (["fit", "--csv", "F", "--y", "value", "--x", "year", "--degree", "1000000"], "--degree must be between 1 and 20, not 1000000."),
    ])
    func valuesOutsideTheirLimitsAreRefused(arguments: [String], message: String) throws {
        let file = try csv(Self.fourYears)
        let result = try PathwaysTool.run(arguments.map { $0 == "F" ? file.path : $0 })
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    // MARK: - Silently wrong

    /// Numbers that were read as something else (helper-13's strict parser, checked here end to end): a NUL
    /// that truncated `42\0777` to 42, hex read as 16, an underflow read as 0, a magnitude no fit carries.
    @Test(arguments: [("42\u{0}777", "holds a control character (U+0000)"), ("0x10", "is hexadecimal"),
                      ("1e-400", "is smaller in magnitude than 1e-15"), ("1e300", "is larger in magnitude than 1e15")])
    func numbersAreReadStrictly(value: String, message: String) throws {
        let folder = try study { try Self.replace("urban_income,2022,65777", "urban_income,2022,\(value)", in: $0.appendingPathComponent("history.csv")) }
        let result = try PathwaysTool.run(["validate", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(folder.path)/history.csv:4:3: value: value '") && result.stderr.contains(message), "\(result.stderr)")
    }

    /// Indicators no trend fits: reported at their line of study.yaml, on the terminal and by validate.
    @Test func unfittableIndicatorsAreReported() throws {
        // Compound needs positive values: the model set in study.yaml cannot apply, and the run says so.
        let negative = try study { folder in
            let history = folder.appendingPathComponent("history.csv")
            try Self.replace("urban_income,2022,65777", "urban_income,2022,-5", in: history)
            try (String(contentsOf: history, encoding: .utf8) + "urban_income,2023,70000,somewhere\n").write(to: history, atomically: false, encoding: .utf8)
        }
        let warning = "\(negative.path)/study.yaml:11: indicators[urban_income].model: warning: model compound cannot be fitted, so urban_income is projected another way: "
            + "compound needs positive values, but 2022 is -5"
        let result = try PathwaysTool.run(["validate", negative.path])
        #expect(result.status == 0)
        #expect(result.stderr.contains(warning), "\(result.stderr)")
        let run = try PathwaysTool.run(["run", negative.path, "--out", negative.appendingPathComponent("out").path, "--paths", "200"])
        #expect(run.status == 0 && run.stderr.contains(warning), "\(run.stderr)")
        // A cap below the data.
        let capped = try study { try Self.replace("    model: compound\n", "    model: logistic\n    cap: 50000\n", in: $0.appendingPathComponent("study.yaml")) }
        let cap = try PathwaysTool.run(["validate", capped.path])
        #expect(cap.status == 1)
        #expect(cap.stderr.contains("\(capped.path)/history.csv:2: value: urban_income is capped at 50000, but its value in 2021 is 62993"), "\(cap.stderr)")
    }

    @Test func impossibleScenarioAndHistoryValuesAreErrors() throws {
        let divided = try study { try Self.replace("derived: urban_income / rural_income", "derived: urban_income / 0", in: $0.appendingPathComponent("study.yaml")) }
        let zero = try PathwaysTool.run(["validate", divided.path])
        #expect(zero.status == 1 && zero.stderr.contains("study.yaml:23: indicators[income_ratio].derived: formula divides by 0, which is always zero"), "\(zero.stderr)")

        let negative = try study { try Self.replace("{path: {2023: 39500,", "{path: {2023: -5,", in: $0.appendingPathComponent("scenarios/faster.yaml")) }
        let path = try PathwaysTool.run(["check", negative.path])
        #expect(path.status == 1)
        #expect(path.stderr.contains("scenarios/faster.yaml:7: assumptions.rural_income.path.2023: the path gives -5 in 2023, but every observation of rural_income is above zero"),
                "\(path.stderr)")

        let share = try study { folder in
            try Self.replace("    kind: flow", "    kind: share", in: folder.appendingPathComponent("study.yaml"))
            try Self.replace("  rule: {op: \">=\", cumulative_from: 2021, value: 100000}", "  rule: {op: \">=\", value: 90}", in: folder.appendingPathComponent("targets.yaml"))
            let history = folder.appendingPathComponent("history.csv")
            try (String(contentsOf: history, encoding: .utf8) + "new_jobs,2021,154.1,somewhere\n").write(to: history, atomically: false, encoding: .utf8)
        }
        let above = try PathwaysTool.run(["validate", share.path])
        #expect(above.status == 1)
        #expect(above.stderr.contains("history.csv:6: value: new_jobs is a share, from 0 to 100, but its value in 2021 is 154.1"), "\(above.stderr)")
    }

    /// Correlations no positive-definite matrix has are shrunk, and the run says by how much.
    @Test func shrunkCorrelationsAreReported() throws {
        let folder = try study { folder in
            try Self.replace("correlation: {\"urban_income,rural_income\": 0.6}",
                             "correlation: {\"urban_income,rural_income\": 0.99, \"urban_income,new_jobs\": 0.99, \"rural_income,new_jobs\": -0.99}",
                             in: folder.appendingPathComponent("scenarios/baseline.yaml"))
            let history = folder.appendingPathComponent("history.csv")
            try (String(contentsOf: history, encoding: .utf8) + "new_jobs,2021,21000,somewhere\nnew_jobs,2022,22000,somewhere\n")
                .write(to: history, atomically: false, encoding: .utf8)
        }
        let result = try PathwaysTool.run(["check", folder.path, "--paths", "200"])
        #expect(result.status == 0)
        // 0.99, 0.99, −0.99: the smallest eigenvalue of the matrix is 1 − 0.99·(1 + …) < 0; at factor s it is 1 − 1.98s
        // for these signs (eigenvector (1, 1, −1)/√3 gives 1 − s(0.99 + 0.99 + 0.99)·2/3 = 1 − 1.98s), positive below
        // s ≈ 0.505: the first step of 0.05 under it is 0.50.
        #expect(result.stderr.contains("Note: baseline: the shock correlations are not consistent with one another (no positive-definite matrix "
                                       + "has them); every one was multiplied by 0.50 to make them so (correlations.csv has the values used)."), "\(result.stderr)")
    }

    @Test func trendSaysWhySeriesHaveNoFitInEveryFormat() throws {
        let file = try csv("indicator,year,value\nx,2020,1\nx,2021,-2\nx,2022,3\n")
        let result = try PathwaysTool.run(["trend", "--csv", file.path, "--indicator", "x", "--model", "compound", "--format", "csv"])
        #expect(result.status == 1)
        #expect(result.stdout == "indicator,year,family,mean,lo80,hi80,lo95,hi95\n")
        #expect(result.stderr.contains("warning: no fit: x: compound needs positive values, but 2021 is -2."), "\(result.stderr)")
        #expect(result.stderr.contains("Error: no series of \(file.path) could be fitted."), "\(result.stderr)")
    }

    /// y = x near 1e300 (its squares overflow, and least squares answered slope 0, rank 1): refused where
    /// the file is read, with its line (the fit itself refuses beyond 1e150, `LeastSquaresErrorTests`).
    @Test func fitNearTheFloatRangeIsRefused() throws {
        let huge = try csv("x,y\n1e300,1e300\n2e300,2e300\n3e300,3.1e300\n")
        let refused = try PathwaysTool.run(["fit", "--csv", huge.path, "--y", "y", "--x", "x"])
        #expect(refused.status == 1 && refused.signal == nil)
        #expect(refused.stderr.contains("data.csv:2:1: x: '1e300' is larger in magnitude than"), "\(refused.stderr)")
    }

    /// y on itself: a perfect fit whose t statistic is about 1e47; the table keeps its columns.
    @Test func aHugeTStatisticKeepsTheTableColumns() throws {
        let file = try csv("x,y\n1,2\n2,4.1\n3,5.9\n4,8.2\n")
        let result = try PathwaysTool.run(["fit", "--csv", file.path, "--y", "y", "--x", "y"])
        #expect(result.status == 0)
        let row = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("       y") })
        #expect(row.count == 8 + 19 + 19 + 12 + 12, "\(row)")
        #expect(row.contains("e+"), "\(row)")
    }

    // MARK: - Security and messages

    @Test func planTextStaysInTheStudyFolder() throws {
        let outside = try study { try Self.replace("  text: plan.txt", "  text: ../../../../../../../../etc/passwd", in: $0.appendingPathComponent("study.yaml")) }
        let dots = try PathwaysTool.run(["validate", outside.path])
        #expect(dots.status == 1)
        #expect(dots.stderr.contains("\(outside.path)/study.yaml:9: plan.text: '../../../../../../../../etc/passwd' is outside the study folder; give a path inside it"),
                "\(dots.stderr)")
        #expect(!dots.stderr.contains("quote"), "the quotes were checked against the file: \(dots.stderr)")
        let linked = try study { folder in
            try FileManager.default.removeItem(at: folder.appendingPathComponent("plan.txt"))
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("plan.txt").path, withDestinationPath: "/etc/passwd")
        }
        let link = try PathwaysTool.run(["validate", linked.path])
        #expect(link.status == 1)
        #expect(link.stderr.contains("study.yaml:9: plan.text: 'plan.txt' leads outside the study folder (through a symbolic link); copy the file into it"), "\(link.stderr)")
        let missing = try study { try FileManager.default.removeItem(at: $0.appendingPathComponent("plan.txt")) }
        let gone = try PathwaysTool.run(["validate", missing.path])
        #expect(gone.stderr.contains("\(missing.path)/study.yaml:9: plan.text: cannot read the plan text plan.txt"), "\(gone.stderr)")
    }

    @Test func aGrowthPanelStaysInTheStudyFolder() throws {
        let folder = try study { folder in
            let study = folder.appendingPathComponent("study.yaml")
            try (String(contentsOf: study, encoding: .utf8) + "correlations:\n  \"urban_income,rural_income\": {growth_panel: /etc/passwd}\n")
                .write(to: study, atomically: false, encoding: .utf8)
        }
        let result = try PathwaysTool.run(["validate", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("growth_panel: '/etc/passwd' is outside the study folder; give a path inside it"), "\(result.stderr)")
        #expect(!result.stderr.contains("passwd:"), "the file was read: \(result.stderr)")
    }

    @Test func negativeNumbersAreValuesOfTheirOptions() throws {
        let result = try PathwaysTool.run(["project", "--value", "-100", "--from", "2020", "--growth", "-0.05", "--to", "2022"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "year  value\n2020  -100\n2021  -95\n2022  -90.25\n")
    }
}
