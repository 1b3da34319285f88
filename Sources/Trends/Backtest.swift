import Common
import Synchronization
/// Out-of-sample accuracy of each family, and of `auto`, by forecast horizon.
public struct Backtest: Sendable {
    /// One line of the table: a method (a family's name or `auto`) at one horizon, or all horizons (`nil`).
    public struct Row: Sendable {
        public let method: String
        public let horizon: Int?
        public let accuracy: ForecastAccuracy
    }

    /// One out-of-sample forecast of one series by one method; for `auto`, `family` is the family it chose.
    public struct Forecast: Sendable {
        public let series: String
        public let method: String
        public let family: String
        public let record: ForecastRecord
    }

    public let seriesCount: Int
    /// Methods in display order: each family, then `select` and `auto` (when scored).
    public let methods: [String]
    public let rows: [Row]
    /// Every forecast scored, by method in display order, then series, origin and year (empty when the
    /// backtest was asked not to keep them).
    public let forecasts: [Forecast]
    /// Series that could not be evaluated, with the reason.
    public let skipped: [(series: String, reason: String)]

    /// The number of forecasts scored, over every method and horizon.
    public var scoredCount: Int { rows.filter { $0.horizon == nil }.reduce(0) { $0 + $1.accuracy.count } }

    /// The row for a method over all horizons.
    public func overall(_ method: String) -> ForecastAccuracy? {
        rows.first { $0.method == method && $0.horizon == nil }?.accuracy
    }
}

extension TrendFitter {
    /// The series a backtest holds in memory at once (whole panels; a larger panel is one chunk of its own):
    /// fits and records are made, scored and dropped a chunk at a time, so memory does not grow with the file.
    public static let backtestChunk = 1024

