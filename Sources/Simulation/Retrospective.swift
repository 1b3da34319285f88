import Common
import Foundation
import Studies

/// How the study's own verdicts would have fared: the whole assessment re-run at every vintage year with only
/// the history published by then, against what happened.
///
/// **Vintages.** From the base year to the year before the target year, and no later than the last year of the
/// history (a later vintage would repeat it). **Publication rule:** a row counts as published at vintage `v`
/// when its year is `v` or earlier (a year's figures are out by the time the next year's plan work starts);
/// the rows are today's figures for those years, not the first estimates, where a study keeps only one vintage
/// of a series. Growth panels of declared correlations are cut the same way (`Study.published(through:)`).
/// Every vintage runs every scenario with the same options and seed, through the same `StudyRunner` as `run`,
/// so it uses whatever trend selection (`auto`) the runner uses.
///
/// **Outcomes** are the ex-post verdicts of the run with the whole history: met or missed (exactly or
/// approximately), or no outcome (none in the history, or a bound that does not settle the target).
public struct Retrospective: Sendable {
    /// The three forecasters scored side by side.
    public enum Method: String, Sendable, CaseIterable {
        case pathways
        case eurostat = "eurostat-status"
        case straightLine = "straight-line"

        public var name: String {
            switch self {
            case .pathways: return "Pathways p_meet"
            case .eurostat: return "Eurostat status"
            case .straightLine: return "straight line"
            }
        }
    }

    /// One vintage's assessment.
    public struct Vintage: Sendable {
        public let year: Int
        public let run: StudyRun
        /// Rows of the history the vintage saw.
        public let rowCount: Int
    }

    /// A target under a scenario at a vintage, with what happened and what the rivals said.
    public struct Row: Sendable {
        public let vintage: Int
        public let scenario: String
        public let target: Target
        public let pMeet: Double?
        public let verdict: Verdict
        /// Median and 95% interval of the target's measure in its year, as the vintage projected it.
        public let projected: Double?
        public let lo95: Double?
        public let hi95: Double?
        /// The target-year outcome from the whole history, and whether it met the target (nil: not settled).
        public let outcome: Outcome?
        public let met: Bool?
        /// The Eurostat status at the vintage, and the forecast it makes (nil: no status).
        public let status: TargetStatus
        public let eurostat: Bool?
        /// The straight line's measure in the target year, and its forecast.
        public let straightLine: Double?
        public let straightLineMet: Bool?

        /// The forecast of `method` as a probability (1 or 0 for the rivals).
        public func forecast(_ method: Method) -> Double? {
            switch method {
            case .pathways: return pMeet
            case .eurostat: return eurostat.map { $0 ? 1 : 0 }
            case .straightLine: return straightLineMet.map { $0 ? 1 : 0 }
            }
        }

        /// Whether every method forecasts the row and its outcome settles it: the rows all three are scored on.
        public var isScored: Bool { met != nil && Method.allCases.allSatisfy { forecast($0) != nil } }
    }

    /// An indicator's projection at a vintage for the outcome year, against the outcome.
    public struct Projection: Sendable {
        public let vintage: Int
        public let scenario: String
        public let indicator: String
        public let year: Int
        public let projected: Double
        public let lo80: Double?, hi80: Double?, lo95: Double?, hi95: Double?
        public let outcome: Outcome
        /// `|projected − outcome| / |outcome|`, a fraction; nil for a bound.
        public let absolutePercentageError: Double?
        /// Whether the outcome lies in the 80% and 95% intervals; nil when a bound leaves it open.
        public let covered80: Bool?
        public let covered95: Bool?
    }

    /// What a target's outcome settles, from the run with the whole history.
    public struct TargetOutcome: Sendable {
        public let target: Target
        public let outcome: Outcome?
        /// Met, missed, or nil (no outcome, or one that does not settle the target).
        public let met: Bool?
        public let verdict: Verdict
    }

