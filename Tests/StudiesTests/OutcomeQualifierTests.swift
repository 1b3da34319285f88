import Foundation
import Testing
@testable import Studies

/// The `qualifier` column of `history.csv` (approximate values and bounds), what a study does with each, and
/// a derived indicator's `published_as`.
@Suite("Approximate values and bounds")
struct OutcomeQualifierTests {
    static let studyYAML = """
        id: q
        title: {en: Q, zh: 质}
        region: {en: Q, zh: 质}
        base_year: 2020
        target_year: 2025
        indicators:
          - id: income
            name: {en: Income, zh: 收入}
            unit: yuan
            kind: level
            direction: up
            model: compound
          - id: rural
            name: {en: Rural income, zh: 农村收入}
            unit: yuan
            kind: level
            direction: up
            model: compound
          - id: ratio
            name: {en: Ratio, zh: 倍差}
            unit: ratio
            direction: down
            derived: income / rural
            published_as: ratio_published
          - id: ratio_published
            name: {en: Ratio as published, zh: 倍差(公布值)}
            unit: ratio
            kind: level
            direction: down
        """

    /// A study folder holding `study.yaml` (the one above unless given), an empty `targets.yaml` and `history`.
    static func folder(history: String, study: String = studyYAML) throws -> URL {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("qualifier-\(UUID().uuidString)")
        let folder = parent.appendingPathComponent("q")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try study.write(to: folder.appendingPathComponent("study.yaml"), atomically: true, encoding: .utf8)
        try "[]\n".write(to: folder.appendingPathComponent("targets.yaml"), atomically: true, encoding: .utf8)
        try history.write(to: folder.appendingPathComponent("history.csv"), atomically: true, encoding: .utf8)
        return folder
    }

    static let history = """
        indicator,year,value,qualifier,source
        income,2023,64000,,a
        income,2024,67000,approx,b
        income,2025,70000,>,c
        rural,2023,32000,,a
        rural,2024,34000,,b
        rural,2025,36000,>=,c
        ratio_published,2025,1.81,,d

        """

    @Test func boundsAreNeverValues() throws {
        let study = try StudyLoader.load(at: Self.folder(history: Self.history))
        #expect(study.observations.count == 7)
        // The bound of 2025 is not among the values, the observations of the indicator, or a derived value.
        #expect(study.values(for: "income") == [2023: 64000, 2024: 67000])
        #expect(study.observations(for: "income").map(\.year) == [2023, 2024])
        #expect(study.bounds(for: "income").map(\.year) == [2025])
        #expect(study.bounds(for: "income").first?.qualifier == .bound(.greater))
        #expect(study.values(for: "ratio").keys.sorted() == [2023, 2024])
    }

    @Test func approximateYearsFollowTheInputs() throws {
        let study = try StudyLoader.load(at: Self.folder(history: Self.history))
        #expect(study.approximateYears(for: "income") == [2024])
        #expect(study.approximateYears(for: "rural") == [])
        #expect(study.approximateYears(for: "ratio") == [2024])   // income / rural in 2024: income is approximate
    }

    @Test func outcomesOfAYear() throws {
        let study = try StudyLoader.load(at: Self.folder(history: Self.history))
        #expect(study.outcome(of: "income", in: 2025) == Outcome(value: 70000, qualifier: .bound(.greater), indicator: "income", year: 2025))
        #expect(study.outcome(of: "income", in: 2024) == Outcome(value: 67000, qualifier: .approximate, indicator: "income", year: 2024))
        #expect(study.outcome(of: "income", in: 2023)?.qualifier == .exact)
        #expect(study.outcome(of: "income", in: 2022) == nil)
        // The derived ratio in 2025: its inputs are bounds, so the published value answers; in 2023 the formula does.
        #expect(study.outcome(of: "ratio", in: 2025) == Outcome(value: 1.81, qualifier: .exact, indicator: "ratio_published", year: 2025))
        let formula = try #require(study.outcome(of: "ratio", in: 2023))
        #expect(formula.indicator == "ratio" && abs(formula.value - 2) < 1e-12)
    }

    @Test func onlyTheRowsOfAVintageArePublished() throws {
        let study = try StudyLoader.load(at: Self.folder(history: Self.history))
        let vintage = study.published(through: 2024)
        #expect(vintage.observations.allSatisfy { $0.year <= 2024 })
        #expect(vintage.observations.count == 4)
        #expect(vintage.outcome(of: "ratio", in: 2025) == nil)
        #expect(vintage.targets == study.targets && vintage.indicators == study.indicators)
    }

