import Foundation
import Studies

/// Assesses one target under one scenario, by the target's own rule: a level, a multiple of a base year,
/// a sum over years, or an average growth rate.
enum FeasibilityAssessment {
    /// The target's measure in `year`: one value per path, or nil when it cannot be known.
    static func measure(_ target: Target, year: Int, simulation s: ScenarioSimulation) -> ScenarioSimulation.Value? {
        switch target.rule.measure {
        case .level, .multipleOf:
            return s.value(target.indicator, year: year)
        case .cumulative(let from, _):
            guard year >= from else { return nil }
            var total = ScenarioSimulation.Value.observed(0)
            for y in from...year {
                guard let v = s.value(target.indicator, year: y) else { return nil }
                total = combine(total, v, count: s.pathCount, +)
            }
            return total
        case .averageGrowth(let from, _):
            guard year > from, let start = s.value(target.indicator, year: from), let end = s.value(target.indicator, year: year) else { return nil }
            let exponent = 1 / Double(year - from)
            return combine(end, start, count: s.pathCount) { Foundation.pow($0 / $1, exponent) - 1 }
        }
    }

    static func combine(_ a: ScenarioSimulation.Value, _ b: ScenarioSimulation.Value, count: Int,
                        _ f: (Double, Double) -> Double) -> ScenarioSimulation.Value {
        if case .observed(let x) = a, case .observed(let y) = b { return .observed(f(x, y)) }
        return .paths(zip(a.array(count: count), b.array(count: count)).map(f))
    }

    /// The threshold the measure is compared with; nil when it depends on a base value nobody observed.
    static func threshold(_ target: Target, observed: [Int: Double]) -> Double? {
        switch target.rule.measure {
        case .level(let value): return value
        case .multipleOf(let baseYear, let factor): return observed[baseYear].map { factor * $0 }
        case .cumulative(_, let total): return total
        case .averageGrowth(_, let rate): return rate
        }
    }

    static func assess(_ target: Target, scenario: String, simulation s: ScenarioSimulation) -> FeasibilityRow {
        let observed = s.observed[target.indicator] ?? [:]
        let op = target.rule.op
        let latest = observed.max { $0.key < $1.key }
        func row(status: TargetStatus, threshold: Double? = nil, projected: (Double, Double, Double)? = nil, pMeet: Double? = nil,
                 growth: (observed: Double?, required: Double?, ratio: Double?, unsd: Double?) = (nil, nil, nil, nil),
                 yearMet: Int? = nil, growthNeeded: Double? = nil) -> FeasibilityRow {
            FeasibilityRow(scenario: scenario, target: target, targetValue: threshold, latestYear: latest?.key, latestValue: latest?.value,
                           projected: projected?.0, lo95: projected?.1, hi95: projected?.2, pMeet: pMeet,
                           observedGrowth: growth.observed, requiredGrowth: growth.required, progressRatio: growth.ratio,
                           projectedProgressScore: growth.unsd, status: status, yearMet: yearMet, growthNeeded: growthNeeded)
        }
        guard let latest else { return row(status: .noData, threshold: threshold(target, observed: observed)) }
        guard let threshold = threshold(target, observed: observed) else { return row(status: .noData) }

        // The measure in the target year, over the paths.
        var projected: (Double, Double, Double)? = nil
        var pMeet: Double? = nil
        switch measure(target, year: target.year, simulation: s) {
        case .observed(let v)?:
            projected = (v, v, v)
            pMeet = op.isSatisfied(by: v, threshold: threshold) ? 1 : 0
        case .paths(let values)?:
            let q = PathQuantiles.of(values, at: [0.5, 0.025, 0.975])
            if !q[0].isNaN {
                projected = (q[0], q[1], q[2])
                let valid = values.filter { !$0.isNaN }
                pMeet = Double(valid.filter { op.isSatisfied(by: $0, threshold: threshold) }.count) / Double(valid.count)
            }
        case nil:
            break
        }

        let yearMet = firstYearMet(target, threshold: threshold, simulation: s, observedYears: observed.keys.sorted())
        let progress = progressMeasures(target, threshold: threshold, observed: observed, latest: (latest.key, latest.value))
        let needed = growthNeeded(target, threshold: threshold, observed: observed, latest: (latest.key, latest.value))
        let status: TargetStatus
        let kind = s.study.indicator(id: target.indicator)?.kind ?? .level
        if alreadyAchieved(target, threshold: threshold, observed: observed, latestYear: latest.key) {
            // A rate or a yearly flow met before the target year says nothing of the target year itself.
            status = (kind == .rate || kind == .flow) && latest.key < target.year && !isCumulative(target) ? .onTrack : .achieved
        } else if let ratio = progress.ratio {
            status = ProgressMeasure.status(ratio: ratio)
        } else {
            status = .insufficientData
        }
        return row(status: status, threshold: threshold, projected: projected, pMeet: pMeet, growth: progress,
                   yearMet: yearMet, growthNeeded: needed)
    }

    static func isCumulative(_ target: Target) -> Bool {
        if case .cumulative = target.rule.measure { return true } else { return false }
    }

