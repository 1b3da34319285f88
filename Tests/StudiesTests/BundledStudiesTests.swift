import Foundation
import Testing
@testable import Studies

/// The studies shipped under `Scenarios/`, found from this file's location.
@Suite("Bundled studies")
struct BundledStudiesTests {
    @Test("the bundled studies are the four expected")
    func inventory() {
        #expect(TestPaths.bundledStudies == ["linhai-2025", "taizhou-2025", "zhejiang-2025", "zhejiang-2030"])
    }

    @Test("every bundled study loads without an error or a warning", arguments: TestPaths.bundledStudies)
    func loads(name: String) throws {
        let validation = StudyLoader.validate(at: TestPaths.bundled(name))
        #expect(validation.diagnostics.isEmpty, "\(validation.lines)")
        let study = try #require(validation.study)
        #expect(study.id == name)
        #expect(!study.targets.isEmpty)
        // Every target's indicator exists; every indicator has both names.
        for target in study.targets { #expect(study.indicator(id: target.indicator) != nil, "\(target.id)") }
        for indicator in study.indicators {
            #expect(!indicator.name.en.isEmpty && !indicator.name.zh.isEmpty, "\(indicator.id)")
        }
        // Every row of history names its source.
        for observation in study.observations {
            #expect(!observation.source.trimmingCharacters(in: .whitespaces).isEmpty, "history.csv:\(observation.line)")
        }
    }

    @Test("the Linhai catalog holds every quantified target: more than fifty, each quoted exactly from the plan")
    func linhaiCatalog() throws {
        let study = try StudyLoader.load(at: TestPaths.bundled("linhai-2025"))
        #expect(study.targets.count == 85)
        #expect(study.indicators.count == 99)
        let planURL = TestPaths.bundled("linhai-2025").appendingPathComponent("sources/plan-2021-2025.txt")
        let plan = try String(contentsOf: planURL, encoding: .utf8)
        #expect(plan.contains("临海奋力打造共同富裕示范样板实施方案"))
        for target in study.targets {
            #expect(plan.contains(target.quote), "\(target.id): \(target.quote)")
        }
        #expect(Set(study.targets.map(\.id)).count == study.targets.count)

        // Every kind of rule is present, and the headline targets read as the plan says.
        let byID = Dictionary(uniqueKeysWithValues: study.targets.map { ($0.id, $0) })
        #expect(byID["income-ratio-2025"]?.rule == TargetRule(op: .lessOrEqual, measure: .level(1.8)))
        #expect(byID["rd-share-2025"]?.rule == TargetRule(op: .greaterOrEqual, measure: .level(3.3)))
        #expect(byID["loans-double-2025"]?.rule == TargetRule(op: .greaterOrEqual, measure: .multipleOf(baseYear: 2020, factor: 2)))
        #expect(byID["new-urban-jobs-2021-2025"]?.rule == TargetRule(op: .greaterOrEqual, measure: .cumulative(fromYear: 2021, total: 100000)))
        #expect(byID["private-investment-growth-2021-2025"]?.rule == TargetRule(op: .greaterOrEqual, measure: .averageGrowth(fromYear: 2020, rate: 0.08)))
        #expect(byID["cultural-auditoriums-2022"]?.year == 2022)
        #expect(byID["beautiful-villages-2025"]?.approximate == true)
        let fullCoverage = study.targets.filter { $0.rule == TargetRule(op: .greaterOrEqual, measure: .level(100)) }
        #expect(fullCoverage.count == 21)
        // Derived indicators are formulas over other indicators, not copied numbers.
        #expect(study.indicator(id: "urban_rural_income_ratio")?.formula?.indicatorIDs == ["urban_income", "rural_income"])
        #expect(study.indicator(id: "rd_share_gdp")?.formula?.indicatorIDs == ["rd_expenditure", "gdp"])
    }

    @Test("Linhai history: incomes, urbanization, GDP and population from the sources, levels apart from growth")
    func linhaiHistory() throws {
        let study = try StudyLoader.load(at: TestPaths.bundled("linhai-2025"))
        #expect(study.observations.count == 48)
        #expect(study.bounds(for: "gdp").map(\.year) == [2025], "突破千亿: a bound, not 1000")
        #expect(study.bounds(for: "industrial_output").map(\.year) == [2013])
        func years(_ id: String) -> [Int] { study.observations(for: id).map(\.year) }
        #expect(years("urban_income") == [2013, 2015, 2021, 2022])
        #expect(years("rural_income") == [2015, 2021, 2022], "2013 is net income (纯收入), another definition")
        #expect(years("urbanization_rate") == [2021, 2022, 2023])
        #expect(years("gdp") == [2013, 2015, 2016, 2018, 2021, 2022, 2024])
        #expect(years("resident_population") == [2020, 2021, 2022, 2023])
        #expect(study.observations(for: "gdp").last?.value == 971.68)
        #expect(study.observations(for: "gdp_growth").map(\.value) == [8, 7.2, 7.0, 3.6, 6.2])
        #expect(study.observations(for: "urbanization_rate").map(\.value) == [51.0, 52.6, 54.1])
        // The derived income ratio from Linhai's own incomes (no Linhai source publishes the ratio itself).
        let ratio = study.values(for: "urban_rural_income_ratio")
        #expect(ratio.keys.sorted() == [2015, 2021, 2022])
        #expect(abs(ratio[2015]! - 1.89177) < 1e-5)
        #expect(abs(ratio[2021]! - 1.78113) < 1e-5)
        #expect(abs(ratio[2022]! - 1.76530) < 1e-5)
        #expect(study.values(for: "rd_share_gdp").isEmpty, "no R&D expenditure in the sources: no data, never a guess")
    }

    /// The ratio computed from the bundled income levels against the ratio the same sources publish.
    @Test("derived urban-rural income ratio matches the published ratio to ±0.01", arguments: [
        ("taizhou-2025", [2021: (1.92373, 1.92), 2023: (1.83994, 1.84)]),
        ("zhejiang-2025", [2017: (2.05405, 2.054), 2020: (1.96364, 1.96), 2021: (1.94306, 1.94)]),
        ("zhejiang-2030", [2017: (2.05405, 2.054), 2020: (1.96364, 1.96), 2021: (1.94306, 1.94)]),
    ])
    func incomeRatio(name: String, expected: [Int: (computed: Double, published: Double)]) throws {
        let study = try StudyLoader.load(at: TestPaths.bundled(name))
        let computed = study.values(for: "urban_rural_income_ratio")
        let published = study.values(for: "urban_rural_income_ratio_published")
        let common = Set(computed.keys).intersection(published.keys)
        #expect(common == Set(expected.keys))
        for (year, values) in expected {
            let c = try #require(computed[year])
            let p = try #require(published[year])
            #expect(abs(c - values.computed) < 1e-5, "\(name) \(year): computed \(c)")
            #expect(p == values.published)
            #expect(abs(c - p) <= 0.01, "\(name) \(year): computed \(c), published \(p)")
        }
    }

    @Test("the three Linhai scenarios resolve over baseline")
    func linhaiScenarios() throws {
        let study = try StudyLoader.load(at: TestPaths.bundled("linhai-2025"))
        // rd-push was removed: Linhai has no R&D expenditure data, so it could only repeat the baseline.
        #expect(study.scenarios.map(\.name) == ["baseline", "rural-catch-up", "slowdown"])
        for scenario in study.scenarios {
            #expect(!scenario.title.en.isEmpty && !scenario.title.zh.isEmpty)
            #expect(!scenario.rationale.en.isEmpty && !scenario.rationale.zh.isEmpty)
            #expect(scenario.uncertainty == ScenarioSpec.Uncertainty(paths: 20000, seed: 2025))
        }
        #expect(study.scenario(named: "baseline")?.assumptions.isEmpty == true)
        #expect(study.scenario(named: "rural-catch-up")?.assumptions["rural_income"]?.map(\.change) == [.growthShock(fromYear: 2023, toYear: 2025, delta: 0.015)])
        let slowdown = try #require(study.scenario(named: "slowdown"))
        #expect(slowdown.assumptions.keys.sorted() == ["gdp", "rural_income", "urban_income"])
        for list in slowdown.assumptions.values {
            #expect(list.map(\.change) == [.growthShock(fromYear: 2023, toYear: 2025, delta: -0.015)])
        }
    }

    @Test("other regions' studies quote their sources exactly and keep their own series")
    func otherStudies() throws {
        for name in ["taizhou-2025", "zhejiang-2025", "zhejiang-2030"] {
            let folder = TestPaths.bundled(name)
            let study = try StudyLoader.load(at: folder)
            let textFile = try #require(study.plan?.textFile)
            let table = CSVReader.read(try String(contentsOf: folder.appendingPathComponent(textFile), encoding: .utf8))
            let column = try #require(table.records.first?.fields.firstIndex(of: "quote"))
            let quotes = table.records.dropFirst().map { $0.fields[column] }
            for target in study.targets {
                #expect(quotes.contains { $0.contains(target.quote) }, "\(name) \(target.id)")
                if name.hasPrefix("zhejiang") { #expect(target.source?.isEmpty == false, "\(name) \(target.id) has no source") }
            }
        }
        let taizhou = try StudyLoader.load(at: TestPaths.bundled("taizhou-2025"))
        #expect(taizhou.targets.count == 4)
        #expect(abs(taizhou.values(for: "urbanization_rate")[2020]! - 410.5 / 662.2 * 100) < 1e-9)
        let zj2025 = try StudyLoader.load(at: TestPaths.bundled("zhejiang-2025"))
        let zj2030 = try StudyLoader.load(at: TestPaths.bundled("zhejiang-2030"))
        #expect(zj2025.targets.count == 12)
        #expect(zj2030.targets.count == 19)
        // One vintage per series: the NBS revised GDP and the as-published GDP are separate indicators.
        #expect(zj2030.observations(for: "gdp").count == 15)
        #expect(zj2030.observations(for: "gdp").first { $0.year == 2023 }?.value == 85619.6)
        #expect(zj2030.observations(for: "gdp_bulletin").first { $0.year == 2023 }?.value == 82553)
    }
}
