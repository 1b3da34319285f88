import Common
import Foundation
import Studies

/// Assesses one target under one scenario, by the target's own rule: a level, a multiple of a base year,
/// a sum over years, or an average growth rate.
enum FeasibilityAssessment {
    /// Values for the years of a cumulative window that have no observation although later years do
    /// (a gap in the history): linear between the nearest observations before and after, or the nearest one
    /// at an end. Empty for the other measures. Counting a missing year as zero would understate the sum.
    static func filledYears(_ target: Target, observed: [Int: Double]) -> [Int: Double] {
        guard case .cumulative(let from, _) = target.rule.measure, let last = observed.keys.max(), last >= from else { return [:] }
        let years = observed.keys.sorted()
        var filled: [Int: Double] = [:]
        for year in from...min(last, target.year) where observed[year] == nil {
            let before = years.last { $0 < year }, after = years.first { $0 > year }
            switch (before, after) {
            case let (b?, a?):
                filled[year] = observed[b]! + (observed[a]! - observed[b]!) * Double(year - b) / Double(a - b)
            case let (b?, nil): filled[year] = observed[b]!
            case let (nil, a?): filled[year] = observed[a]!
            case (nil, nil): break
            }
        }
        return filled
    }

    /// The target's measure in `year`: one value per path, or nil when it cannot be known.
    static func measure(_ target: Target, year: Int, simulation s: ScenarioSimulation) -> ScenarioSimulation.Value? {
        switch target.rule.measure {
        case .level, .multipleOf:
            return s.value(target.indicator, year: year)
        case .cumulative(let from, _):
            guard year >= from else { return nil }
            let filled = filledYears(target, observed: s.observed[target.indicator] ?? [:])
            var total = ScenarioSimulation.Value.observed(0)
            for y in from...year {
                guard let v = s.value(target.indicator, year: y) ?? filled[y].map({ .observed($0) }) else { return nil }
                total = combine(total, v, count: s.pathCount, +)
            }
            return total
        case .averageGrowth(let from, _):
            guard year > from, let start = s.value(target.indicator, year: from), let end = s.value(target.indicator, year: year) else { return nil }
            let years = year - from
            return combine(end, start, count: s.pathCount) { CompoundGrowth.rate(from: $1, to: $0, years: years) }
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

    /// The level a target asks for in its year: the threshold, or for an average growth the level that growth
    /// reaches from its base; nil for a sum over years.
    static func levelTarget(_ target: Target, threshold: Double, observed: [Int: Double]) -> Double? {
        switch target.rule.measure {
        case .level, .multipleOf: return threshold
        case .averageGrowth(let from, let rate): return observed[from].map { CompoundGrowth.project($0, rate: rate, years: target.year - from) }
        case .cumulative: return nil
        }
    }

    static func assess(_ target: Target, scenario: String, simulation s: ScenarioSimulation) -> FeasibilityRow {
        let observed = s.observed[target.indicator] ?? [:]
        let indicator = s.study.indicator(id: target.indicator)
        let kind = indicator?.kind ?? .level
        let latest = observed.max { $0.key < $1.key }
        let settle = settledBy(target)
        var notes = boundNotes(target, study: s.study)
        guard let latest else {
            // No value at all; a bound (or a derived indicator's published value) in the target year may still settle it.
            if case .level(let threshold) = target.rule.measure, let outcome = s.study.outcome(of: target.indicator, in: target.year) {
                let met = outcome.settles(target.rule.op, threshold: threshold)
                notes.append(outcomeNote(outcome, target: target, threshold: threshold, settled: met))
                let value = outcome.qualifier.isBound ? nil : outcome.value
                return FeasibilityRow(
                    scenario: scenario, target: target, targetValue: threshold, latestYear: nil, latestValue: nil,
                    metAtLatest: nil, projected: value, lo80: value, hi80: value, lo95: value, hi95: value, pMeet: met.map { $0 ? 1 : 0 },
                    verdict: Verdict(pMeet: met.map { $0 ? 1 : 0 }, observed: true, approximate: outcome.qualifier == .approximate, hasData: true),
                    gap: value.map { $0 - threshold }, pace: nil, observedGrowth: nil, requiredGrowth: nil, progressRatio: nil, status: .insufficientData,
                    projectedProgressScore: nil, anticipatedProgress: nil, yearMet: nil, growthNeeded: nil, impliedPace: nil,
                    settledBy: met == nil ? settle : nil, notes: notes, outcome: outcome)
            }
            return FeasibilityRow(
                scenario: scenario, target: target, targetValue: threshold(target, observed: observed), latestYear: nil, latestValue: nil,
                metAtLatest: nil, projected: nil, lo80: nil, hi80: nil, lo95: nil, hi95: nil, pMeet: nil, verdict: .noData, gap: nil,
                pace: nil, observedGrowth: nil, requiredGrowth: nil, progressRatio: nil, status: .noData, projectedProgressScore: nil,
                anticipatedProgress: nil, yearMet: nil, growthNeeded: nil, impliedPace: impliedPace(target, kind: kind),
                settledBy: settle, notes: notes)
        }
        guard let threshold = threshold(target, observed: observed) else {
            if case .multipleOf(let base, _) = target.rule.measure { notes.append("the base year \(base) is not observed") }
            return FeasibilityRow(
                scenario: scenario, target: target, targetValue: nil, latestYear: latest.key, latestValue: latest.value,
                metAtLatest: nil, projected: nil, lo80: nil, hi80: nil, lo95: nil, hi95: nil, pMeet: nil, verdict: .undetermined, gap: nil,
                pace: nil, observedGrowth: nil, requiredGrowth: nil, progressRatio: nil, status: .noData, projectedProgressScore: nil,
                anticipatedProgress: nil, yearMet: nil, growthNeeded: nil, impliedPace: impliedPace(target, kind: kind),
                settledBy: settle, notes: notes)
        }
        let op = target.rule.op
        let filled = filledYears(target, observed: observed)
        for year in filled.keys.sorted() {
            notes.append("\(year) not observed: its value in the sum is taken as \(NumberText.significant(filled[year]!)), from the observations around it")
        }

        // The measure in the target year, over the paths.
        var quantiles: [Double]? = nil   // median, 10%, 90%, 2.5%, 97.5%
        var pMeet: Double? = nil
        var targetYearObserved = false
        var approximate = false
        var outcome: Outcome? = nil
        var pathValues: [Double]? = nil
        switch measure(target, year: target.year, simulation: s) {
        case .observed(let v)?:
            quantiles = [v, v, v, v, v]
            pMeet = op.isSatisfied(by: v, threshold: threshold) ? 1 : 0
            targetYearObserved = true
            approximate = readsApproximateValue(target, study: s.study)
            outcome = Outcome(value: v, qualifier: approximate ? .approximate : .exact, indicator: target.indicator, year: target.year)
        case .paths(let values)?:
            let q = PathQuantiles.of(values, at: [0.5, 0.1, 0.9, 0.025, 0.975])
            if !q[0].isNaN {
                quantiles = q
                let valid = values.filter { !$0.isNaN }
                pMeet = Double(valid.filter { op.isSatisfied(by: $0, threshold: threshold) }.count) / Double(valid.count)
                pathValues = valid
            }
        case nil:
            notes.append("the measure in \(target.year) cannot be computed from the observations and projections")
        }
        // The target year given only as a bound, or (for a derived indicator) as its published value: the paths
        // hold no observation of it, so it settles the target here when it can.
        if !targetYearObserved, isLevel(target), let found = s.study.outcome(of: target.indicator, in: target.year) {
            outcome = found
            let met = found.settles(op, threshold: threshold)
            var note = outcomeNote(found, target: target, threshold: threshold, settled: met)
            if let met {
                pMeet = met ? 1 : 0
                targetYearObserved = true
                approximate = found.qualifier == .approximate
                quantiles = found.qualifier.isBound ? nil : Array(repeating: found.value, count: 5)
            } else {
                pMeet = nil
                if case .bound(let side) = found.qualifier, let values = pathValues {
                    let inside = values.filter { side.isSatisfied(by: $0, threshold: found.value) }
                    if !inside.isEmpty {
                        let share = Double(inside.filter { op.isSatisfied(by: $0, threshold: threshold) }.count) / Double(inside.count)
                        note += "; of the paths \(side.sign) \(NumberText.plain(found.value)) (\(NumberText.percent(Double(inside.count) / Double(values.count))) of them), \(NumberText.percent(share)) meet it"
                    }
                }
            }
            notes.append(note)
        }
        // A share simulated inside (0, cap) comes ever closer to its cap and never reaches it: a target at
        // the cap has probability 0 by construction, which says nothing about the plan.
        if !targetYearObserved, pMeet != nil, case .logit(let cap)? = s.scale(of: target.indicator), op.wantsHigher,
           threshold >= cap, !isCumulative(target) {
            pMeet = nil
            notes.append("the target is the cap (\(NumberText.plain(cap))): a projection of a share approaches it but never reaches it, so no probability is given; an observation of \(NumberText.plain(cap)) settles it")
        }

        let verdict = Verdict(pMeet: pMeet, observed: targetYearObserved, approximate: approximate, hasData: true)
        let projected = quantiles?[0]
        let yearMet = firstYearMet(target, threshold: threshold, simulation: s, observedYears: observed.keys.sorted())
        let progress = progressMeasures(target, threshold: threshold, observed: observed.merging(filled) { a, _ in a },
                                        latest: (latest.key, latest.value))
        let status: TargetStatus
        let met = alreadyAchieved(target, threshold: threshold, observed: observed, latestYear: latest.key)
        if met {
            // A rate or a yearly flow met before the target year says nothing of the target year itself.
            status = (kind == .rate || kind == .flow) && latest.key < target.year && !isCumulative(target) ? .onTrack : .achieved
        } else if let ratio = progress.ratio {
            status = ProgressMeasure.status(ratio: ratio)
        } else {
            status = .insufficientData
        }
        var anticipated: AnticipatedProgress? = nil
        if target.year > latest.key, let level = levelTarget(target, threshold: threshold, observed: observed) {
            let base: Int
            if case .averageGrowth(let from, _) = target.rule.measure { base = from } else { base = s.study.baseYear }
            anticipated = AnticipatedProgress(observed: observed, baseYear: base, target: level, targetYear: target.year, op: op)
        }
        return FeasibilityRow(
            scenario: scenario, target: target, targetValue: threshold, latestYear: latest.key, latestValue: latest.value,
            metAtLatest: metAtLatest(target, threshold: threshold, observed: observed, latestYear: latest.key),
            projected: projected, lo80: quantiles?[1], hi80: quantiles?[2], lo95: quantiles?[3], hi95: quantiles?[4],
            pMeet: pMeet, verdict: verdict, gap: projected.map { $0 - threshold },
            pace: targetYearObserved ? nil
                : pace(target, kind: kind, threshold: threshold, observed: observed, filled: filled, latest: (latest.key, latest.value),
                       projectedMeasure: projected, simulation: s),
            observedGrowth: progress.observed, requiredGrowth: progress.required, progressRatio: progress.ratio, status: status,
            projectedProgressScore: progress.unsd, anticipatedProgress: anticipated, yearMet: yearMet,
            growthNeeded: kind == .share || kind == .rate ? nil
                : growthNeeded(target, threshold: threshold, observed: observed.merging(filled) { a, _ in a }, latest: (latest.key, latest.value)),
            impliedPace: nil, settledBy: nil, notes: notes, outcome: outcome)
    }

    /// Whether the target compares the indicator's own value in its year (a level, or a multiple of a base).
    static func isLevel(_ target: Target) -> Bool {
        switch target.rule.measure {
        case .level, .multipleOf: return true
        case .cumulative, .averageGrowth: return false
        }
    }

    /// Whether the observed measure reads an approximate value: the target year's, the base year's of a
    /// multiple or an average growth, or any year's of a sum.
    static func readsApproximateValue(_ target: Target, study: Study) -> Bool {
        let approximate = study.approximateYears(for: target.indicator)
        guard !approximate.isEmpty else { return false }
        switch target.rule.measure {
        case .level: return approximate.contains(target.year)
        case .multipleOf(let base, _), .averageGrowth(let base, _): return approximate.contains(target.year) || approximate.contains(base)
        case .cumulative(let from, _): return approximate.contains { $0 >= from && $0 <= target.year }
        }
    }

    /// `the 2025 outcome is > 70000 (a bound, not a value), which does not settle ≥ 75000`.
    static func outcomeNote(_ outcome: Outcome, target: Target, threshold: Double, settled: Bool?) -> String {
        let rule = "\(target.rule.op.sign) \(NumberText.plain(threshold))"
        var text = "the \(outcome.year) outcome is \(outcome.text)"
        if outcome.indicator != target.indicator { text += ", the published value of \(target.indicator) (\(outcome.indicator))" }
        if outcome.qualifier.isBound {
            text += " (a bound, not a value), which "
            switch settled {
            case true?: text += "settles \(rule) as met"
            case false?: text += "settles \(rule) as missed"
            case nil: text += "does not settle \(rule)"
            }
        }
        return text
    }

    /// The bounds of the target's indicator in other years than the target's: said, since they are not used.
    static func boundNotes(_ target: Target, study: Study) -> [String] {
        let others = study.bounds(for: target.indicator).filter { $0.year != target.year }
        guard !others.isEmpty else { return [] }
        let list = others.map { o -> String in
            guard case .bound(let side) = o.qualifier else { return "\(o.year) \(NumberText.plain(o.value))" }
            return "\(o.year) \(side.sign) \(NumberText.plain(o.value))"
        }
        return ["observed only as bounds, which are not values: " + list.joined(separator: ", ")]
    }

    static func isCumulative(_ target: Target) -> Bool {
        if case .cumulative = target.rule.measure { return true } else { return false }
    }

    /// Whether the latest observation meets the target, as a fact: a level or multiple compared in the
    /// latest year; a sum observed in full up to the latest year that already reaches its total; an average
    /// growth only once its year is observed. Nil when the latest value alone cannot show it.
    static func metAtLatest(_ target: Target, threshold: Double, observed: [Int: Double], latestYear: Int) -> Bool? {
        switch target.rule.measure {
        case .level, .multipleOf: break
        case .cumulative(let from, _):
            guard latestYear >= from, (from...latestYear).allSatisfy({ observed[$0] != nil }) else { return nil }
        case .averageGrowth:
            guard latestYear >= target.year else { return nil }
        }
        return alreadyAchieved(target, threshold: threshold, observed: observed, latestYear: latestYear)
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
            return op.isSatisfied(by: CompoundGrowth.rate(from: a, to: b, years: target.year - from), threshold: threshold)
        }
    }

    /// The pace needed from the latest observation to the target year, and the median projection's pace over
    /// the same years, in the target's terms (see `FeasibilityRow.Pace`).
    static func pace(_ target: Target, kind: IndicatorKind, threshold: Double, observed: [Int: Double], filled: [Int: Double],
                     latest: (year: Int, value: Double), projectedMeasure: Double?, simulation s: ScenarioSimulation) -> FeasibilityRow.Pace? {
        let years = Double(target.year - latest.year)
        guard years > 0 else { return nil }
        switch target.rule.measure {
        case .cumulative(let from, _):
            let known = observed.merging(filled) { a, _ in a }.filter { $0.key >= from && $0.key <= latest.year }.values.reduce(0, +)
            // The years still to come in the window: all of it when the latest observation is before it.
            let remaining = Double(target.year - max(latest.year, from - 1))
            return .init(needed: (threshold - known) / remaining, projected: projectedMeasure.map { ($0 - known) / remaining }, unit: .flow)
        case .level, .multipleOf, .averageGrowth:
            guard let level = levelTarget(target, threshold: threshold, observed: observed) else { return nil }
            var projectedLevel: Double? = nil
            switch s.value(target.indicator, year: target.year) {
            case .observed(let v)?: projectedLevel = v
            case .paths(let p)?: projectedLevel = PathQuantiles.of(p, at: [0.5])[0]
            case nil: break
            }
            if let l = projectedLevel, !l.isFinite { projectedLevel = nil }
            if kind == .share || kind == .rate || latest.value <= 0 || level <= 0 {
                return .init(needed: (level - latest.value) / years, projected: projectedLevel.map { ($0 - latest.value) / years }, unit: .points)
            }
            func growth(_ to: Double) -> Double { CompoundGrowth.rate(from: latest.value, to: to, years: years) }
            return .init(needed: growth(level), projected: projectedLevel.flatMap { $0 > 0 ? growth($0) : nil }, unit: .growth)
        }
    }

    /// For a target without data: the pace its own terms imply from their base.
    static func impliedPace(_ target: Target, kind: IndicatorKind) -> FeasibilityRow.ImpliedPace? {
        switch target.rule.measure {
        case .multipleOf(let base, let factor):
            guard target.year > base, factor > 0 else { return nil }
            return .init(value: CompoundGrowth.rate(from: 1, to: factor, years: Double(target.year - base)), unit: .growth, fromYear: base)
        case .cumulative(let from, let total):
            guard target.year >= from else { return nil }
            return .init(value: total / Double(target.year - from + 1), unit: .flow, fromYear: from)
        case .averageGrowth(let from, let rate):
            return .init(value: rate, unit: .growth, fromYear: from)
        case .level:
            return nil
        }
    }

    /// Which observations of the target's indicator would settle it, in words.
    static func settledBy(_ target: Target) -> String {
        switch target.rule.measure {
        case .level:
            return "the \(target.year) value"
        case .multipleOf(let base, _), .averageGrowth(let base, _):
            return "the \(base) and \(target.year) values"
        case .cumulative(let from, _):
            return "the yearly values \(from)-\(target.year)"
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
                                          target: CompoundGrowth.project(base, rate: rate, years: target.year - from), targetYear: target.year,
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
            return threshold > 0 ? CompoundGrowth.rate(from: latest.value, to: threshold, years: years) : nil
        case .averageGrowth(let from, let rate):
            guard let base = observed[from] else { return nil }
            return CompoundGrowth.rate(from: latest.value, to: CompoundGrowth.project(base, rate: rate, years: target.year - from), years: years)
        case .cumulative(let from, let total):
            let sum = observed.filter { $0.key >= from && $0.key <= latest.year }.values.reduce(0, +)
            let remaining = total - sum  // the total still to come
            guard remaining > 0 else { return nil }
            // Σ_{k=1}^{years} latest·(1+g)^k = remaining, increasing in g: bisection.
            func flows(_ g: Double) -> Double { CompoundGrowth.cumulativeFlows(from: latest.value, rate: g, years: years) }
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
