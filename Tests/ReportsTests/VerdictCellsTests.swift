import Foundation
import Testing
@testable import Reports
@testable import Simulation
import Studies

/// No cell's colour or wording disagrees with its p_meet: every row of `feasibility.csv` and every verdict cell,
/// chip and summary row of `report.html`, in every bundled study and in a study with one target per band.
@Suite("Verdict cells")
struct VerdictCellsTests {
    static let names = BilingualText(en: "x", zh: "x")
    static let byCode = Dictionary(uniqueKeysWithValues: Verdict.allCases.map { ($0.code, $0) })

    /// The verdict `p` must have: the observed outcome when the row says the year is observed, else its band.
    static func agrees(_ code: String, p: Double?) -> Bool {
        guard let p else { return code == "no data" || code == "undetermined" }
        switch code {
        case "met", "met (approximate)": return p == 1
        case "missed", "missed (approximate)": return p == 0
        default: return code == Likelihood(probability: p).name.en
        }
    }

    /// Every row of `feasibility.csv`: its verdict agrees with its p_meet. Returns the verdicts seen.
    static func checkCSV(_ run: StudyRun) throws -> Set<String> {
        let table = CSVReader.read(RunTables.feasibility(run).text())
        let header = try #require(table.records.first).fields
        let p = try #require(header.firstIndex(of: "p_meet")), v = try #require(header.firstIndex(of: "verdict"))
        var seen: Set<String> = []
        for record in table.records.dropFirst() {
            let code = record.fields[v]
            let probability = record.fields[p].isEmpty ? nil : Double(record.fields[p])
            #expect(agrees(code, p: probability), "\(run.study.id) line \(record.line): \(code) with p_meet \(record.fields[p])")
            seen.insert(code)
        }
        return seen
    }

