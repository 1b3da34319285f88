/// A named set of assumptions on top of the trend baseline, resolved over `extends`.
///
/// Resolution rules (also in the study README):
/// - A scenario inherits every assumption of the scenario it `extends`, transitively; unknown parents and
///   cycles are errors.
/// - The child's assumptions on an indicator **replace all** of the parent's on that indicator. Overriding a
///   parent is therefore always allowed and never an overlap; to keep a parent's growth and add a shock, restate both.
/// - Within one file, one indicator may carry several assumptions (a YAML list). Two trajectories
///   (`growth`, `path`) whose years overlap are an error; so are two modifiers of the same kind whose years
///   overlap, and a modifier on years fixed by a `path`. A `growth` without `from` starts at the first projected
///   year, which is open-ended towards the past for this check.
/// - `uncertainty` is inherited field by field; `correlation` pairs are merged, the child's value winning.
public struct ScenarioSpec: Sendable, Hashable, Identifiable {
    /// The Monte Carlo settings of a scenario; `nil` fields are left to the runner's defaults.
    public struct Uncertainty: Sendable, Hashable {
        public var paths: Int?
        /// The Monte Carlo paths a scenario or a command may ask for. Ten million paths put the Monte Carlo
        /// error of a probability below 0.0002; the memory a study's paths take is bounded separately
        /// (`MonteCarlo.memoryLimit`).
        public static let pathRange = 1...10_000_000
        public var seed: UInt64?

        public init(paths: Int? = nil, seed: UInt64? = nil) {
            self.paths = paths
            self.seed = seed
        }
    }

    /// An unordered pair of indicator ids, stored sorted so `"a,b"` and `"b,a"` are the same pair.
    public struct IndicatorPair: Sendable, Hashable, Comparable, CustomStringConvertible {
        public let first: String
        public let second: String

        public init(_ a: String, _ b: String) {
            (first, second) = a <= b ? (a, b) : (b, a)
        }

        public static func < (l: IndicatorPair, r: IndicatorPair) -> Bool { (l.first, l.second) < (r.first, r.second) }

        public var description: String { "\(first),\(second)" }
    }

    /// The scenario's name: its file name without `.yaml`.
    public var name: String
    public var title: BilingualText
    /// One line on why the scenario is worth running.
    public var rationale: BilingualText
    /// The parent scenario's name, if any.
    public var extends: String?
    /// The chain of names from the root ancestor to this scenario (`["baseline", "rural-catch-up"]`).
    public var lineage: [String]
    /// Resolved assumptions by indicator id, each list sorted by first year.
    public var assumptions: [String: [Assumption]]
    public var uncertainty: Uncertainty
    /// Correlations of the indicators' shocks, by pair.
    public var correlations: [IndicatorPair: Double]
    /// The scenario file, relative to the study folder.
    public var file: String

    public var id: String { name }

    public init(
        name: String, title: BilingualText, rationale: BilingualText, extends: String? = nil, lineage: [String] = [],
        assumptions: [String: [Assumption]] = [:], uncertainty: Uncertainty = Uncertainty(),
        correlations: [IndicatorPair: Double] = [:], file: String = ""
    ) {
        self.name = name
        self.title = title
        self.rationale = rationale
        self.extends = extends
        self.lineage = lineage.isEmpty ? [name] : lineage
        self.assumptions = assumptions
        self.uncertainty = uncertainty
        self.correlations = correlations
        self.file = file
    }
}
