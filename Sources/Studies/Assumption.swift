/// One assumption of a scenario about one indicator.
///
/// A *trajectory* (`growth`, `points`, `path`) says where the indicator goes; a *modifier* (`shock`, `growthShock`)
/// adjusts the trend or the growth it applies to. The years an assumption covers decide whether two of them
/// on one indicator conflict (see `ScenarioSpec`).
public struct Assumption: Sendable, Hashable {
    /// What the assumption does.
    public enum Change: Sendable, Hashable {
        /// Constant annual growth `rate` (a fraction) from `fromYear`; `nil` means the first projected year.
        case growth(rate: Double, fromYear: Int?)
        /// A constant change of `perYear` in the indicator's own units each year from `fromYear` (percentage
        /// points for a share or a rate); `nil` means the first projected year.
        case points(perYear: Double, fromYear: Int?)
        /// Explicit values by year.
        case path([Int: Double])
        /// A one-off relative change of the level in `year` (`-0.03` is 3% lower); growth continues from there.
        case shock(year: Int, level: Double)
        /// Adds `delta` to the annual growth in each year of `fromYear...toYear`.
        case growthShock(fromYear: Int, toYear: Int, delta: Double)
    }

    /// Whether the simulation draws the trend's uncertainty around the assumption.
    public enum Uncertainty: String, Sendable, Hashable, CaseIterable {
        /// Deterministic: the assumed path exactly (the default of `path`: typed values are certain).
        case none
        /// The fitted trend's residual uncertainty is applied around the assumed path (the default of the others).
        case trend
    }

    /// The indicator the assumption applies to.
    public var indicator: String
    public var change: Change
    public var uncertainty: Uncertainty
    /// The scenario whose file states the assumption (differs from the spec's name when inherited).
    public var scenario: String
    /// The line of the scenario file where the assumption starts.
    public var line: Int

    public init(indicator: String, change: Change, uncertainty: Uncertainty = .trend, scenario: String, line: Int = 0) {
        self.indicator = indicator
        self.change = change
        self.uncertainty = uncertainty
        self.scenario = scenario
        self.line = line
    }

    /// Whether the assumption sets the indicator's path (`growth`, `points`, `path`) rather than adjusting it.
    public var isTrajectory: Bool {
        switch change {
        case .growth, .points, .path: return true
        case .shock, .growthShock: return false
        }
    }

    /// The first and last year the assumption covers; `nil` ends mean open-ended
    /// (a growth without `from` starts at the first projected year, which only the runner knows).
    public var span: (first: Int?, last: Int?) {
        switch change {
        case .growth(_, let from), .points(_, let from): return (from, nil)
        case .path(let values): return (values.keys.min(), values.keys.max())
        case .shock(let year, _): return (year, year)
        case .growthShock(let from, let to, _): return (from, to)
        }
    }

    /// Whether the years of two assumptions intersect (open ends reach every year on their side).
    func overlaps(_ other: Assumption) -> Bool {
        let (a0, a1) = span
        let (b0, b1) = other.span
        let startsBeforeOtherEnds = a0 == nil || b1 == nil || a0! <= b1!
        let otherStartsBeforeThisEnds = b0 == nil || a1 == nil || b0! <= a1!
        return startsBeforeOtherEnds && otherStartsBeforeThisEnds
    }

    /// The kind of change, as written in the file.
    var keyword: String {
        switch change {
        case .growth: return "growth"
        case .points: return "points"
        case .path: return "path"
        case .shock: return "shock"
        case .growthShock: return "growth_shock"
        }
    }
}
