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
    public let scenario: String
    public let target: Target
    /// The threshold the measure is compared with (a level, a multiple of the base, a total or a rate).
    public let targetValue: Double?
    public let latestYear: Int?
    public let latestValue: Double?
    /// Median and 95% interval of the target's measure in the target year.
    public let projected: Double?
    public let lo95: Double?
    public let hi95: Double?
    /// Probability that the target is met.
    public let pMeet: Double?
    /// Observed and required annual growth, and the progress ratio `d · CAGR_o / |CAGR_r|` (for a
    /// cumulative target: observed mean annual flow over the mean needed in the remaining years).
    public let observedGrowth: Double?
    public let requiredGrowth: Double?
    public let progressRatio: Double?
    /// The UNSD projected-progress score.
    public let projectedProgressScore: Double?
    public let status: TargetStatus
    /// First year the median path meets the target.
    public let yearMet: Int?
    /// Constant annual growth from the latest year that meets the target exactly.
    public let growthNeeded: Double?
}

/// A scenario's results.
public struct ScenarioRun: Sendable {
    public let spec: ScenarioSpec
    public let seed: UInt64
    public let paths: Int
    public let projections: [ProjectionRow]
    public let feasibility: [FeasibilityRow]
}

/// Everything a run produced.
public struct StudyRun: Sendable {
    public let study: Study
    public let trends: [IndicatorTrend]
    public let scenarios: [ScenarioRun]
    /// Things the reader should know (assumptions on indicators without data, …).
    public let notes: [String]
}

import Foundation
