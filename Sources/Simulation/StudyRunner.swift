import Common
import Foundation
import LeastSquares
import Studies
import Trends

/// The main job: fit every indicator's trend, simulate every scenario, assess every target.
public enum StudyRunner {
    /// Runs `study` under its scenarios (an implicit `baseline` when it has none).
    public static func run(_ study: Study, options: RunOptions = .init()) throws(SimulationError) -> StudyRun {
        let specs = try scenarios(of: study, options: options)
        // Fitting takes a small share of the time; the scenarios share the rest equally.
        let fitShare = 0.05
        options.progress?("fitting trends", 0)
        let trends = fitTrends(study)
        var notes: [String] = []
        var runs: [ScenarioRun] = []
        for (k, spec) in specs.enumerated() {
            options.progress?("simulating \(spec.name) (\(k + 1)/\(specs.count))", fitShare + (1 - fitShare) * Double(k) / Double(specs.count))
            let (run, scenarioNotes) = try runScenario(study, spec: spec, trends: trends, options: options)
            runs.append(run)
            notes += scenarioNotes
        }
        options.progress?("simulated \(specs.count) scenario(s)", 1)
        var unique: [String] = []
        for note in notes where !unique.contains(note) { unique.append(note) }
        return StudyRun(study: study, trends: trends, scenarios: runs,
                        assumptionEffects: assumptionEffects(study, trends: trends, options: options), notes: unique)
    }

    /// The scenarios to run, in the study's order.
    static func scenarios(of study: Study, options: RunOptions) throws(SimulationError) -> [ScenarioSpec] {
        let all = study.scenarios.isEmpty
            ? [ScenarioSpec(name: "baseline", title: BilingualText(en: "Trend", zh: "趋势"),
                            rationale: BilingualText(en: "Every indicator follows its fitted trend.", zh: "各指标按拟合趋势发展。"),
                            file: "")]
            : study.scenarios
        guard let wanted = options.scenarios else { return all }
        for name in wanted where !all.contains(where: { $0.name == name }) {
            throw .unknownScenario(name: name, available: all.map(\.name))
        }
        return all.filter { wanted.contains($0.name) }
    }

    /// The last simulated year: the last target year plus `yearsBeyondTargets`.
    static func lastYear(_ study: Study, options: RunOptions) -> Int {
        max(study.targetYear, study.targets.map(\.year).max() ?? study.targetYear) + options.yearsBeyondTargets
    }

    /// Trend options from an indicator's declaration: exclusions, level shifts, cap.
    static func trendOptions(_ indicator: Indicator) -> TrendOptions {
        TrendOptions(excludedYears: Set(indicator.excludeYears), levelShiftYears: indicator.levelShiftYears,
                     cap: indicator.model == .logistic ? indicator.effectiveCap : nil,
                     capLimit: indicator.effectiveCap, positiveStaysPositive: indicator.kind != .rate)
    }

    /// The published growth rates of a level extended with them (`extend_with`), as fractions by year: the
    /// random walks (`drift`, `naive`) count those whose change the levels do not give as observed changes.
    static func publishedGrowth(of indicator: Indicator, in study: Study) -> [Int: Double] {
        guard let rateID = indicator.extendWith else { return [:] }
        return Dictionary(study.observations(for: rateID).map { ($0.year, $0.value / 100) }, uniquingKeysWith: { first, _ in first })
    }

    /// The method an indicator's `model` names.
    static func method(_ model: ModelChoice) -> TrendMethod {
        TrendMethod(name: model.rawValue) ?? .auto
    }

    /// Fits every base indicator that has observations. The indicators left to `auto` are forecast together,
    /// so their intervals are calibrated on the out-of-sample errors of all of them (cross-learning).
    public static func fitTrends(_ study: Study) -> [IndicatorTrend] {
        var trends: [IndicatorTrend?] = []
        var automatic: [(slot: Int, series: TrendSeries, options: TrendOptions)] = []
        for indicator in study.indicators where !indicator.isDerived {
            let observations = study.observations(for: indicator.id)
            guard !observations.isEmpty else { continue }
            let series = TrendSeries(id: indicator.id, years: observations.map(\.year), values: observations.map(\.value),
                                     publishedGrowth: publishedGrowth(of: indicator, in: study))
            let options = trendOptions(indicator)
            switch method(indicator.model) {
            case .auto:
                automatic.append((trends.count, series, options))
                trends.append(nil)
            case .select:
                let selection = TrendFitter.select(series, options: options)
                trends.append(trend(series, selection: selection, options: options))
            case .family(let family):
                do {
                    let fit = try TrendFitter.fit(series, family: family, options: options)
                    var reason = "set in study.yaml"
                    if let rateID = indicator.extendWith, !fit.publishedGrowthUsed.isEmpty {
                        reason += "; changes from the levels and \(rateID) \(fit.publishedGrowthUsed.map(String.init).joined(separator: ", "))"
                    }
                    trends.append(IndicatorTrend(indicator: indicator.id, fit: fit, selection: nil, candidates: [fit], reason: reason))
                } catch {
                    trends.append(fallback(series, options: options, reason: error.description))
                }
            }
        }
        let selections = TrendFitter.auto(automatic.map(\.series), options: automatic.map(\.options))
        for (k, entry) in automatic.enumerated() {
            trends[entry.slot] = trend(entry.series, selection: selections[k], options: entry.options)
        }
        return trends.map { $0! }
    }