    /// Whether the observations already meet the target.
    static func alreadyAchieved(_ target: Target, threshold: Double, observed: [Int: Double], latestYear: Int) -> Bool {
        let op = target.rule.op
        switch target.rule.measure {
        case .level, .multipleOf:
            return op.isSatisfied(by: observed[latestYear]!, threshold: threshold)
        case .cumulative(let from, _):
            guard latestYear >= from, (from...latestYear).allSatisfy({ observed[$0] != nil }) else { return false }
            let sum = (from...latestYear).reduce(0) { $0 + observed[$1]! }
            return op.wantsHigher && op.isSatisfied(by: sum, threshold: threshold)
        case .averageGrowth(let from, _):
            guard latestYear >= target.year, let a = observed[from], let b = observed[target.year] else { return false }
            return op.isSatisfied(by: Foundation.pow(b / a, 1 / Double(target.year - from)) - 1, threshold: threshold)
        }
    }

    /// The year of comparison: the observation nearest five years before the latest (the short-term
    /// window of Eurostat's assessment), or for an average-growth target its own base year.
    static func baseObservation(_ observed: [Int: Double], latestYear t: Int) -> (year: Int, value: Double)? {
        let earlier = observed.filter { $0.key < t }
        guard let best = earlier.min(by: { (abs($0.key - (t - 5)), $0.key) < (abs($1.key - (t - 5)), $1.key) }) else { return nil }
        return (best.key, best.value)
    }

    static func progressMeasures(_ target: Target, threshold: Double, observed: [Int: Double], latest: (year: Int, value: Double))
        -> (observed: Double?, required: Double?, ratio: Double?, unsd: Double?) {
        let higherIsBetter = target.rule.op.wantsHigher
        switch target.rule.measure {
        case .level, .multipleOf:
            guard let base = baseObservation(observed, latestYear: latest.year),
                  let m = ProgressMeasure(base: base.value, baseYear: base.year, latest: latest.value, latestYear: latest.year,
                                          target: threshold, targetYear: target.year, higherIsBetter: higherIsBetter) else { return (nil, nil, nil, nil) }
            return (m.observedGrowth, m.requiredGrowth, m.ratio, m.projectedProgressScore)
        case .averageGrowth(let from, let rate):
            guard let base = observed[from], latest.year > from,
                  let m = ProgressMeasure(base: base, baseYear: from, latest: latest.value, latestYear: latest.year,
                                          target: base * Foundation.pow(1 + rate, Double(target.year - from)), targetYear: target.year,
                                          higherIsBetter: higherIsBetter) else { return (nil, nil, nil, nil) }
            return (m.observedGrowth, m.requiredGrowth, m.ratio, m.projectedProgressScore)
        case .cumulative(let from, let total):
            let years = observed.keys.filter { $0 >= from && $0 <= latest.year }
            guard !years.isEmpty, target.year > latest.year else { return (nil, nil, nil, nil) }
            let sum = years.reduce(0) { $0 + observed[$1]! }
            let observedRate = sum / Double(years.count)
            let requiredRate = (total - sum) / Double(target.year - latest.year)
            guard requiredRate > 0 else { return (nil, nil, nil, nil) }
            return (nil, nil, observedRate / requiredRate, nil)
        }
    }

    /// The constant annual growth from the latest observation that meets the target exactly.
    static func growthNeeded(_ target: Target, threshold: Double, observed: [Int: Double], latest: (year: Int, value: Double)) -> Double? {
        let years = target.year - latest.year
        guard years > 0, latest.value > 0 else { return nil }
        switch target.rule.measure {
        case .level, .multipleOf:
            return threshold > 0 ? Foundation.pow(threshold / latest.value, 1 / Double(years)) - 1 : nil
        case .averageGrowth(let from, let rate):
            guard let base = observed[from] else { return nil }
            return Foundation.pow(base * Foundation.pow(1 + rate, Double(target.year - from)) / latest.value, 1 / Double(years)) - 1
        case .cumulative(let from, let total):
            let sum = observed.filter { $0.key >= from && $0.key <= latest.year }.values.reduce(0, +)
            let remaining = total - sum  // the total still to come
            guard remaining > 0 else { return nil }
            // Σ_{k=1}^{years} latest·(1+g)^k = remaining, increasing in g: bisection.
            func flows(_ g: Double) -> Double { (1...years).reduce(0) { $0 + latest.value * Foundation.pow(1 + g, Double($1)) } }
            var low = -0.99, high = 10.0
            guard flows(low) <= remaining, flows(high) >= remaining else { return nil }
            for _ in 0..<200 { let mid = (low + high) / 2; if flows(mid) < remaining { low = mid } else { high = mid } }
            return (low + high) / 2
        }
    }

    /// The first year in which the median of the measure meets the target (observations first).
    static func firstYearMet(_ target: Target, threshold: Double, simulation s: ScenarioSimulation, observedYears: [Int]) -> Int? {
        guard let first = observedYears.first else { return nil }
        for year in first...s.lastYear {
            switch measure(target, year: year, simulation: s) {
            case .observed(let v)?:
                if target.rule.op.isSatisfied(by: v, threshold: threshold) { return year }
            case .paths(let values)?:
                let median = PathQuantiles.of(values, at: [0.5])[0]
                if median.isFinite && target.rule.op.isSatisfied(by: median, threshold: threshold) { return year }
            case nil:
                continue
            }
        }
        return nil
    }
}

extension ProgressMeasure {
    /// The status for a progress ratio, with Eurostat / Open SDG thresholds.
    static func status(ratio: Double, _ thresholds: Thresholds = .init()) -> TargetStatus {
        if ratio >= thresholds.onTrack { return .onTrack }
        if ratio >= thresholds.moderate { return .moderateProgress }
        if ratio >= 0 { return .insufficientProgress }
        return .movingAway
    }
}
