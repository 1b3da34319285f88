import Common
import Foundation
import Simulation
import Studies
import Trends

/// One indicator's share of a run, gathered for its chart and its report section: the observations,
/// each scenario's projected rows, the trend fit, and the targets with their thresholds.
public struct IndicatorResults: Sendable {
    /// A target of the indicator with its threshold and its assessment under each scenario.
    public struct TargetResult: Sendable {
        public let target: Target
        /// The threshold (nil when it depends on a base year nobody observed).
        public let threshold: Double?
        /// One row per scenario, in the run's scenario order.
        public let rows: [FeasibilityRow]

        /// Where the target sits on the indicator's own scale: a level in the target year, or nil for a
        /// sum over years. An average-growth target becomes the level that growth reaches from the base year.
        public func level(observed: [Int: Double]) -> Double? {
            switch target.rule.measure {
            case .level, .multipleOf:
                return threshold
            case .averageGrowth(let from, let rate):
                return observed[from].map { CompoundGrowth.project($0, rate: rate, years: target.year - from) }
            case .cumulative:
                return nil
            }
        }
    }

    public let indicator: Indicator
    /// Observations (or, for a derived indicator, the values computed from observed inputs), by year.
    public let observed: [(year: Int, value: Double)]
    /// The years of `observed` whose value is chained from a growth rate, not published.
    public var chainedYears: Set<Int> = []
    /// Each scenario's projected rows, sorted by year, in the run's scenario order.
    public let projections: [(scenario: ScenarioSpec, rows: [ProjectionRow])]
    /// The trend fit, when the indicator is observed and has one.
    public let trend: IndicatorTrend?
    public let targets: [TargetResult]

    /// Whether there is anything to draw.
    public var hasData: Bool { !observed.isEmpty || projections.contains { !$0.rows.isEmpty } }

    /// The observations as a dictionary.
    public var observedByYear: [Int: Double] {
        Dictionary(observed.map { ($0.year, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every indicator of the run's study, in the study's order.
    public static func all(_ run: StudyRun) -> [IndicatorResults] {
        var projected: [String: [String: [ProjectionRow]]] = [:]   // indicator → scenario → rows
        var observed: [String: [(year: Int, value: Double)]] = [:]
        var chained: [String: Set<Int>] = [:]
        for (index, scenario) in run.scenarios.enumerated() {
            for row in scenario.projections {
                switch row.kind {
                case .projected: projected[row.indicator, default: [:]][scenario.spec.name, default: []].append(row)
                case .observed where index == 0: observed[row.indicator, default: []].append((row.year, row.value))
                case .chained where index == 0:
                    observed[row.indicator, default: []].append((row.year, row.value))
                    chained[row.indicator, default: []].insert(row.year)
                case .observed, .chained: break
                }
            }
        }
        var feasibility: [String: [FeasibilityRow]] = [:]
        for scenario in run.scenarios {
            for row in scenario.feasibility { feasibility[row.target.id, default: []].append(row) }
        }
        let trends = Dictionary(run.trends.map { ($0.indicator, $0) }, uniquingKeysWith: { first, _ in first })
        return run.study.indicators.map { indicator in
            let targets = run.study.targets.filter { $0.indicator == indicator.id }.map { target in
                let rows = feasibility[target.id] ?? []
                return TargetResult(target: target, threshold: rows.first?.targetValue ?? Self.levelThreshold(target), rows: rows)
            }
            return IndicatorResults(
                indicator: indicator,
                observed: (observed[indicator.id] ?? []).sorted { $0.year < $1.year },
                chainedYears: chained[indicator.id] ?? [],
                projections: run.scenarios.map { s in (s.spec, (projected[indicator.id]?[s.spec.name] ?? []).sorted { $0.year < $1.year }) },
                trend: trends[indicator.id],
                targets: targets)
        }
    }

    /// The threshold of a target that needs no observation (a plain level), for targets never assessed.
    static func levelThreshold(_ target: Target) -> Double? {
        if case .level(let v) = target.rule.measure { return v }
        return nil
    }
}
