/// The small study `pathways init` writes: one of each thing a study can hold (a level, a share with a cap,
/// a derived ratio, a flow; a level, a doubling and a cumulative target; a baseline and one scenario), each
/// commented, with example numbers to be replaced. It validates and runs as it is (a test checks).
public enum StarterStudy {
    /// The files, by path relative to the study folder, for a study whose folder (and so id) is `id`.
    public static func files(id: String) -> [(name: String, text: String)] {
        [
            (StudyLoader.studyFile, studyYAML(id: id)),
            (StudyLoader.targetsFile, targetsYAML),
            (StudyLoader.historyFile, historyCSV),
            ("\(StudyLoader.scenariosFolder)/baseline.yaml", baselineYAML),
            ("\(StudyLoader.scenariosFolder)/rural-catch-up.yaml", scenarioYAML),
        ]
    }

    static func studyYAML(id: String) -> String {
        """
        # A study written by `pathways init`: every file, key and rule is described in docs/FORMATS.md.
        # The numbers in history.csv are EXAMPLES: replace them with your own (pathways template, then
        # pathways import), each with the source it was read from.
        id: \(id)                      # must equal the folder's name
        title: {en: "Example county development plan 2021-2025", zh: "示例县国民经济和社会发展第十四个五年规划"}
        region: {en: "Example county", zh: "示例县"}
        base_year: 2020                # the last year before the plan period
        target_year: 2025              # the plan's final year
        plan:
          title: {en: "Example plan", zh: "示例规划纲要"}
          source: "Where the plan was published (a URL, a gazette)"
        indicators:
          # A level: a stock or amount that grows by compounding; projected by the trend `auto` chooses.
          - id: gdp
            name: {en: "Gross domestic product", zh: "地区生产总值"}
            unit: "100 million yuan"
            kind: level
            direction: up              # higher is better
          # A share with a cap: a percentage that cannot pass 85 here; the logistic trend bends below it.
          - id: urbanization_rate
            name: {en: "Urbanization rate of the resident population", zh: "常住人口城镇化率"}
            unit: "%"
            kind: share
            direction: up
            cap: 85
          - id: urban_income
            name: {en: "Per-capita disposable income of urban residents", zh: "城镇常住居民人均可支配收入"}
            unit: "yuan"
            kind: level
            direction: up
          - id: rural_income
            name: {en: "Per-capita disposable income of rural residents", zh: "农村常住居民人均可支配收入"}
            unit: "yuan"
            kind: level
            direction: up
          # A derived ratio: computed from two indicators, year by year and path by path; it takes no observations.
          - id: urban_rural_income_ratio
            name: {en: "Urban-rural income ratio", zh: "城乡居民收入倍差"}
            unit: "ratio"
            derived: urban_income / rural_income
            direction: down            # lower is better
          # A flow: an amount per year, summed by a cumulative target.
          - id: new_urban_jobs
            name: {en: "New urban jobs", zh: "城镇新增就业"}
            unit: "10k persons"
            kind: flow
            direction: up
            exclude_years: [2020]      # left out of the trend fit (the epidemic year)

        """
    }

    static let targetsYAML = """
        # The plan's quantified targets. `quote` copies the plan's words; `rule` says what must hold in `year`.
        # A level target.
        - id: urbanization-2025
          indicator: urbanization_rate
          rule: {op: ">=", value: 70}
          year: 2025
          quote: "常住人口城镇化率达到70%"
        # A level target on the derived ratio.
        - id: income-ratio-2025
          indicator: urban_rural_income_ratio
          rule: {op: "<=", value: 1.7}
          year: 2025
          quote: "城乡居民收入倍差缩小到1.7以内"
        # A doubling target (翻一番): the 2025 value at least twice the 2015 value.
        - id: gdp-doubling-2025
          indicator: gdp
          rule: {op: ">=", multiple_of_year: 2015, factor: 2}
          year: 2025
          quote: "地区生产总值比2015年翻一番"
        # A cumulative target: the sum over 2021-2025 of a flow.
        - id: urban-jobs-2021-2025
          indicator: new_urban_jobs
          rule: {op: ">=", cumulative_from: 2021, value: 6}
          year: 2025
          quote: "五年累计城镇新增就业6万人"

        """

    static let historyCSV = """
        indicator,year,value,source
        gdp,2015,420,example value: replace with the statistical bulletin you read it from
        gdp,2016,452,example value
        gdp,2017,487,example value
        gdp,2018,523,example value
        gdp,2019,560,example value
        gdp,2020,578,example value
        gdp,2021,630,example value
        gdp,2022,655,example value
        gdp,2023,693,example value
        urbanization_rate,2015,60.1,example value
        urbanization_rate,2016,61.0,example value
        urbanization_rate,2017,61.9,example value
        urbanization_rate,2018,62.8,example value
        urbanization_rate,2019,63.6,example value
        urbanization_rate,2020,64.5,example value
        urbanization_rate,2021,65.1,example value
        urbanization_rate,2022,65.8,example value
        urbanization_rate,2023,66.4,example value
        urban_income,2015,42000,example value
        urban_income,2016,45100,example value
        urban_income,2017,48600,example value
        urban_income,2018,52300,example value
        urban_income,2019,56100,example value
        urban_income,2020,58200,example value
        urban_income,2021,62900,example value
        urban_income,2022,65700,example value
        urban_income,2023,69400,example value
        rural_income,2015,22000,example value
        rural_income,2016,24000,example value
        rural_income,2017,26100,example value
        rural_income,2018,28400,example value
        rural_income,2019,30900,example value
        rural_income,2020,32600,example value
        rural_income,2021,35800,example value
        rural_income,2022,38000,example value
        rural_income,2023,40600,example value
        new_urban_jobs,2015,1.20,example value
        new_urban_jobs,2016,1.25,example value
        new_urban_jobs,2017,1.30,example value
        new_urban_jobs,2018,1.28,example value
        new_urban_jobs,2019,1.33,example value
        new_urban_jobs,2020,1.10,example value
        new_urban_jobs,2021,1.35,example value
        new_urban_jobs,2022,1.30,example value
        new_urban_jobs,2023,1.32,example value

        """

    static let baselineYAML = """
        # With a scenarios/ folder, only the scenarios in it run: keep this baseline so the trends run too.
        name: baseline                 # must equal the file name
        title: {en: "Trend baseline", zh: "趋势基线"}
        rationale:
          en: "Every indicator follows its fitted trend."
          zh: "各指标按拟合趋势外推。"
        assumptions: {}
        uncertainty: {paths: 10000, seed: 2025}

        """

    static let scenarioYAML = """
        # A what-if: rural incomes grow 8% a year from 2024; everything else as in the baseline.
        name: rural-catch-up
        title: {en: "Rural incomes grow faster", zh: "农村居民收入加快增长"}
        rationale:
          en: "Rural disposable income grows 8% a year from 2024, narrowing the urban-rural ratio."
          zh: "农村居民人均可支配收入自2024年起年均增长8%,城乡收入倍差加快缩小。"
        extends: baseline
        assumptions:
          rural_income: {growth: 0.08, from: 2024}   # growth as a fraction: 0.08 for 8%

        """
}
