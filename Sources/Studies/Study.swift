/// A study: a region's plan, its indicators with their history, its targets and its scenarios.
///
/// Load one with `StudyLoader.load(at:)`; every value here has been validated.
public struct Study: Sendable {
    /// The plan a study follows: its title, where it was published, and the text its target quotes come from.
    public struct Plan: Sendable, Hashable {
        public var title: BilingualText
        public var source: String
        /// The file, relative to the study folder, that every target's `quote` is a substring of.
        public var textFile: String?

        public init(title: BilingualText, source: String, textFile: String? = nil) {
            self.title = title
            self.source = source
            self.textFile = textFile
        }
    }

    /// The study's id: the name of its folder (`linhai-2025`).
    public var id: String
    public var title: BilingualText
    public var region: BilingualText
    /// The last year before the plan period (2020 for a 2021-2025 plan).
    public var baseYear: Int
    /// The plan's final year.
    public var targetYear: Int
    public var plan: Plan?
    public var indicators: [Indicator]
    /// All observations, sorted by indicator and year.
    public var observations: [Observation]
    public var targets: [Target]
    /// Resolved scenarios, sorted by name.
    public var scenarios: [ScenarioSpec]
    /// Correlations of indicators' shocks declared in `study.yaml`.
    public var correlations: [DeclaredCorrelation]
    /// Warnings found while loading (errors prevent loading).
    public var warnings: [Diagnostic]
    /// How `history.csv` was read (`GB18030, comma-separated`), for `--verbose`.
    public var historyFormat: String?

    private var indicatorIndex: [String: Int]
    private var observationsByIndicator: [String: [Observation]]

    public init(
        id: String, title: BilingualText, region: BilingualText, baseYear: Int, targetYear: Int, plan: Plan? = nil,
        indicators: [Indicator], observations: [Observation], targets: [Target], scenarios: [ScenarioSpec] = [],
        correlations: [DeclaredCorrelation] = [], warnings: [Diagnostic] = []
    ) {
        self.id = id
        self.title = title
        self.region = region
        self.baseYear = baseYear
        self.targetYear = targetYear
        self.plan = plan
        self.indicators = indicators
        self.observations = observations.sorted { ($0.indicator, $0.year) < ($1.indicator, $1.year) }
        self.targets = targets
        self.scenarios = scenarios.sorted { $0.name < $1.name }
        self.correlations = correlations
        self.warnings = warnings
        indicatorIndex = Dictionary(indicators.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        observationsByIndicator = Dictionary(grouping: self.observations, by: \.indicator)
    }

    /// The indicator with this id.
    public func indicator(id: String) -> Indicator? {
        indicatorIndex[id].map { indicators[$0] }
    }

    /// The observations of one indicator, sorted by year (empty for a derived indicator).
    public func observations(for indicatorID: String) -> [Observation] {
        observationsByIndicator[indicatorID] ?? []
    }

    /// The observed (not derived) indicators behind `id`: itself when observed, else the inputs of its formula,
    /// followed through formulas of formulas; sorted within each formula.
    public func observedInputs(of id: String) -> [String] {
        var result: [String] = []
        var visited: Set<String> = []
        func visit(_ id: String) {
            guard visited.insert(id).inserted, let indicator = indicator(id: id) else { return }
            guard let formula = indicator.formula else { result.append(id); return }
            for input in formula.indicatorIDs.sorted() { visit(input) }
        }
        visit(id)
        return result
    }

    /// The years in which an indicator's known value is chained from a growth rate (for a derived indicator:
    /// the years where one of its inputs is), as `projections.csv` and the report mark them.
    public func chainedYears(for indicatorID: String) -> Set<Int> {
        guard let indicator = indicator(id: indicatorID) else { return [] }
        guard let formula = indicator.formula else {
            return Set(observations(for: indicatorID).filter { $0.chainedFrom != nil }.map(\.year))
        }
        var years: Set<Int> = []
        for input in formula.indicatorIDs where input != indicatorID { years.formUnion(chainedYears(for: input)) }
        return years.intersection(values(for: indicatorID).keys)
    }

    /// The scenario with this name.
    public func scenario(named name: String) -> ScenarioSpec? {
        scenarios.first { $0.name == name }
    }

    /// The known values of an indicator by year: its observations, or for a derived indicator the formula
    /// evaluated in each year where all its inputs (observed or themselves derived) have a value.
    ///
    /// - Complexity: O(observations of the inputs) per call.
    public func values(for indicatorID: String) -> [Int: Double] {
        var visiting: Set<String> = []
        return values(for: indicatorID, visiting: &visiting)
    }

    private func values(for id: String, visiting: inout Set<String>) -> [Int: Double] {
        guard let indicator = indicator(id: id) else { return [:] }
        guard let formula = indicator.formula else {
            return Dictionary(observations(for: id).map { ($0.year, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
        guard visiting.insert(id).inserted else { return [:] }
        defer { visiting.remove(id) }
        var inputs: [String: [Int: Double]] = [:]
        for input in formula.indicatorIDs {
            inputs[input] = values(for: input, visiting: &visiting)
        }
        guard let first = inputs.values.first else { return [:] }
        var years = Set(first.keys)
        for series in inputs.values { years.formIntersection(series.keys) }
        var result: [Int: Double] = [:]
        for year in years {
            let row = inputs.compactMapValues { $0[year] }
            if let value = formula.evaluate(row) { result[year] = value }
        }
        return result
    }
}