    public let study: Study
    /// The run with the whole history (its verdicts are the ex-post ones).
    public let current: StudyRun
    public let vintages: [Vintage]
    /// The year whose outcomes the projections are checked against: the study's target year.
    public let outcomeYear: Int
    public let outcomes: [TargetOutcome]
    public let rows: [Row]
    public let projections: [Projection]
    /// What a reader should know about how the vintages were made.
    public let notes: [String]

    /// Runs the study with its whole history and at every vintage.
    public static func run(_ study: Study, options: RunOptions = .init()) throws(SimulationError) -> Retrospective {
        let lastObserved = study.observations.map(\.year).max()
        guard study.baseYear < study.targetYear else {
            throw .noVintage(study: study.id, reason: "its base year \(study.baseYear) is not before its target year \(study.targetYear)")
        }
        guard let lastObserved, lastObserved >= study.baseYear else {
            throw .noVintage(study: study.id, reason: "its history has no row from the base year \(study.baseYear) on")
        }
        let years = Array(study.baseYear...min(study.targetYear - 1, lastObserved))
        let total = Double(years.count + 1)
        func step(_ k: Int, _ label: String) -> RunOptions {
            var o = options
            if let report = options.progress {
                o.progress = { name, fraction in report("\(label): \(name)", (Double(k) + fraction) / total) }
            }
            return o
        }
        let current = try StudyRunner.run(study, options: step(0, "all years"))
        var vintages: [Vintage] = []
        for (k, year) in years.enumerated() {
            let published = study.published(through: year)
            let run = try StudyRunner.run(published, options: step(k + 1, "vintage \(year)"))
            vintages.append(Vintage(year: year, run: run, rowCount: published.observations.count))
        }
        let outcomes = study.targets.map { target -> TargetOutcome in
            let row = current.scenarios.first?.feasibility.first { $0.target.id == target.id }
            return TargetOutcome(target: target, outcome: row?.outcome, met: row?.verdict.outcomeMet, verdict: row?.verdict ?? .noData)
        }
        var notes = ["a vintage sees the rows of the years up to it, as the history holds them now (revised figures where a series was revised), not the first estimates published at the time"]
        if lastObserved < study.targetYear - 1 {
            notes.append("vintages after \(lastObserved), the last year of the history, would repeat it and are not run")
        }
        for declared in study.correlations {
            guard case .growthPanel(let file, let pairs) = declared.basis else { continue }
            let pair = "\(declared.pair.first) and \(declared.pair.second) (\(file))"
            let dropped = years.filter { y in pairs.filter { $0.year <= y }.count < DeclaredCorrelation.minimumPanelPairs }
            if let first = dropped.first, let last = dropped.last {
                notes.append("the declared correlation of \(pair) has fewer than \(DeclaredCorrelation.minimumPanelPairs) region-years up to \(last): "
                             + (first == last ? "vintage \(first) runs" : "vintages \(first)-\(last) run") + " without it")
            }
            if dropped.count < years.count {
                notes.append("the declared correlation of \(pair) is computed at each vintage from its region-years up to the vintage")
            }
        }
        if study.correlations.contains(where: { if case .stated = $0.basis { return true } else { return false } }) {
            notes.append("stated correlations (a value in study.yaml) carry no years and are used at every vintage")
        }
        return Retrospective(study: study, current: current, vintages: vintages, outcomeYear: study.targetYear, outcomes: outcomes,
                             rows: rows(vintages, outcomes: outcomes), projections: projections(study, vintages: vintages), notes: notes)
    }

