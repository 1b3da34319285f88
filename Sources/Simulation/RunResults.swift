import Studies
import Trends

/// How a run is made: paths, seed, threads, which scenarios.
public struct RunOptions: Sendable {
    /// Monte Carlo paths per scenario; nil uses the scenario's `uncertainty.paths`, else 10,000.
    public var paths: Int?
    /// Seed; nil uses the scenario's `uncertainty.seed`, else 2025.
    public var seed: UInt64?
    /// Threads for the Monte Carlo (results do not depend on it).
    public var threads: Int
    /// Scenario names to run; nil runs all.
    public var scenarios: [String]?
    /// Years simulated beyond the last target year, to find the year a target would be met.
    public var yearsBeyondTargets: Int
    /// Called with a step's name and the fraction of the run done (0...1), for a progress bar; nil for none.
    /// Called a few times per scenario, so it costs nothing measurable, and it does not change any result.
    public var progress: (@Sendable (String, Double) -> Void)?

    public static let defaultPaths = 10_000
    public static let defaultSeed: UInt64 = 2025

    public init(paths: Int? = nil, seed: UInt64? = nil, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                scenarios: [String]? = nil, yearsBeyondTargets: Int = 5, progress: (@Sendable (String, Double) -> Void)? = nil) {
        self.paths = paths
        self.seed = seed
        self.threads = threads
        self.scenarios = scenarios
        self.yearsBeyondTargets = yearsBeyondTargets
        self.progress = progress
    }
}

/// One indicator's trend: the chosen fit, the candidates, and why.
public struct IndicatorTrend: Sendable {
    public let indicator: String
    /// The fit used for projections (nil when the indicator has too few observations).
    public let fit: TrendFit?
    /// The model choice, when the family was `auto`.
    public let selection: TrendSelection?
    /// Every family fitted (for `fits.csv`), the chosen one included.
    public let candidates: [TrendFit]
    /// Why the family was chosen, or why there is no fit.
    public let reason: String
}

/// One row of `projections.csv`.
public struct ProjectionRow: Sendable, Equatable {
    /// `chained`: a level extended with its published growth rate (`extend_with`), not itself published.
    public enum Kind: String, Sendable { case observed, chained, projected }
    public let scenario: String
    public let indicator: String
    public let year: Int
    public let kind: Kind
    /// The observation, or the median of the paths.
    public let value: Double
    public let lo80: Double?, hi80: Double?, lo95: Double?, hi95: Double?
}

/// One row of `feasibility.csv`: a target under a scenario.
public struct FeasibilityRow: Sendable, Equatable {
    /// The pace of change a target needs and the pace the projection gives, from the latest observation to
    /// the target year, in the target's own terms: growth (a fraction a year) for levels, points (the
    /// indicator's units a year: percentage points for a share or a rate), or a flow a year for a sum over years.
    public struct Pace: Sendable, Equatable {
        public enum Unit: String, Sendable, CaseIterable {
            case growth, points, flow
        }

        public let needed: Double
        /// The median path's pace under the scenario (the trend's under the baseline).
        public let projected: Double?
        public let unit: Unit
    }

    /// For a target without data: the pace its own terms imply from their base (doubling from 2020 by 2025:
    /// 14.9% a year; 12 over 2021-2025: 2.4 a year), nil when the terms give none (a level with no base).
    public struct ImpliedPace: Sendable, Equatable {
        public let value: Double
        public let unit: Pace.Unit
        /// The first year of the pace (the base year, or a sum's first year).
        public let fromYear: Int
    }

    public let scenario: String
    public let target: Target
    /// The threshold the measure is compared with (a level, a multiple of the base, a total or a rate).
    public let targetValue: Double?
    public let latestYear: Int?
    public let latestValue: Double?
    /// Whether the latest observation already meets the target: a fact about the past, not a verdict
    /// (nil when there is no observation, or for measures the latest value alone cannot show).
    public let metAtLatest: Bool?
    /// Median, 80% and 95% intervals of the target's measure in the target year.
    public let projected: Double?
    public let lo80: Double?
    public let hi80: Double?
    public let lo95: Double?
    public let hi95: Double?
    /// Probability that the target is met (1 or 0 when the target year is observed).
    public let pMeet: Double?
    /// What to conclude: the observed outcome, or the likelihood band of `pMeet`.
    public let verdict: Verdict
    /// `projected − targetValue`, in the measure's units (the observed value's gap when the year is observed).
    public let gap: Double?
    public let pace: Pace?
    /// Observed and required annual growth, and the progress ratio `d · CAGR_o / |CAGR_r|` (for a
    /// cumulative target: observed mean annual flow over the mean needed in the remaining years).
    public let observedGrowth: Double?
    public let requiredGrowth: Double?
    public let progressRatio: Double?
    /// The Eurostat / Open SDG progress status.
    public let status: TargetStatus
    /// The UNSD projected-progress score.
    public let projectedProgressScore: Double?
    /// ESCAP's anticipated progress.
    public let anticipatedProgress: AnticipatedProgress?
    /// First year the median path meets the target.
    public let yearMet: Int?
    /// Constant annual growth from the latest year that meets the target exactly (levels, counts, flows).
    public let growthNeeded: Double?
    /// For a target without data: the pace its terms imply, and what would settle it.
    public let impliedPace: ImpliedPace?
    public let settledBy: String?
    /// What a reader should know about this row (why no probability, years filled in, …).
    public let notes: [String]
    /// The target's measure as the history gives it in the target year, when it does: a value (perhaps
    /// approximate, perhaps a derived indicator's published value) or a bound, whether or not it settles the
    /// target (`verdict` says).
    public var outcome: Outcome? = nil
}

/// A scenario's results.
public struct ScenarioRun: Sendable {
    public let spec: ScenarioSpec
    public let seed: UInt64
    public let paths: Int
    public let projections: [ProjectionRow]
    public let feasibility: [FeasibilityRow]
    /// The correlation of every pair of simulated indicators' shocks, and where each came from.
    public let correlations: [ShockCorrelation]
}

/// Everything a run produced.
public struct StudyRun: Sendable {
    public let study: Study
    public let trends: [IndicatorTrend]
    public let scenarios: [ScenarioRun]
    /// Every scenario's assumptions against the trends they replace.
    public let assumptionEffects: [AssumptionEffect]
    /// Things the reader should know (assumptions on indicators without data, …).
    public let notes: [String]
}

import Foundation
