import Common
import Foundation
import Studies
import Trends

/// What one assumption of a scenario does, set against the trend it replaces over the same years: the pace
/// the scenario's median path has there and the pace the trend's has (growth a year for levels, points a
/// year for shares and rates, the level itself for a one-off shock).
public struct AssumptionEffect: Sendable, Equatable {
    /// How the two paces are compared.
    public enum Measure: String, Sendable {
        /// Compound growth a year over the span (a fraction).
        case growth
        /// Change a year in the indicator's units over the span.
        case points
        /// The value in the single year of a shock.
        case level
    }

    public let scenario: String
    public let assumption: Assumption
    /// The years compared: the assumption's own, an open end closed at the last target year.
    public let firstYear: Int
    public let lastYear: Int
    public let measure: Measure
    /// The scenario's median path over the span, and the trend's.
    public let assumed: Double
    public let trend: Double

    public var indicator: String { assumption.indicator }

    /// `+1` when the assumption raises the indicator against its trend, `−1` when it lowers it, 0 when equal.
    public var direction: Int { assumed > trend ? 1 : (assumed < trend ? -1 : 0) }

    /// The difference below which an assumption barely differs from its trend: half a percentage point of
    /// growth a year, a tenth of a point a year, half a percent of a level.
    public static func margin(_ measure: Measure) -> Double {
        switch measure {
        case .growth: return 0.005
        case .points: return 0.1
        case .level: return 0.005
        }
    }

    /// Whether the assumption differs from its trend by less than `margin`.
    public var isWithinMargin: Bool {
        switch measure {
        case .growth, .points: return abs(assumed - trend) < Self.margin(measure)
        case .level: return trend != 0 && abs(assumed / trend - 1) < Self.margin(measure)
        }
    }
}

extension StudyRunner {
    /// Every assumption of every scenario against the trend it replaces, in scenario order.
    public static func assumptionEffects(_ study: Study, trends: [IndicatorTrend]? = nil, options: RunOptions = .init()) -> [AssumptionEffect] {
        let trends = trends ?? fitTrends(study)
        let lastYear = lastYear(study, options: options)
        let lastTarget = study.targets.map(\.year).max() ?? study.targetYear
        let observed = observedValues(study)
        var notes: [String] = []
        let specs = (try? scenarios(of: study, options: RunOptions())) ?? []
        var effects: [AssumptionEffect] = []
        for spec in specs where !spec.assumptions.isEmpty {
            var bare = spec
            bare.assumptions = [:]
            let withTrend = Dictionary(plans(study, spec: bare, trends: trends, lastYear: lastYear, observed: observed, notes: &notes).map { ($0.id, $0) },
                                       uniquingKeysWith: { a, _ in a })
            let assumed = Dictionary(plans(study, spec: spec, trends: trends, lastYear: lastYear, observed: observed, notes: &notes).map { ($0.id, $0) },
                                     uniquingKeysWith: { a, _ in a })
            for indicator in spec.assumptions.keys.sorted() {
                guard let a = assumed[indicator], let t = withTrend[indicator] ?? flat(a) else { continue }
                let kind = study.indicator(id: indicator)?.kind ?? .level
                for assumption in spec.assumptions[indicator]! {
                    let span = assumption.span
                    let first = max(span.first ?? a.startYear + 1, a.startYear + 1)
                    let last = min(max(first, span.last ?? lastTarget), a.lastYear)
                    guard first <= last else { continue }
                    let measure: AssumptionEffect.Measure
                    if case .shock = assumption.change { measure = .level } else { measure = kind == .share || kind == .rate ? .points : .growth }
                    func pace(_ plan: SeriesPlan) -> Double {
                        let path = plan.medianPath()   // index 0: startYear
                        let before = path[first - 1 - plan.startYear], end = path[last - plan.startYear]
                        switch measure {
                        case .level: return end
                        case .points: return (end - before) / Double(last - first + 1)
                        case .growth: return CompoundGrowth.rate(from: before, to: end, years: last - first + 1)
                        }
                    }
                    effects.append(AssumptionEffect(scenario: spec.name, assumption: assumption, firstYear: first, lastYear: last,
                                                    measure: measure, assumed: pace(a), trend: pace(t)))
                }
            }
        }
        return effects
    }

