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
    /// All rows of the history, sorted by indicator and year: values and bounds (see `ObservationQualifier`).
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
    /// The rows that give a number (exact or approximate), by indicator.
    private var observationsByIndicator: [String: [Observation]]
    /// The rows that give only a bound, by indicator.
    private var boundsByIndicator: [String: [Observation]]

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
        observationsByIndicator = Dictionary(grouping: self.observations.filter { !$0.qualifier.isBound }, by: \.indicator)
        boundsByIndicator = Dictionary(grouping: self.observations.filter { $0.qualifier.isBound }, by: \.indicator)
    }

    /// The indicator with this id.
    public func indicator(id: String) -> Indicator? {
        indicatorIndex[id].map { indicators[$0] }
    }

    /// The observations of one indicator that give a number (exact or approximate), sorted by year; empty for
    /// a derived indicator. Bounds (`> 70000`) are not numbers and are never among them: see `bounds(for:)`.
    public func observations(for indicatorID: String) -> [Observation] {
        observationsByIndicator[indicatorID] ?? []
    }

    /// The rows of one indicator that give only a bound (`突破7万元`: `> 70000`), sorted by year.
    public func bounds(for indicatorID: String) -> [Observation] {
        boundsByIndicator[indicatorID] ?? []
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

    /// The known values of an indicator by year: its observations that give a number, or for a derived
    /// indicator the formula evaluated in each year where all its inputs (observed or themselves derived) have
    /// a value. Bounds are not values and never appear here.
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

    /// The years in which an indicator's known value is approximate: its own `approx` rows, or for a derived
    /// indicator the years of its values where any input is approximate.
    public func approximateYears(for indicatorID: String) -> Set<Int> {
        guard let indicator = indicator(id: indicatorID) else { return [] }
        guard let formula = indicator.formula else {
            return Set(observations(for: indicatorID).filter { $0.qualifier == .approximate }.map(\.year))
        }
        let known = Set(values(for: indicatorID).keys)
        var years: Set<Int> = []
        for input in formula.indicatorIDs where input != indicatorID { years.formUnion(approximateYears(for: input)) }
        return years.intersection(known)
    }

    /// What the history says of an indicator in `year`, for settling a target: its value (marked approximate
    /// where it is), else its own bound, else for a derived indicator the row of the indicator its
    /// `published_as` names; nil when none of them has the year.
    public func outcome(of indicatorID: String, in year: Int) -> Outcome? {
        if let value = values(for: indicatorID)[year] {
            let approximate = approximateYears(for: indicatorID).contains(year)
            return Outcome(value: value, qualifier: approximate ? .approximate : .exact, indicator: indicatorID, year: year)
        }
        if let bound = bounds(for: indicatorID).first(where: { $0.year == year }) {
            return Outcome(value: bound.value, qualifier: bound.qualifier, indicator: indicatorID, year: year)
        }
        if let published = indicator(id: indicatorID)?.publishedAs, published != indicatorID,
           indicator(id: published)?.isDerived == false {
            return outcome(of: published, in: year)
        }
        return nil
    }
}

extension Study {
    /// The study as it could have been run at the end of `vintage`: only the rows of years up to `vintage`
    /// (the publication rule of `pathways retro`: a year's figures count as published by the end of that
    /// year), and the growth panels of declared correlations cut the same way. A panel left with fewer than
    /// `DeclaredCorrelation.minimumPanelPairs` region-years is dropped, as the loader would refuse it; a
    /// stated value has no years and is kept.
    public func published(through vintage: Int) -> Study {
        var kept: [DeclaredCorrelation] = []
        for declared in correlations {
            guard case .growthPanel(let file, let pairs) = declared.basis else { kept.append(declared); continue }
            let early = pairs.filter { $0.year <= vintage }
            guard early.count >= DeclaredCorrelation.minimumPanelPairs else { continue }
            var cut = declared
            cut.basis = .growthPanel(file: file, pairs: early)
            kept.append(cut)
        }
        return Study(id: id, title: title, region: region, baseYear: baseYear, targetYear: targetYear, plan: plan,
                     indicators: indicators, observations: observations.filter { $0.year <= vintage }, targets: targets,
                     scenarios: scenarios, correlations: kept, warnings: warnings)
    }
}