    static func rows(_ vintages: [Vintage], outcomes: [TargetOutcome]) -> [Row] {
        let byTarget = Dictionary(uniqueKeysWithValues: outcomes.map { ($0.target.id, $0) })
        var rows: [Row] = []
        for vintage in vintages {
            let study = vintage.run.study
            for scenario in vintage.run.scenarios {
                for f in scenario.feasibility where f.target.year > vintage.year {
                    let outcome = byTarget[f.target.id]
                    let line = RivalForecast.straightLine(f.target, values: study.values(for: f.target.indicator))
                    rows.append(Row(vintage: vintage.year, scenario: scenario.spec.name, target: f.target, pMeet: f.pMeet, verdict: f.verdict,
                                    projected: f.projected, lo95: f.lo95, hi95: f.hi95, outcome: outcome?.outcome, met: outcome?.met,
                                    status: f.status, eurostat: RivalForecast.eurostat(f.status),
                                    straightLine: line?.measure, straightLineMet: line?.met))
                }
            }
        }
        return rows
    }

    /// Every indicator with an outcome in the study's target year, at every vintage and scenario that projected it.
    static func projections(_ study: Study, vintages: [Vintage]) -> [Projection] {
        let year = study.targetYear
        let outcomes = study.indicators.compactMap { i in study.outcome(of: i.id, in: year).map { (i.id, $0) } }
        var result: [Projection] = []
        for vintage in vintages {
            for scenario in vintage.run.scenarios {
                let rows = Dictionary(scenario.projections.filter { $0.year == year && $0.kind == .projected }.map { ($0.indicator, $0) },
                                      uniquingKeysWith: { a, _ in a })
                for (id, outcome) in outcomes {
                    guard let p = rows[id] else { continue }
                    let ape = outcome.qualifier.isBound || outcome.value == 0 ? nil : abs(p.value - outcome.value) / abs(outcome.value)
                    result.append(Projection(vintage: vintage.year, scenario: scenario.spec.name, indicator: id, year: year, projected: p.value,
                                             lo80: p.lo80, hi80: p.hi80, lo95: p.lo95, hi95: p.hi95, outcome: outcome,
                                             absolutePercentageError: ape, covered80: covers(outcome, p.lo80, p.hi80),
                                             covered95: covers(outcome, p.lo95, p.hi95)))
                }
            }
        }
        return result
    }

    /// Whether `lo...hi` holds the outcome: for a bound, false when no value it allows is inside, else nil.
    static func covers(_ outcome: Outcome, _ lo: Double?, _ hi: Double?) -> Bool? {
        guard let lo, let hi else { return nil }
        let above = outcome.settles(.greaterOrEqual, threshold: lo), below = outcome.settles(.lessOrEqual, threshold: hi)
        if above == false || below == false { return false }
        if above == true && below == true { return true }
        return nil
    }

    // MARK: Scores

    /// The scenarios of the retrospective, in run order.
    public var scenarioNames: [String] { current.scenarios.map(\.spec.name) }

    /// The vintage years.
    public var years: [Int] { vintages.map(\.year) }

    /// The rows all three methods are scored on, for a scenario and (nil: every) vintage.
    public func scored(scenario: String, vintage: Int? = nil) -> [Row] {
        rows.filter { $0.scenario == scenario && (vintage == nil || $0.vintage == vintage) && $0.isScored }
    }

    /// The score of `method` on the scored rows of a scenario and vintage (nil vintage: all pooled).
    public func score(_ method: Method, scenario: String, vintage: Int? = nil) -> ForecastScore? {
        ForecastScore(scored(scenario: scenario, vintage: vintage).map { ($0.forecast(method)!, $0.met!) })
    }

    /// Pathways' reliability over every vintage of a scenario: of the scored forecasts in each likelihood band,
    /// how many were met.
    public func reliability(scenario: String) -> [ReliabilityRow] {
        ReliabilityRow.table(scored(scenario: scenario).map { ($0.pMeet!, $0.met!) })
    }

    /// The targets whose outcome settles them, those with an outcome that does not, and those without one.
    public var settled: [TargetOutcome] { outcomes.filter { $0.met != nil } }
    public var unsettled: [TargetOutcome] { outcomes.filter { $0.met == nil && $0.outcome != nil } }
    public var withoutOutcome: [TargetOutcome] { outcomes.filter { $0.outcome == nil } }
}
