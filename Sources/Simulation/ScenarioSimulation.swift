import Foundation
import LeastSquares
import Studies
import Trends

/// The values of every indicator of a study under one scenario: observations where they exist,
/// Monte Carlo paths after them, derived indicators computed path by path.
struct ScenarioSimulation: Sendable {
    let study: Study
    let pathCount: Int
    let seed: UInt64
    let lastYear: Int
    /// Observed values (derived ones computed from observed inputs).
    let observed: [String: [Int: Double]]
    /// The correlations of the simulated series' shocks, with their sources.
    let correlations: [ShockCorrelation]
    private let paths: MonteCarlo.Paths?
    private let seriesIndex: [String: Int]

    init(study: Study, plans: [SeriesPlan], correlation: SparseCorrelation.Factor?, correlations: [ShockCorrelation] = [], pathCount: Int, seed: UInt64,
         lastYear: Int, threads: Int, observed: [String: [Int: Double]]) throws(SimulationError) {
        self.study = study
        self.correlations = correlations
        self.pathCount = pathCount
        self.seed = seed
        self.lastYear = lastYear
        self.observed = observed
        seriesIndex = Dictionary(uniqueKeysWithValues: plans.enumerated().map { ($1.id, $0) })
        if plans.isEmpty {
            paths = nil
        } else {
            paths = try MonteCarlo(series: plans.map(\.simulated), factor: correlation, paths: pathCount,
                                   seed: seed, lastYear: lastYear).run(threads: threads)
        }
    }

    /// What is known of an indicator in a year.
    enum Value {
        case observed(Double)
        case paths([Double])

        func array(count: Int) -> [Double] {
            switch self {
            case .observed(let v): return Array(repeating: v, count: count)
            case .paths(let p): return p
            }
        }
    }

    /// The indicator's value in `year`: its observation, its simulated paths, or for a derived indicator
    /// the formula over its inputs; nil when unknown.
    func value(_ id: String, year: Int) -> Value? {
        var visiting: Set<String> = []
        return value(id, year: year, visiting: &visiting)
    }

    private func value(_ id: String, year: Int, visiting: inout Set<String>) -> Value? {
        if let v = observed[id]?[year] { return .observed(v) }
        if let i = seriesIndex[id], let paths {
            let v = paths.values(i, year: year)
            return v.isEmpty ? nil : .paths(v)
        }
        guard let formula = study.indicator(id: id)?.formula, visiting.insert(id).inserted else { return nil }
        defer { visiting.remove(id) }
        var inputs: [String: [Double]] = [:]
        var anyPaths = false
        for input in formula.indicatorIDs {
            guard let v = value(input, year: year, visiting: &visiting) else { return nil }
            if case .paths = v { anyPaths = true }
            inputs[input] = v.array(count: pathCount)
        }
        guard anyPaths else { return nil }  // all inputs observed: then the derived value is observed too
        return .paths(formula.evaluate(paths: inputs, count: pathCount))
    }

    /// The scale an indicator's paths are simulated on; nil when it is not simulated itself.
    func scale(of id: String) -> SimulatedSeries.Scale? {
        guard let i = seriesIndex[id], let paths else { return nil }
        return paths.series[i].scale
    }

    /// The `probabilities` quantiles of the indicator's paths in `year`; nil when the year is observed or not
    /// simulated. A series simulated on the log or logit scale is selected on that scale and only the order
    /// statistics are mapped back: the same numbers as mapping every path first (the map is increasing), without
    /// an exponential per path.
    func pathQuantiles(_ id: String, year: Int, at probabilities: [Double]) -> [Double]? {
        guard observed[id]?[year] == nil else { return nil }
        if let i = seriesIndex[id], let paths, paths.series[i].scale != .additive {
            let slice = paths.scaledValues(i, year: year)
            guard !slice.isEmpty else { return nil }
            var scaled = slice.filter { !$0.isNaN }
            return PathQuantiles.select(&scaled, at: probabilities, through: paths.series[i].scale.transform.inverse)
        }
        guard case .paths(let values)? = value(id, year: year) else { return nil }
        return PathQuantiles.of(values, at: probabilities)
    }

    /// The years after the indicator's observations in which it can have simulated values: after its own
    /// start for a base indicator, after the last observed year for a derived one.
    func projectedYears(_ id: String) -> [Int] {
        let lastObserved = observed[id]?.keys.max() ?? Int.min
        var first = max(lastObserved + 1, study.baseYear - 30)
        if let i = seriesIndex[id], let paths { first = max(first, paths.series[i].startYear + 1) }
        guard first <= lastYear else { return [] }
        return Array(first...lastYear)
    }
}