    /// Every element of the report coloured by a verdict: the colour is the verdict's, the verdict agrees with the
    /// cell's p_meet, and the verdict's words are written in it. Returns how many elements were checked.
    static func checkReport(_ run: StudyRun, retrospective: Retrospective? = nil) throws -> Int {
        let html = HTMLReport(run: run, charts: RunReport.charts(run), retrospective: retrospective).text()
        let tag = try NSRegularExpression(pattern: #"<(td|th|span) class="(verdict|chip)"([^>]*)>"#)
        let attribute = try NSRegularExpression(pattern: #"([a-z-]+)="([^"]*)""#)
        var checked = 0
        for match in tag.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let attributes = String(html[Range(match.range(at: 3), in: html)!])
            var values: [String: String] = [:]
            for a in attribute.matches(in: attributes, range: NSRange(attributes.startIndex..., in: attributes)) {
                values[String(attributes[Range(a.range(at: 1), in: attributes)!])] = String(attributes[Range(a.range(at: 2), in: attributes)!])
            }
            let element = String(html[Range(match.range(at: 1), in: html)!])
            guard let code = values["data-verdict"] else { continue }   // a cell without a row ("–")
            let verdict = try #require(byCode[code], "unknown verdict \(code)")
            #expect(values["style"] == "background:\(StatusStyle.color(verdict));color:\(StatusStyle.textColor(verdict))", "\(run.study.id): \(code) \(values)")
            if element != "th" {
                let p = values["data-p"].flatMap { $0.isEmpty ? nil : Double($0) }
                #expect(agrees(code, p: p), "\(run.study.id): \(code) with data-p \(values["data-p"] ?? "none")")
            }
            // The words follow the opening tag, before the element closes (elements of its kind may nest in it).
            let content = Self.content(of: element, in: html[Range(match.range, in: html)!.upperBound...])
            #expect(content.contains(ReportsFixture.escaped(verdict.name.en)), "\(run.study.id): \(code) cell says \(content.prefix(200))")
            checked += 1
        }
        return checked
    }

    /// The text up to the `</element>` that closes an element whose opening tag `rest` follows.
    static func content(of element: String, in rest: Substring) -> Substring {
        var depth = 1, index = rest.startIndex
        while depth > 0, let close = rest.range(of: "</\(element)>", range: index..<rest.endIndex) {
            let opens = rest[index..<close.lowerBound].components(separatedBy: "<\(element) ").count - 1
            depth += opens - 1
            index = close.upperBound
            if depth <= 0 { return rest[..<close.lowerBound] }
        }
        return rest[..<index]
    }

    @Test("every bundled study", arguments: ["linhai-2025", "zhejiang-2025", "zhejiang-2030", "taizhou-2025"])
    func bundled(name: String) throws {
        let run = name == "linhai-2025" ? ReportsFixture.linhai : ReportsFixture.run(name, paths: 400)
        _ = try Self.checkCSV(run)
        // Every assessed target has a cell per scenario; a target without data one cell across them.
        let assessed = run.scenarios.flatMap(\.feasibility).filter { $0.verdict != .noData }.count
        let without = Set(run.scenarios.flatMap(\.feasibility).filter { $0.verdict == .noData }.map(\.target.id)).count
        #expect(try Self.checkReport(run) >= assessed + without)
    }

    /// One target per likelihood band, placed at the sample quantiles of the simulated 2025 paths so that p_meet
    /// falls inside the band, plus an observed hit and miss, a target without data and one at a share's cap.
    static func bandStudy() throws -> (study: Study, probabilities: [Double]) {
        let x = Indicator(id: "x", name: names, unit: "t", kind: .level, model: .compound)
        let share = Indicator(id: "s", name: names, unit: "%", kind: .share, model: .linear)
        let empty = Indicator(id: "e", name: names, unit: "t", kind: .level, model: .compound)
        let approximate = Indicator(id: "ap", name: names, unit: "t", kind: .level, model: .compound)
        let values = [100.0, 104.9, 111.0, 115.2, 121.9, 127.1, 134.8, 139.9]
        var observations = values.enumerated().map { Observation(indicator: "x", year: 2015 + $0, value: $1, source: "t") }
        observations += [90.0, 93.1, 95.9, 99.0].enumerated().map { Observation(indicator: "s", year: 2019 + $0, value: $1, source: "t") }
        observations.append(Observation(indicator: "ap", year: 2019, value: 50, source: "about 50", qualifier: .approximate))
        let spec = ScenarioSpec(name: "baseline", title: names, rationale: names, uncertainty: .init(paths: 20_000, seed: 9))
        func level(_ id: String, _ v: Double, year: Int = 2025, indicator: String = "x", op: ComparisonOperator = .greaterOrEqual) -> Target {
            Target(id: id, indicator: indicator, rule: TargetRule(op: op, measure: .level(v)), year: year, quote: "")
        }
        var study = Study(id: "bands", title: names, region: names, baseYear: 2020, targetYear: 2025, indicators: [x, share, empty, approximate],
                          observations: observations, targets: [level("probe", 1)], scenarios: [spec])
        var notes: [String] = []
        let simulation = try StudyRunner.simulate(study, spec: spec, trends: StudyRunner.fitTrends(study), options: .init(), notes: &notes)
        guard case .paths(let paths)? = simulation.value("x", year: 2025) else { throw SimulationError.unknownIndicator(id: "x") }
        let sorted = paths.sorted()
        let probabilities = [0.005, 0.05, 0.2, 0.5, 0.8, 0.95, 0.995]
        var targets = probabilities.enumerated().map { k, p in level("band-\(k)", sorted[Int(Double(sorted.count) * (1 - p))]) }
        targets += [level("observed-met", 120, year: 2019), level("observed-missed", 130, year: 2019),
                    level("no-data", 1, indicator: "e"), level("at-cap", 100, indicator: "s"),
                    level("approximately-met", 40, year: 2019, indicator: "ap"), level("approximately-missed", 60, year: 2019, indicator: "ap")]
        study = Study(id: "bands", title: names, region: names, baseYear: 2020, targetYear: 2025, indicators: [x, share, empty, approximate],
                      observations: observations, targets: targets, scenarios: [spec])
        return (study, probabilities)
    }

    @Test("a study with one target per verdict band")
    func oneTargetPerBand() throws {
        let (study, probabilities) = try Self.bandStudy()
        let run = try StudyRunner.run(study, options: RunOptions(threads: 2))
        let rows = Dictionary(uniqueKeysWithValues: run.scenarios[0].feasibility.map { ($0.target.id, $0) })
        for (k, p) in probabilities.enumerated() {
            let row = try #require(rows["band-\(k)"])
            #expect(abs(try #require(row.pMeet) - p) < 1e-3, "band-\(k): p_meet \(row.pMeet ?? -1)")
        }
        let seen = try Self.checkCSV(run)
        #expect(seen == Set(Verdict.allCases.map(\.code)), "every verdict appears: \(Set(Verdict.allCases.map(\.code)).subtracting(seen))")
        #expect(try Self.checkReport(run) >= run.study.targets.count)
    }

    /// The check itself can fail: a cell coloured for another band is caught.
    @Test("a mismatched colour would be caught")
    func mismatchIsCaught() {
        #expect(!Self.agrees("likely", p: 0.5))
        #expect(!Self.agrees("met", p: 0))
        #expect(!Self.agrees("met (approximate)", p: 0) && !Self.agrees("missed (approximate)", p: 1))
        #expect(!Self.agrees("very likely", p: nil))
        #expect(StatusStyle.color(.likelihood(.likely)) != StatusStyle.color(.likelihood(.aboutAsLikelyAsNot)))
        #expect(Set(Verdict.allCases.map(StatusStyle.color)).count == Verdict.allCases.count)
    }
}
