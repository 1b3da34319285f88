import Foundation
import Testing
@testable import Reports
import Simulation
@testable import Studies

/// A level extended with its published nominal growth rate (`extend_with`): the chained values, their marks
/// in projections.csv and the report, and the refusal of real growth.
@Suite("Levels chained from growth rates")
struct ChainedLevelTests {
    static func lines(_ v: StudyValidation) -> [String] { v.diagnostics.map(\.description) }

    static func study(growthBasis: String?, history: String) throws -> StudyValidation {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chained-\(UUID().uuidString)/chained")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let basis = growthBasis.map { "\n    growth_basis: \($0)" } ?? ""
        try """
            id: chained
            title: {en: "Chained", zh: "推算"}
            region: {en: "Test", zh: "测试"}
            base_year: 2020
            target_year: 2025
            indicators:
              - id: retail_sales
                name: {en: "Retail sales", zh: "社会消费品零售总额"}
                unit: "100 million yuan"
                kind: level
                direction: up
                extend_with: retail_sales_growth
              - id: retail_sales_growth
                name: {en: "Retail sales growth", zh: "社会消费品零售总额增速"}
                unit: "%"
                kind: rate
                direction: up\(basis)
              - id: retail_share
                name: {en: "Retail sales per 100 of 2016's", zh: "零售额指数"}
                unit: "index"
                derived: retail_sales / 1000 * 100
                direction: up

            """.write(to: folder.appendingPathComponent("study.yaml"), atomically: true, encoding: .utf8)
        try """
            - id: retail-2025
              indicator: retail_sales
              rule: {op: ">=", value: 2000}
              year: 2025
              quote: "社会消费品零售总额达到2000亿元"

            """.write(to: folder.appendingPathComponent("targets.yaml"), atomically: true, encoding: .utf8)
        try history.write(to: folder.appendingPathComponent("history.csv"), atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        return StudyLoader.validate(at: folder)
    }

    static let history = """
        indicator,year,value,source
        retail_sales,2016,1000,yearbook
        retail_sales,2017,1080,yearbook
        retail_sales,2018,1150,yearbook
        retail_sales,2019,1230,yearbook
        retail_sales,2020,1200,yearbook
        retail_sales_growth,2020,-2.4,bulletin
        retail_sales_growth,2021,10,bulletin
        retail_sales_growth,2022,5,bulletin
        retail_sales_growth,2024,3,bulletin

        """

    @Test("each year with a growth rate and a level the year before is chained; a gap stops the chain")
    func chaining() throws {
        let study = try #require(try Self.study(growthBasis: "nominal", history: Self.history).study)
        let values = study.values(for: "retail_sales")
        // 2021: 1200 × 1.10 = 1320; 2022: 1320 × 1.05 = 1386; 2024 has a rate but 2023 has no level: not chained.
        #expect(abs(values[2021]! - 1320) < 1e-9)
        #expect(abs(values[2022]! - 1386) < 1e-9)
        #expect(values[2024] == nil)
        #expect(values[2020] == 1200, "an observation is never replaced")
        #expect(study.chainedYears(for: "retail_sales") == [2021, 2022])
        #expect(study.chainedYears(for: "retail_share") == [2021, 2022], "a derived value of a chained input is chained too")
        #expect(study.observations(for: "retail_sales").last?.source == "chained: retail_sales 2021 × (1 + retail_sales_growth 2022 / 100) = 1320 × (1 + 5%)")
    }

    @Test("projections.csv marks chained values, and the report's table marks and explains them")
    func marked() throws {
        let study = try #require(try Self.study(growthBasis: "nominal", history: Self.history).study)
        let run = try StudyRunner.run(study, options: RunOptions(paths: 200))
        let csv = RunTables.projections(run).text()
        #expect(csv.contains("baseline,retail_sales,2020,observed,1200,,,,\n"))
        #expect(csv.contains("baseline,retail_sales,2021,chained,1320"))
        #expect(csv.contains("baseline,retail_share,2022,chained,138.6"))
        #expect(csv.contains("baseline,retail_sales,2023,projected,"))
        let results = try #require(IndicatorResults.all(run).first { $0.indicator.id == "retail_sales" })
        #expect(results.chainedYears == [2021, 2022])
        #expect(results.observed.map(\.year) == [2016, 2017, 2018, 2019, 2020, 2021, 2022])
        let html = HTMLReport(run: run, charts: RunReport.charts(run)).text()
        #expect(html.contains("1320.0 †"))
        #expect(html.contains("chained from the published growth rate, not a published level"))
    }

    @Test("the fill-in sheet asks for the level's missing years and its growth rate's, not for chained years")
    func template() throws {
        let study = try #require(try Self.study(growthBasis: "nominal", history: Self.history).study)
        let rows = FillInSheet.rows(study, first: 2019, last: 2024)
        #expect(rows.filter { $0.indicator == "retail_sales" }.map(\.year) == [2023, 2024])
        #expect(rows.filter { $0.indicator == "retail_sales_growth" }.map(\.year) == [2019, 2023])
    }

    @Test("real growth, or growth of unstated basis, cannot extend a level")
    func refusals() throws {
        let real = try Self.study(growthBasis: "real", history: Self.history)
        #expect(Self.lines(real) == ["study.yaml:7: indicators[retail_sales].extend_with: 'retail_sales_growth' is real growth (at constant prices); it cannot extend "
                               + "'retail_sales', a value at current prices: the change in prices would be missing. Extend it with nominal growth, or leave the years out"])
        let unstated = try Self.study(growthBasis: nil, history: Self.history)
        #expect(Self.lines(unstated) == ["study.yaml:13: indicators[retail_sales_growth].growth_basis: 'retail_sales' is extended with 'retail_sales_growth': "
                                   + "say whether it is nominal or real growth (growth_basis: nominal)"])
    }
}