    /// The flat plan an indicator without a trend follows (only its assumptions move it).
    private static func flat(_ plan: SeriesPlan) -> SeriesPlan? {
        .flat(id: plan.id, scale: plan.scale, bounds: plan.bounds, start: (plan.startYear, plan.startValue), lastYear: plan.lastYear)
    }

    /// Warnings about scenarios that may not do what they say, located in their files: an assumption that
    /// differs from the trend it replaces by less than `AssumptionEffect.margin`, or that moves its indicator
    /// the other way from every sibling (scenarios extending the same parent) that also assumes it, when
    /// there are at least two such siblings.
    public static func review(_ study: Study, effects: [AssumptionEffect]? = nil) -> [Diagnostic] {
        let effects = effects ?? assumptionEffects(study)
        let files = Dictionary(study.scenarios.map { ($0.name, $0.file) }, uniquingKeysWith: { a, _ in a })
        var diagnostics: [Diagnostic] = []
        for e in effects where e.isWithinMargin && e.assumption.scenario == e.scenario {
            let (a, t) = (text(e.assumed, e.measure), text(e.trend, e.measure))
            diagnostics.append(Diagnostic(.warning, "\(e.indicator) is \(a) over \(e.firstYear)-\(e.lastYear) under this assumption against \(t) on its trend: "
                                          + "less than \(text(AssumptionEffect.margin(e.measure), e.measure, signed: false)) apart, so the scenario barely differs from the trend it replaces",
                                          file: files[e.scenario] ?? "", line: e.assumption.line, field: "assumptions.\(e.indicator)"))
        }
        let parents = Dictionary(study.scenarios.map { ($0.name, $0.extends) }, uniquingKeysWith: { a, _ in a })
        let own = effects.filter { $0.assumption.scenario == $0.scenario && $0.direction != 0 }
        for e in own {
            let siblings = own.filter { $0.scenario != e.scenario && $0.indicator == e.indicator && parents[$0.scenario] == parents[e.scenario] }
            guard siblings.count >= 2, siblings.allSatisfy({ $0.direction == -e.direction }) else { continue }
            diagnostics.append(Diagnostic(.warning, "\(e.indicator) goes \(e.direction > 0 ? "above" : "below") its trend here but \(e.direction > 0 ? "below" : "above") it in "
                                          + "every sibling scenario that assumes it (\(siblings.map(\.scenario).sorted().joined(separator: ", "))); check the sign",
                                          file: files[e.scenario] ?? "", line: e.assumption.line, field: "assumptions.\(e.indicator)"))
        }
        // Inputs of a derived indicator a target uses, with too few common years and nothing declared.
        let declared = Set(study.correlations.map(\.pair))
        let inScenarios = Set(study.scenarios.flatMap { $0.correlations.keys })
        for (pair, derived) in ShockCorrelation.linkedPairs(study) where !declared.contains(pair) && !inScenarios.contains(pair) {
            let a = Set(study.observations(for: pair.first).map(\.year)), b = Set(study.observations(for: pair.second).map(\.year))
            guard a.count >= 2, b.count >= 2 else { continue }   // a series with one observation is not simulated
            let common = a.intersection(b).count
            guard common < ShockCorrelation.minimumCommonYears else { continue }
            diagnostics.append(Diagnostic(.warning, "\(pair.first) and \(pair.second), the inputs of \(derived), share \(common) observed year\(common == 1 ? "" : "s"), too few to estimate "
                                          + "the correlation of their shocks, and none is declared: they are simulated as uncorrelated. Declare it under correlations: "
                                          + "\"\(pair)\": {value: …, source: …} or {growth_panel: file.csv}",
                                          file: "study.yaml", line: nil, field: "correlations"))
        }
        return diagnostics.sorted { ($0.file, $0.line ?? 0) < ($1.file, $1.line ?? 0) }
    }

    static func text(_ value: Double, _ measure: AssumptionEffect.Measure, signed: Bool = true) -> String {
        switch measure {
        case .growth: return "\(NumberText.percent(value, decimals: 2)) a year"
        case .points: return "\(signed ? NumberText.signed(value, decimals: 2) : NumberText.fixed(value, decimals: 2)) points a year"
        case .level: return signed ? "\(NumberText.significant(value)) in its year" : NumberText.percent(value, decimals: 1)
        }
    }
}
