import Foundation
import Studies
import Trends

/// The constant growth of one indicator that makes a target come true: relative growth for a level,
/// percentage points a year for a share or a rate.
public struct GoalSeekResult: Sendable {
    public let target: Target
    public let indicator: String
    public let scenario: String
    /// Probability of meeting the target the growth was solved for (0.5: at the median).
    public let probability: Double
    /// The constant annual growth (a fraction, or points a year when `unit` is `.points`), applied from
    /// `fromYear` (the indicator's first projected year).
    public let growth: Double
    /// `.growth` for a level, count or flow; `.points` for a share or a rate.
    public let unit: FeasibilityRow.Pace.Unit
    public let fromYear: Int
    /// The threshold, and the solved quantile of the target's measure in the target year.
    public let threshold: Double
    public let measure: Double
    /// The assumption that reproduces the result in a scenario file.
    public var assumption: Assumption {
        Assumption(indicator: indicator, change: Self.change(growth, unit: unit, from: fromYear), scenario: scenario)
    }

    static func change(_ value: Double, unit: FeasibilityRow.Pace.Unit, from: Int) -> Assumption.Change {
        unit == .points ? .points(perYear: value, fromYear: from) : .growth(rate: value, fromYear: from)
    }
}

extension StudyRunner {
    /// Finds the constant annual growth of `indicator`, from its first projected year, with which `target`
    /// is met with probability `probability` (0.5: the median path meets it exactly) under `scenario`.
    ///
    /// Every trial uses the same seed (common random numbers), so the quantile of the measure is a smooth,
    /// monotone function of the growth and bisection converges to the last digit.
    /// A share or a rate is varied in percentage points a year (between −20 and +20), anything else in relative
    /// growth (between −50% and +100% a year).
    /// - Throws: `SimulationError` for an unknown target, indicator or scenario, or when no change in that
    ///   range meets the target.
    public static func solve(_ study: Study, target id: String, vary indicator: String, scenario: String? = nil,
                             probability: Double = 0.5, options: RunOptions = .init()) throws(SimulationError) -> GoalSeekResult {
        guard let target = study.targets.first(where: { $0.id == id }) else { throw .unknownTarget(id: id) }
        guard let varied = study.indicator(id: indicator) else { throw .unknownIndicator(id: indicator) }
        // Any observed indicator the target's indicator is computed from can be varied, through formulas of formulas.
        let feeders = study.observedInputs(of: target.indicator)
        guard !varied.isDerived else {
            throw .noSolution(target: id, indicator: indicator, reason: "\(indicator) is derived from a formula; vary one of the indicators it is computed from: \(study.observedInputs(of: indicator).joined(separator: ", "))")
        }
        guard feeders.contains(indicator) else {
            throw .noSolution(target: id, indicator: indicator, reason: "\(indicator) does not feed \(target.indicator), the target's indicator; vary \(feeders.joined(separator: " or "))")
        }
        guard let last = study.observations(for: indicator).map(\.year).max() else {
            throw .noSolution(target: id, indicator: indicator, reason: "\(indicator) has no observation to grow from")
        }
        var scenarioOptions = options
        scenarioOptions.scenarios = scenario.map { [$0] }
        let spec = try scenarios(of: study, options: scenarioOptions)[0]
        let trends = fitTrends(study)
        let observed = observedValues(study)
        guard let threshold = FeasibilityAssessment.threshold(target, observed: observed[target.indicator] ?? [:]) else {
            throw .noSolution(target: id, indicator: indicator, reason: "the target's base value is not observed")
        }
        let fromYear = last + 1
        let unit: FeasibilityRow.Pace.Unit = varied.kind == .share || varied.kind == .rate ? .points : .growth
        // P(measure op threshold) = p  ⇔  the (1 − p) quantile (for ≥, >) or the p quantile (for ≤, <) equals it.
        let level = target.rule.op.wantsHigher ? 1 - probability : probability

        func gap(_ growth: Double) throws(SimulationError) -> (gap: Double, measure: Double) {
            var trial = spec
            trial.assumptions[indicator] = [Assumption(indicator: indicator, change: GoalSeekResult.change(growth, unit: unit, from: fromYear),
                                                       scenario: spec.name)]
            var notes: [String] = []
            let simulation = try simulate(study, spec: trial, trends: trends, options: options, notes: &notes)
            let value: Double
            switch FeasibilityAssessment.measure(target, year: target.year, simulation: simulation) {
            case .observed(let v)?: value = v
            case .paths(let paths)?: value = PathQuantiles.of(paths, at: [level])[0]
            case nil: throw .noSolution(target: id, indicator: indicator, reason: "the target's measure cannot be computed")
            }
            return (value - threshold, value)
        }

        var (low, high) = unit == .points ? (-20.0, 20.0) : (-0.5, 1.0)
        var gLow = try gap(low).gap, gHigh = try gap(high).gap
        guard gLow.isFinite, gHigh.isFinite, gLow.sign != gHigh.sign || gLow == 0 || gHigh == 0 else {
            let range = unit == .points ? "-20 and +20 points" : "-50% and +100%"
            throw .noSolution(target: id, indicator: indicator,
                              reason: "growth of \(indicator) between \(range) a year does not move the target's measure across \(threshold)")
        }
        for _ in 0..<100 where high - low > 1e-13 * max(1, abs(low)) {
            let mid = (low + high) / 2
            let gMid = try gap(mid).gap
            if gMid == 0 { low = mid; high = mid; break }
            if gMid.sign == gLow.sign { low = mid; gLow = gMid } else { high = mid; gHigh = gMid }
        }
        let growth = (low + high) / 2
        return GoalSeekResult(target: target, indicator: indicator, scenario: spec.name, probability: probability,
                              growth: growth, unit: unit, fromYear: fromYear, threshold: threshold, measure: try gap(growth).measure)
    }
}
