/// One indicator of a study: its names, unit and kind, which way is better, and how to project it.
///
/// An indicator is either observed (its values come from `history.csv`) or derived: `formula` computes it
/// from other indicators of the same study, year by year, and it never has observations of its own.
public struct Indicator: Sendable, Hashable, Identifiable {
    /// A lower-case identifier (`urban_income`) used by targets, history and scenarios.
    public var id: String
    /// The indicator's name in both languages.
    public var name: BilingualText
    /// The unit, as text (`yuan`, `%`, `100 million yuan`).
    public var unit: String
    /// What sort of quantity it is.
    public var kind: IndicatorKind
    /// Which way is better.
    public var direction: Direction
    /// The default trend family.
    public var model: ModelChoice
    /// The upper bound given in the study, if any; see `effectiveCap`.
    public var cap: Double?
    /// For a derived indicator, the formula over other indicators' ids.
    public var formula: Formula?
    /// Years left out of trend fits (an epidemic year, say).
    public var excludeYears: [Int]
    /// Years from which a trend fit allows a shift in level (a definition change).
    public var levelShiftYears: [Int]
    /// The section of the plan the indicator belongs to, used to group reports.
    public var chapter: BilingualText?
    /// A remark on definition or measurement.
    public var note: String?
    /// For a level: the id of its published growth rate (a `rate` in %), whose values extend the level to
    /// years it has none: `level(y) = level(y − 1) · (1 + rate(y)/100)`. The rate must be nominal growth.
    public var extendWith: String?
    /// For a growth rate: whether it is nominal (at current prices) or real (at constant prices) growth.
    public var growthBasis: GrowthBasis?
    /// For a derived indicator, the observed indicator that holds its published values (the urban-rural ratio
    /// as the bureau prints it): in a year where the formula has no value, that indicator's row settles the
    /// derived indicator's targets. It never enters fits, paths or the derived indicator's values.
    public var publishedAs: String?
    /// The line of `study.yaml` where the indicator starts.
    public var line: Int

    public init(
        id: String, name: BilingualText, unit: String, kind: IndicatorKind = .level, direction: Direction = .up,
        model: ModelChoice = .auto, cap: Double? = nil, formula: Formula? = nil, excludeYears: [Int] = [],
        levelShiftYears: [Int] = [], chapter: BilingualText? = nil, note: String? = nil, extendWith: String? = nil,
        growthBasis: GrowthBasis? = nil, publishedAs: String? = nil, line: Int = 0
    ) {
        self.id = id
        self.name = name
        self.unit = unit
        self.kind = kind
        self.direction = direction
        self.model = model
        self.cap = cap
        self.formula = formula
        self.excludeYears = excludeYears
        self.levelShiftYears = levelShiftYears
        self.chapter = chapter
        self.note = note
        self.extendWith = extendWith
        self.growthBasis = growthBasis
        self.publishedAs = publishedAs
        self.line = line
    }

    /// Whether the indicator is computed from a formula rather than observed.
    public var isDerived: Bool { formula != nil }

    /// The cap a logistic fit uses: the given `cap`, else 100 for a share, else none.
    public var effectiveCap: Double? { cap ?? (kind == .share ? 100 : nil) }
}