    /// The trend of an `auto` or `select` indicator, or the fallback when nothing could be fitted.
    static func trend(_ series: TrendSeries, selection: TrendSelection, options: TrendOptions) -> IndicatorTrend {
        guard let fit = selection.chosenFit else { return fallback(series, options: options, reason: selection.reason) }
        return IndicatorTrend(indicator: series.id, fit: fit, selection: selection, candidates: selection.fits, reason: selection.reason)
    }

    /// Too few points for a trend with an interval: the two-point endpoint rate when there are two.
    static func fallback(_ series: TrendSeries, options: TrendOptions, reason: String) -> IndicatorTrend {
        // The combination forecasts from two points on, with intervals as wide as so little data deserves; only
        // when it cannot (a constant series) does the two-point rate stand in, without uncertainty.
        let combined = TrendFitter.auto([series], options: options)[0]
        if let fit = combined.chosenFit {
            return IndicatorTrend(indicator: series.id, fit: fit, selection: combined, candidates: combined.fits,
                                  reason: "\(reason); instead \(combined.reason)")
        }
        if let fit = try? TrendFitter.fit(series, family: .endpointCAGR, options: options), series.values.allSatisfy({ $0 > 0 }) {
            return IndicatorTrend(indicator: series.id, fit: fit, selection: nil, candidates: [fit],
                                  reason: "too few points for a trend with an interval (\(reason)); endpoint growth, no uncertainty")
        }
        return IndicatorTrend(indicator: series.id, fit: nil, selection: nil, candidates: [], reason: reason)
    }

    /// Observed values of every indicator (derived ones where all inputs are observed).
    static func observedValues(_ study: Study) -> [String: [Int: Double]] {
        var values: [String: [Int: Double]] = [:]
        for indicator in study.indicators {
            let v = study.values(for: indicator.id)
            if !v.isEmpty { values[indicator.id] = v }
        }
        return values
    }

    /// The scale an indicator is simulated on, and the bounds its values are kept in.
    ///
    /// A share strictly inside (0, cap) runs on the logit of its cap, so every path stays inside; a rate
    /// (a growth rate, which may go negative) runs additively; other positive series on the log scale. A
    /// series that touches zero (or a share its cap) runs additively, its values censored at 0 (and the cap).
    static func scale(_ indicator: Indicator, values: [Double]) -> (scale: SimulatedSeries.Scale, bounds: (lower: Double?, upper: Double?)) {
        switch indicator.kind {
        case .rate:
            return (.additive, (nil, nil))
        case .share:
            let cap = indicator.effectiveCap ?? 100
            if values.allSatisfy({ $0 > 0 && $0 < cap }) { return (.logit(cap: cap), (nil, nil)) }
            return (.additive, (values.allSatisfy { $0 >= 0 } ? 0 : nil, cap))
        case .level, .count, .flow:
            if values.allSatisfy({ $0 > 0 }) { return (.logarithmic, (nil, nil)) }
            return (.additive, (values.allSatisfy { $0 >= 0 } ? 0 : nil, nil))
        }
    }

    /// Builds each base indicator's plan under `spec`: trend, then assumptions.
    static func plans(_ study: Study, spec: ScenarioSpec, trends: [IndicatorTrend], lastYear: Int,
                      observed: [String: [Int: Double]], notes: inout [String]) -> [SeriesPlan] {
        let fits = Dictionary(uniqueKeysWithValues: trends.map { ($0.indicator, $0.fit) })
        var plans: [SeriesPlan] = []
        for indicator in study.indicators where !indicator.isDerived {
            guard let values = observed[indicator.id], let lastYearObserved = values.keys.max() else {
                if spec.assumptions[indicator.id] != nil {
                    notes.append("\(spec.name): assumptions on \(indicator.id) are not applied: it has no observation to start from.")
                }
                continue
            }
            let start = (year: lastYearObserved, value: values[lastYearObserved]!)
            guard start.year < lastYear else { continue }
            let (scale, bounds) = scale(indicator, values: Array(values.values))
            var plan: SeriesPlan
            if let fit = fits[indicator.id] ?? nil {
                plan = .trend(fit, scale: scale, bounds: bounds, start: start, lastYear: lastYear)
            } else if spec.assumptions[indicator.id] != nil {
                plan = .flat(id: indicator.id, scale: scale, bounds: bounds, start: start, lastYear: lastYear)
            } else {
                continue
            }
            if spec.assumptions[indicator.id] != nil, !plan.knownYears.isEmpty {
                let years = plan.knownYears.sorted().map(String.init).joined(separator: ", ")
                notes.append("\(spec.name): \(indicator.id)'s change in \(years) is published (\(indicator.extendWith ?? "a growth rate")); the scenario's assumptions leave it as published.")
            }
            plan.apply(spec.assumptions[indicator.id] ?? [])
            plans.append(plan)
        }
        return plans
    }