    /// Rolling-origin backtest over many series: every family in `families`; `select` choosing among
    /// `candidates` at each origin with only what was known then; and `auto`, the combination, its intervals
    /// calibrated at each origin year only by errors of forecasts whose target year is not after it (of every
    /// series of the call, as live calibration pools them). `select` and `auto` are scored when `methods`
    /// names them (every method by default). Every forecast is kept in ``Backtest/forecasts`` only when
    /// `keepForecasts`; the scores are summed as the forecasts are made.
    public static func backtest(
        _ series: [TrendSeries],
        families: [TrendFamily] = TrendFamily.all,
        candidates: [TrendFamily]? = nil,
        options: TrendOptions = .init(),
        validation: ValidationOptions = .init(),
        pool: ForecastPool = .standard,
        calibration: CalibrationOptions = .init(),
        select: Bool = true,
        auto: Bool = true,
        keepForecasts: Bool = true,
        chunkSize: Int = backtestChunk,
        progress: (@Sendable (Double) -> Void)? = nil
    ) -> Backtest {
        let candidates = candidates ?? options.autoCandidates
        let evaluated = families + (select ? candidates.filter { !families.contains($0) } : [])
        let methods = families.map(\.name) + (select ? ["select"] : []) + (auto ? ["auto"] : [])
        let horizons = validation.horizon
        let selectPosition = select ? families.count : nil
        // Each chunk scored on its own (in parallel), its sums added to the others' in chunk order: the
        // chunks depend on `chunkSize` alone, so the scores do not depend on the number of threads.
        let chunks = backtestChunks(series, size: chunkSize)
        let done = Atomic<Int>(0)
        let scored = Parallel.map(chunks.count) { c -> BacktestChunkScores in
            let chunk = chunks[c]
            var scores = BacktestChunkScores(methods: methods.count, horizons: horizons)
            func score(_ method: Int, _ family: TrendFamily, _ index: Int, _ record: ForecastRecord) {
                scores.add(method, record)
                if keepForecasts {
                    scores.keep(method, index, .init(series: series[index].id, method: methods[method], family: family.name, record: record))
                }
            }
            let members = chunk.map { series[$0] }
            var placeholders = [Result<TrendFit, TrendError>?](repeating: nil, count: members.count)
            let runs = RollingOrigin.run(members, families: evaluated, options: options, validation: validation, keepFits: false,
                                         results: &placeholders)
            var panelCalibration = PanelCalibration(runs: select ? runs.panels(members) : [:])
            for (local, run) in runs.bySeries {
                let index = chunk[local]
                let origins = run.origins.dropLast()
                if origins.isEmpty { scores.short.append((index, "fewer than \(validation.minimumTrainingPoints + 1) observations")) }
                for origin in origins {
                    for (m, family) in families.enumerated() {
                        if case .success(let outcome)? = run.outcomes[origin]?[family] { for r in outcome.records { score(m, family, index, r) } }
                    }
                    guard let selectPosition else { continue }
                    let choice = run.choice(at: origin, candidates: candidates, validation: validation)
                    if let chosen = choice.family, case .success(let outcome)? = run.outcomes[origin]?[chosen] {
                        let factors = panelCalibration.factors(chosen, panel: members[local].panelKey, at: origin, horizons: horizons)
                        for r in outcome.records { score(selectPosition, chosen, index, r.widened(by: PanelCalibration.factor(factors, yearsAhead: r.horizon))) }
                    }
                }
            }
            for (local, problem) in placeholders.enumerated() {
                if case .failure(let error)? = problem { scores.failed.append((chunk[local], error.description)) }
            }
            let finished = done.add(chunk.count, ordering: .relaxed).newValue
            progress?((auto ? 0.7 : 1) * Double(finished) / Double(max(1, series.count)))
            return scores
        }
        var total = BacktestChunkScores(methods: methods.count, horizons: horizons)
        var kept = keepForecasts ? [[[Backtest.Forecast]]](repeating: .init(repeating: [], count: series.count), count: methods.count) : []
        for chunk in scored {
            total.merge(chunk)
            for (m, list) in chunk.kept.enumerated() { for (index, forecasts) in list { kept[m][index] = forecasts } }
        }
        if auto {
            let m = methods.count - 1
            combinationBacktest(series, options: options, validation: validation, pool: pool, calibration: calibration) { index, record in
                total.add(m, record)
                if keepForecasts { kept[m][index].append(.init(series: series[index].id, method: "auto", family: TrendFamily.combination.name, record: record)) }
            }
        }
        progress?(1)
        var rows: [Backtest.Row] = []
        for (m, method) in methods.enumerated() {
            for horizon in 1...horizons { rows.append(.init(method: method, horizon: horizon, accuracy: total.sums[m][horizon].accuracy)) }
            rows.append(.init(method: method, horizon: nil, accuracy: total.sums[m][0].accuracy))
        }
        let skippedInOrder = [total.short, total.failed].flatMap { list in list.sorted { $0.index < $1.index }.map { (series[$0.index].id, $0.reason) } }
        return Backtest(seriesCount: series.count, methods: methods, rows: rows, forecasts: kept.flatMap { $0.flatMap { $0 } },
                        skipped: skippedInOrder)
    }

    /// The scores of one chunk of a backtest: per method, the sums of every horizon (0) and of each horizon
    /// (1…horizons); the forecasts kept, by series; the series skipped, too short or unreadable.
    struct BacktestChunkScores: Sendable {
        var sums: [[ForecastAccuracy.Accumulator]]
        var kept: [[(index: Int, forecasts: [Backtest.Forecast])]]
        var short: [(index: Int, reason: String)] = [], failed: [(index: Int, reason: String)] = []

        init(methods: Int, horizons: Int) {
            sums = .init(repeating: .init(repeating: .init(), count: horizons + 1), count: methods)
            kept = .init(repeating: [], count: methods)
        }

        mutating func add(_ method: Int, _ record: ForecastRecord) {
            sums[method][0].add(record)
            if record.horizon >= 1 && record.horizon < sums[method].count { sums[method][record.horizon].add(record) }
        }

        /// Keeps a forecast of series `index` (a series' forecasts come together, origin after origin).
        mutating func keep(_ method: Int, _ index: Int, _ forecast: Backtest.Forecast) {
            if kept[method].last?.index == index { kept[method][kept[method].count - 1].forecasts.append(forecast) }
            else { kept[method].append((index, [forecast])) }
        }

