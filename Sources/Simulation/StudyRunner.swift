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
        return StudyRun(study: study, trends: trends, scenarios: runs, notes: notes)
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
                     capLimit: indicator.effectiveCap)
    }

    /// The family an indicator's `model` names, or nil for `auto`.
    static func family(_ model: ModelChoice) -> TrendFamily? {
        model == .auto ? nil : TrendFamily(name: model.rawValue)
    }

    /// Fits every base indicator that has observations.
    public static func fitTrends(_ study: Study) -> [IndicatorTrend] {
        var trends: [IndicatorTrend] = []
        for indicator in study.indicators where !indicator.isDerived {
            let observations = study.observations(for: indicator.id)
            guard !observations.isEmpty else { continue }
            let series = TrendSeries(id: indicator.id, years: observations.map(\.year), values: observations.map(\.value))
            let options = trendOptions(indicator)
            if let family = family(indicator.model) {
                do {
                    let fit = try TrendFitter.fit(series, family: family, options: options)
                    trends.append(IndicatorTrend(indicator: indicator.id, fit: fit, selection: nil, candidates: [fit], reason: "set in study.yaml"))
                } catch {
                    trends.append(fallback(series, options: options, reason: error.description))
                }
                continue
            }
            let selection = TrendFitter.select(series, options: options)
            if let fit = selection.chosenFit {
                trends.append(IndicatorTrend(indicator: indicator.id, fit: fit, selection: selection, candidates: selection.fits, reason: selection.reason))
            } else {
                trends.append(fallback(series, options: options, reason: selection.reason))
            }
        }
        return trends
    }

    /// Too few points for a trend with an interval: the two-point endpoint rate when there are two.
    static func fallback(_ series: TrendSeries, options: TrendOptions, reason: String) -> IndicatorTrend {
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
            let scale: SimulatedSeries.Scale = values.values.allSatisfy { $0 > 0 } ? .logarithmic : .additive
            var plan: SeriesPlan
            if let fit = fits[indicator.id] ?? nil {
                plan = .trend(fit, scale: scale, start: start, lastYear: lastYear)
            } else if spec.assumptions[indicator.id] != nil {
                plan = .flat(id: indicator.id, scale: scale, start: start, lastYear: lastYear)
            } else {
                continue
            }
            plan.apply(spec.assumptions[indicator.id] ?? [])
            plans.append(plan)
        }
        return plans
    }

    /// Correlation of the yearly shocks: the correlation of the indicators' standardized trend residuals
    /// over the years both have (0 with fewer than 5 common years), then the scenario's overrides;
    /// shrunk towards the identity until positive definite.
    static func correlation(_ plans: [SeriesPlan], trends: [IndicatorTrend], spec: ScenarioSpec, notes: inout [String]) -> Matrix {
        let fits = Dictionary(uniqueKeysWithValues: trends.compactMap { t in t.fit.map { (t.indicator, $0) } })
        let residuals: [[Int: Double]] = plans.map { plan in
            guard let fit = fits[plan.id], let d = fit.forecast(fit.years).distributions, fit.residualStandardDeviation > 0 else { return [:] }
            var r: [Int: Double] = [:]
            for (k, year) in fit.years.enumerated() { r[year] = (fit.transform.forward(fit.values[k]) - d[k].location) / fit.residualStandardDeviation }
            return r
        }
        let k = plans.count
        var m = Matrix.identity(k)
        for i in 0..<k {
            for j in 0..<i {
                let common = Set(residuals[i].keys).intersection(residuals[j].keys).sorted()
                var rho = 0.0
                if common.count >= 5 {
                    let a = common.map { residuals[i][$0]! }, b = common.map { residuals[j][$0]! }
                    rho = pearson(a, b)
                }
                if let override = spec.correlations[ScenarioSpec.IndicatorPair(plans[i].id, plans[j].id)] { rho = override }
                m[i, j] = rho.isFinite ? rho : 0
                m[j, i] = m[i, j]
            }
        }
        var shrink = 1.0
        var candidate = m
        while MonteCarlo.choleskyFactor(candidate) == nil && shrink > 0 {
            shrink -= 0.05
            for i in 0..<k { for j in 0..<k where i != j { candidate[i, j] = m[i, j] * max(0, shrink) } }
        }
        if shrink < 1 {
            let given = spec.correlations.isEmpty ? "" : " and the scenario's"
            notes.append("\(spec.name): the shock correlations (from the trend residuals\(given)) are not consistent with one another "
                         + "(no positive-definite matrix has them); every one was multiplied by \(NumberText.fixed(max(0, shrink), decimals: 2)) to make them so.")
        }
        return candidate
    }

    static func pearson(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count)
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for (x, y) in zip(a, b) { sab += (x - ma) * (y - mb); saa += (x - ma) * (x - ma); sbb += (y - mb) * (y - mb) }
        return sab / (saa * sbb).squareRoot()
    }

    /// Simulates one scenario and assesses every target.
    static func runScenario(_ study: Study, spec: ScenarioSpec, trends: [IndicatorTrend], options: RunOptions) throws(SimulationError) -> (ScenarioRun, [String]) {
        var notes: [String] = []
        let simulation = try simulate(study, spec: spec, trends: trends, options: options, notes: &notes)
        let projections = projectionRows(study, scenario: spec.name, simulation: simulation)
        let feasibility = study.targets.map { FeasibilityAssessment.assess($0, scenario: spec.name, simulation: simulation) }
        return (ScenarioRun(spec: spec, seed: simulation.seed, paths: simulation.pathCount, projections: projections, feasibility: feasibility), notes)
    }

    static func simulate(_ study: Study, spec: ScenarioSpec, trends: [IndicatorTrend], options: RunOptions,
                         notes: inout [String]) throws(SimulationError) -> ScenarioSimulation {
        let lastYear = lastYear(study, options: options)
        let observed = observedValues(study)
        let plans = plans(study, spec: spec, trends: trends, lastYear: lastYear, observed: observed, notes: &notes)
        let pathCount = options.paths ?? spec.uncertainty.paths ?? RunOptions.defaultPaths
        let seed = options.seed ?? spec.uncertainty.seed ?? RunOptions.defaultSeed
        return try ScenarioSimulation(study: study, plans: plans, correlation: correlation(plans, trends: trends, spec: spec, notes: &notes),
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
            for (year, value) in observed.sorted(by: { $0.key < $1.key }) {
                rows.append(ProjectionRow(scenario: scenario, indicator: id, year: year, kind: .observed, value: value,
                                          lo80: nil, hi80: nil, lo95: nil, hi95: nil))
            }
            for year in simulation.projectedYears(id) {
                guard case .paths(let paths)? = simulation.value(id, year: year) else { continue }
                let q = PathQuantiles.of(paths, at: [0.5, 0.1, 0.9, 0.025, 0.975])
                guard !q[0].isNaN else { continue }
                rows.append(ProjectionRow(scenario: scenario, indicator: id, year: year, kind: .projected, value: q[0],
                                          lo80: q[1], hi80: q[2], lo95: q[3], hi95: q[4]))
            }
            return rows
        }
        return Array(perIndicator.joined())
    }
}