    @Test("a bad qualifier or a bound written into the value is reported at its line", arguments: [
        ("income,2025,70000,about,c", "history.csv:2:4: qualifier: qualifier 'about' is not one of approx, >, >=, <, <= (leave it empty for an exact value)"),
        ("income,2025,>70000,,c", "history.csv:2:3: value: value '>70000' is not a number; write the number alone (70000) and '>' in a qualifier column"),
        ("income,2025,~76,,c", "history.csv:2:3: value: value '~76' is not a number; write the number alone (76) and 'approx' in a qualifier column"),
    ])
    func badQualifier(row: String, expected: String) throws {
        let lines = StudyLoader.validate(at: try Self.folder(history: "indicator,year,value,qualifier,source\n\(row)\n")).lines
        #expect(lines == [expected])
    }

    @Test func theQualifierColumnIsOptional() throws {
        let study = try StudyLoader.load(at: Self.folder(history: "indicator,year,value,source\nincome,2024,67000,b\n"))
        #expect(study.observations.first?.qualifier == .exact)
    }

    @Test("published_as must name an observed indicator, on a derived one", arguments: [
        ("    published_as: ratio_published\n", "    published_as: ratio_publishd\n",
         "study.yaml:19: indicators[ratio].published_as: published_as names unknown indicator 'ratio_publishd'; did you mean 'ratio_published'?"),
        ("    model: compound\n  - id: rural", "    model: compound\n    published_as: ratio_published\n  - id: rural",
         "study.yaml:13: indicators[income].published_as: 'published_as' names where a derived indicator's published values are; this indicator has no 'derived' formula and takes its own rows in history.csv"),
    ])
    func publishedAsChecked(old: String, new: String, expected: String) throws {
        let yaml = Self.studyYAML.replacingOccurrences(of: old, with: new)
        #expect(yaml != Self.studyYAML)
        let lines = StudyLoader.validate(at: try Self.folder(history: "indicator,year,value,source\n", study: yaml)).lines
        #expect(lines == [expected])
    }

    @Test("a bound settles a threshold only when every value it allows is on one side", arguments: [
        // outcome, target, settles
        (">", 70000.0, ">=", 65000.0, true as Bool?), (">", 70000, ">=", 75000, nil), (">", 70000, ">=", 70000, true),
        (">", 70000, ">", 70000, true), (">=", 70000, ">", 70000, nil), (">=", 70000, ">=", 70000, true),
        (">", 70000, "<=", 70000, false), (">", 70000, "<", 70000, false), (">=", 70000, "<=", 70000, nil),
        (">=", 70000, "<", 70000, false), (">", 70000, "<=", 75000, nil),
        ("<", 1.9, "<=", 1.9, true), ("<", 1.9, "<", 1.85, nil), ("<", 1.9, ">=", 1.9, false), ("<=", 1.9, ">=", 1.9, nil),
        ("<=", 1.9, ">", 1.9, false), ("<", 1.9, ">", 2, false),
    ])
    func boundSettles(side: String, bound: Double, op: String, threshold: Double, expected: Bool?) throws {
        let outcome = Outcome(value: bound, qualifier: try #require(ObservationQualifier(code: side)), indicator: "x", year: 2025)
        #expect(outcome.settles(try #require(ComparisonOperator(rawValue: op)), threshold: threshold) == expected)
    }

    @Test func aTableSeriesLeavesBoundsOut() throws {
        let text = "indicator,year,value,qualifier\nx,2023,10,\nx,2024,11,approx\nx,2025,12,>\n"
        let loaded = TableFile.Loaded(name: "t.csv", table: CSVReader.read(text))
        let series = try DataFile.series(of: loaded)
        #expect(series.first?.years == [2023, 2024] && series.first?.values == [10, 11])
    }

    @Test func levelsAreNeverChainedFromABound() {
        let indicators = [Indicator(id: "level", name: BilingualText(en: "l", zh: "l"), unit: "yuan", extendWith: "rate"),
                          Indicator(id: "rate", name: BilingualText(en: "r", zh: "r"), unit: "%", kind: .rate)]
        let rows = [Observation(indicator: "level", year: 2023, value: 100, source: "a", qualifier: .approximate),
                    Observation(indicator: "level", year: 2025, value: 120, source: "b", qualifier: .bound(.greater)),
                    Observation(indicator: "rate", year: 2024, value: 10, source: "c"),
                    Observation(indicator: "rate", year: 2025, value: 10, source: "c"),
                    Observation(indicator: "rate", year: 2026, value: 10, source: "c")]
        // 2024 from the approximate 2023: about 110; 2025 has a bound and is not chained; 2026 would need 2025's value.
        let chained = StudyLoader.chained(rows, indicators: indicators)
        #expect(chained.map(\.year) == [2024])
        #expect(chained.first?.qualifier == .approximate && abs((chained.first?.value ?? 0) - 110) < 1e-9)
    }
}