        /// Adds another chunk's sums and skipped series (the kept forecasts are gathered by the caller).
        mutating func merge(_ other: BacktestChunkScores) {
            for m in sums.indices { for h in sums[m].indices { sums[m][h].merge(other.sums[m][h]) } }
            short += other.short
            failed += other.failed
        }
    }

    /// The series in chunks of about `size`, each made of whole panels (a panel's calibration pools
    /// its series), panels in the order of their first series, series in order within a panel.
    static func backtestChunks(_ series: [TrendSeries], size: Int) -> [[Int]] {
        var order: [String] = [], members: [String: [Int]] = [:]
        for (i, s) in series.enumerated() {
            if members[s.panelKey] == nil { order.append(s.panelKey) }
            members[s.panelKey, default: []].append(i)
        }
        var chunks: [[Int]] = [], current: [Int] = []
        for panel in order {
            let list = members[panel]!
            if !current.isEmpty && current.count + list.count > size { chunks.append(current); current = [] }
            current += list
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }

    /// The combination's out-of-sample forecasts from every origin with at least `minimumTrainingPoints`
    /// observations, each with the interval the law of that origin year gives: errors of every series whose
    /// target years are not after it (computed from origins with at least `calibration.minimumTrainingPoints`).
    static func combinationBacktest(_ series: [TrendSeries], options: TrendOptions, validation: ValidationOptions, pool: ForecastPool,
                                    calibration: CalibrationOptions, _ body: (_ index: Int, ForecastRecord) -> Void) {
        let horizons = validation.horizon
        let usable = series.map { try? $0.usable(excluding: options.excludedYears) }
        let histories = Parallel.map(series.count) { i -> CombinationHistory? in
            guard let u = usable[i] else { return nil }
            return CombinationHistory.of(years: u.years, values: u.values, options: options, pool: pool,
                                         minimumPoints: min(calibration.minimumTrainingPoints, validation.minimumTrainingPoints),
                                         maximumOrigins: nil, horizons: horizons)
        }
        let originYears = Set(histories.flatMap { $0?.origins.map(\.year) ?? [] }).sorted()
        let laws = Dictionary(uniqueKeysWithValues: Parallel.map(originYears.count) { k in
            (originYears[k], CalibrationLaws(histories: histories, series: series, horizons: horizons, upTo: originYears[k]))
        })
        // Each series' law at each of its origins: every distinct (origin year, panel, training length) computed once.
        var requests: [Int: [(index: Int, points: Int)?]] = [:]
        for (i, history) in histories.enumerated() {
            guard let history, let u = usable[i] else { continue }
            for origin in history.origins {
                let trained = u.years.filter { $0 <= origin.year }.count
                if trained >= validation.minimumTrainingPoints { requests[origin.year, default: []].append((i, trained)) }
            }
        }
        var originLaws: [Int: [Int: ScaledErrorLaw]] = [:]
        for (year, list) in requests {
            guard let laws = laws[year] else { continue }
            for (request, law) in zip(list, laws.laws(for: list)) { originLaws[year, default: [:]][request!.index] = law }
        }
        for (i, history) in histories.enumerated() {
            guard let history, let u = usable[i] else { continue }
            for origin in history.origins {
                let trained = u.years.filter { $0 <= origin.year }.count
                guard trained >= validation.minimumTrainingPoints, let originLaw = originLaws[origin.year]?[i] else { continue }
                let trainValues = Array(u.values.prefix(trained))
                let law = originLaw.forSeries(pointCount: trained).law
                let mase = RollingOrigin.meanAbsoluteChange(trainValues)
                let bounds = options.bounds(for: trainValues)
                for f in origin.forecasts {
                    let distribution = PredictiveDistribution(location: history.transform.forward(f.point), scale: origin.scale,
                                                              law: .empirical(law.at(yearsAhead: f.year - origin.year)),
                                                              transform: history.transform, bounds: bounds)
                    body(i, ForecastRecord(origin: origin.year, year: f.year, actual: f.actual, forecast: f.point,
                                           distribution: distribution, scale: mase))
                }
            }
        }
    }
}
