/// Which family `auto` chose for a series, among which, and why.
public struct TrendSelection: Sendable {
    public let seriesID: String
    /// The chosen family; nil when no candidate could be fitted.
    public let chosen: TrendFamily?
    /// Why: the criterion, its value and the number of points it rests on.
    public let reason: String
    /// Every candidate that could be fitted on all the data, in candidate order.
    public let fits: [TrendFit]
    /// Candidates that could not apply, with the reason.
    public let skipped: [(family: TrendFamily, error: TrendError)]
    /// Rolling-origin accuracy of each fitted candidate (empty when there were too few points).
    public let accuracy: [TrendFamily: ForecastAccuracy]

    /// The fit of the chosen family.
    public var chosenFit: TrendFit? { fits.first { $0.family == chosen } }
}

extension RollingOrigin.SeriesRun {
    /// The `auto` choice with the information available at `origin`: by rolling-origin MASE over forecasts
    /// whose target years are not after `origin` when at least `pointsForCrossValidation` points are known,
    /// otherwise by AICc; ties go to the lower AICc.
    func choice(at origin: Int, candidates: [TrendFamily], options: TrendOptions) -> (family: TrendFamily?, reason: String, accuracy: [TrendFamily: ForecastAccuracy]) {
        guard let here = outcomes[origin] else { return (nil, "no fit at \(origin)", [:]) }
        let points = years.filter { $0 <= origin }.count
        let fitted = candidates.compactMap { family -> (TrendFamily, RollingOrigin.Outcome)? in
            guard case .success(let outcome)? = here[family] else { return nil }
            return (family, outcome)
        }
        guard !fitted.isEmpty else { return (nil, "no candidate family could be fitted", [:]) }
        var accuracy: [TrendFamily: ForecastAccuracy] = [:]
        if points >= options.pointsForCrossValidation {
            for (family, _) in fitted {
                let records = outcomes.filter { $0.key < origin }.sorted { $0.key < $1.key }.flatMap { entry -> [ForecastRecord] in
                    guard case .success(let outcome)? = entry.value[family] else { return [] }
                    return outcome.records.filter { $0.year <= origin }
                }
                if !records.isEmpty { accuracy[family] = ForecastAccuracy(records) }
            }
            let scored = fitted.filter { accuracy[$0.0].map { $0.mase.isFinite } ?? false }
            if let best = scored.min(by: { lhs, rhs in
                let (a, b) = (accuracy[lhs.0]!.mase, accuracy[rhs.0]!.mase)
                return a != b ? a < b : lhs.1.aicc < rhs.1.aicc
            }) {
                let score = accuracy[best.0]!
                let reason = "cross-validation: lowest MASE \(Self.format(score.mase)) over \(score.count) rolling-origin forecasts (\(points) points)"
                return (best.0, reason, accuracy)
            }
        }
        let ranked = fitted.filter { $0.1.aicc.isFinite }
        guard let best = ranked.min(by: { $0.1.aicc < $1.1.aicc }) else {
            return (fitted[0].0, "AICc undefined with \(points) points; the simplest candidate, \(fitted[0].0.name), used", accuracy)
        }
        let why = points >= options.pointsForCrossValidation ? "no cross-validation score" : "fewer than \(options.pointsForCrossValidation) points for cross-validation"
        return (best.0, "AICc: lowest \(Self.format(best.1.aicc)) (\(points) points; \(why))", accuracy)
    }

    static func format(_ x: Double) -> String {
        let rounded = (x * 1000).rounded() / 1000
        return "\(rounded)"
    }
}

extension TrendFitter {
    /// Chooses a family per series among `candidates` (`auto`), recording every fit, every skipped family
    /// with its reason, and the cross-validation scores behind the choice.
    public static func select(_ series: [TrendSeries], candidates: [TrendFamily]? = nil,
                              options: TrendOptions = .init()) -> [TrendSelection] {
        let candidates = candidates ?? options.autoCandidates
        var placeholders = [Result<TrendFit, TrendError>?](repeating: nil, count: series.count)
        var selections = [TrendSelection?](repeating: nil, count: series.count)
        for group in groupBySharedYears(series, options: options, results: &placeholders) {
            let runs = RollingOrigin.run(years: group.years, ids: group.members.map { series[$0].id }, values: group.values,
                                         families: candidates, options: options)
            for (k, index) in group.members.enumerated() {
                selections[index] = selection(from: runs[k], candidates: candidates, options: options)
            }
        }
        for (index, problem) in placeholders.enumerated() {
            if case .failure(let error)? = problem {
                selections[index] = TrendSelection(seriesID: series[index].id, chosen: nil, reason: error.description, fits: [],
                                                   skipped: candidates.map { ($0, error) }, accuracy: [:])
            }
        }
        return selections.map { $0! }
    }

    /// `select` for one series.
    public static func select(_ series: TrendSeries, candidates: [TrendFamily]? = nil,
                              options: TrendOptions = .init()) -> TrendSelection {
        select([series], candidates: candidates, options: options)[0]
    }

    static func selection(from run: RollingOrigin.SeriesRun, candidates: [TrendFamily], options: TrendOptions) -> TrendSelection {
        guard let last = run.years.last, let final = run.outcomes[last] else {
            let error = TrendError.tooFewPoints(series: run.id, family: "auto", points: run.years.count, needed: 1)
            return TrendSelection(seriesID: run.id, chosen: nil, reason: error.description, fits: [], skipped: candidates.map { ($0, error) }, accuracy: [:])
        }
        let choice = run.choice(at: last, candidates: candidates, options: options)
        var fits: [TrendFit] = [], skipped: [(TrendFamily, TrendError)] = []
        for family in candidates {
            switch final[family] {
            case .success(let outcome)?: fits.append(outcome.fit)
            case .failure(let error)?: skipped.append((family, error))
            case nil: break
            }
        }
        return TrendSelection(seriesID: run.id, chosen: choice.family, reason: choice.reason, fits: fits, skipped: skipped, accuracy: choice.accuracy)
    }
}