    /// Simulates one scenario and assesses every target.
    static func runScenario(_ study: Study, spec: ScenarioSpec, trends: [IndicatorTrend], options: RunOptions) throws(SimulationError) -> (ScenarioRun, [String]) {
        var notes: [String] = []
        let simulation = try simulate(study, spec: spec, trends: trends, options: options, notes: &notes)
        let projections = projectionRows(study, scenario: spec.name, simulation: simulation)
        let feasibility = study.targets.map { FeasibilityAssessment.assess($0, scenario: spec.name, simulation: simulation) }
        let byPair = Dictionary(simulation.correlations.map { ($0.pair, $0) }, uniquingKeysWith: { first, _ in first })
        for (pair, derived) in ShockCorrelation.linkedPairs(study) {
            guard let c = byPair[pair], case .undeclared = c.source else { continue }
            notes.append("\(pair.first) and \(pair.second), the inputs of \(derived), are simulated as uncorrelated: \(c.source). Declare their correlation in study.yaml (correlations) or a scenario.")
        }
        return (ScenarioRun(spec: spec, seed: simulation.seed, paths: simulation.pathCount, projections: projections, feasibility: feasibility,
                            correlations: simulation.correlations), notes)
    }

    static func simulate(_ study: Study, spec: ScenarioSpec, trends: [IndicatorTrend], options: RunOptions,
                         notes: inout [String]) throws(SimulationError) -> ScenarioSimulation {
        let lastYear = lastYear(study, options: options)
        let observed = observedValues(study)
        let plans = plans(study, spec: spec, trends: trends, lastYear: lastYear, observed: observed, notes: &notes)
        let pathCount = options.paths ?? spec.uncertainty.paths ?? RunOptions.defaultPaths
        let seed = options.seed ?? spec.uncertainty.seed ?? RunOptions.defaultSeed
        let correlation = ShockCorrelation.matrix(plans.map(\.id), trends: trends, study: study, spec: spec)
        if plans.count > ShockCorrelation.allPairsLimit {
            notes.append("\(spec.name): \(plans.count) simulated indicators, more than \(ShockCorrelation.allPairsLimit): only declared pairs and the "
                         + "inputs of a derived target have correlated shocks (\(correlation.pairs.count) pairs in correlations.csv); the others are drawn independently.")
        }
        if correlation.shrinkage < 1 {
            notes.append("\(spec.name): the shock correlations are not consistent with one another (no positive-definite matrix "
                         + "has them); every one was multiplied by \(NumberText.fixed(max(0, correlation.shrinkage), decimals: 2)) to make them so "
                         + "(correlations.csv has the values used).")
        }
        return try ScenarioSimulation(study: study, plans: plans, correlation: correlation.factor, correlations: correlation.pairs,
                                      pathCount: pathCount, seed: seed, lastYear: lastYear, threads: options.threads, observed: observed)
    }

    /// Observed rows, then the projected median and 80%/95% bands, for every indicator.
    static func projectionRows(_ study: Study, scenario: String, simulation: ScenarioSimulation) -> [ProjectionRow] {
        // Indicators are summarized in parallel (quantiles of every year's paths), then kept in study order.
        let indicators = study.indicators
        let perIndicator = Parallel.map(indicators.count) { k -> [ProjectionRow] in
            let id = indicators[k].id
            var rows: [ProjectionRow] = []
            let observed = simulation.observed[id] ?? [:]
            let chained = study.chainedYears(for: id)
            for (year, value) in observed.sorted(by: { $0.key < $1.key }) {
                rows.append(ProjectionRow(scenario: scenario, indicator: id, year: year, kind: chained.contains(year) ? .chained : .observed, value: value,
                                          lo80: nil, hi80: nil, lo95: nil, hi95: nil))
            }
            for year in simulation.projectedYears(id) {
                guard let q = simulation.pathQuantiles(id, year: year, at: [0.5, 0.1, 0.9, 0.025, 0.975]), !q[0].isNaN else { continue }
                rows.append(ProjectionRow(scenario: scenario, indicator: id, year: year, kind: .projected, value: q[0],
                                          lo80: q[1], hi80: q[2], lo95: q[3], hi95: q[4]))
            }
            return rows
        }
        return Array(perIndicator.joined())
    }
}
