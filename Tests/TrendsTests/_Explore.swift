import Foundation
import Testing
@testable import Trends

@Test func exploreBacktest() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/panels/province-panel.csv")
    let text = try String(contentsOf: url, encoding: .utf8)
    var byRegion: [String: [(Int, Double)]] = [:]
    for line in text.split(whereSeparator: \.isNewline).dropFirst() {
        let f = line.split(separator: ",", omittingEmptySubsequences: false)
        guard f[1] == "urbanization_rate" else { continue }
        byRegion[String(f[0]), default: []].append((Int(f[2])!, Double(f[3])!))
    }
    let series = byRegion.keys.sorted().map { k in
        let obs = byRegion[k]!.sorted { $0.0 < $1.0 }
        return TrendSeries(id: k, years: obs.map(\.0), values: obs.map(\.1))
    }
    let start = Date()
    let bt = TrendFitter.backtest(series, options: TrendOptions(capLimit: 100))
    print("elapsed", Date().timeIntervalSince(start))
    for m in bt.methods {
        let a = bt.overall(m)!
        print(m, a.count, "smape", a.smape, "mase", a.mase, "cov80", a.coverage80 ?? -1, "cov95", a.coverage95 ?? -1)
    }
}
@Test func exploreChoices() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/panels/province-panel.csv")
    let text = try String(contentsOf: url, encoding: .utf8)
    var byRegion: [String: [(Int, Double)]] = [:]
    for line in text.split(whereSeparator: \.isNewline).dropFirst() {
        let f = line.split(separator: ",", omittingEmptySubsequences: false)
        guard f[1] == "urbanization_rate" else { continue }
        byRegion[String(f[0]), default: []].append((Int(f[2])!, Double(f[3])!))
    }
    let series = byRegion.keys.sorted().map { k in
        let obs = byRegion[k]!.sorted { $0.0 < $1.0 }
        return TrendSeries(id: k, years: obs.map(\.0), values: obs.map(\.1))
    }
    let options = TrendOptions(capLimit: 100)
    var counts: [Int: [String: Int]] = [:]
    var errs: [Int: [String: Double]] = [:]
    for s in series {
        let usable = try s.usable(excluding: [])
        let run = RollingOrigin.run(years: usable.years, ids: [s.id], values: [usable.values], families: TrendFamily.autoCandidates(bounded: true), options: options)[0]
        for o in run.origins.dropLast() {
            let c = run.choice(at: o, candidates: TrendFamily.autoCandidates(bounded: true), options: options)
            counts[o, default: [:]][c.family!.name, default: 0] += 1
            if case .success(let out)? = run.outcomes[o]?[c.family!] { errs[o, default: [:]]["auto", default: 0] += out.records.map { abs($0.actual - $0.forecast) }.reduce(0,+) }
            for f in TrendFamily.autoCandidates(bounded: true) { if case .success(let out)? = run.outcomes[o]?[f] { errs[o, default: [:]][f.name, default: 0] += out.records.map { abs($0.actual - $0.forecast) }.reduce(0,+) } }
        }
    }
    for o in counts.keys.sorted() { print(o, counts[o]!.sorted { $0.key < $1.key }, errs[o]!.mapValues { ($0 * 10).rounded() / 10 }.sorted { $0.key < $1.key }) }
}
@Test func exploreRules() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/panels/province-panel.csv")
    let text = try String(contentsOf: url, encoding: .utf8)
    var byRegion: [String: [(Int, Double)]] = [:]
    for line in text.split(whereSeparator: \.isNewline).dropFirst() {
        let f = line.split(separator: ",", omittingEmptySubsequences: false)
        guard f[1] == "urbanization_rate" else { continue }
        byRegion[String(f[0]), default: []].append((Int(f[2])!, Double(f[3])!))
    }
    let series = byRegion.keys.sorted().map { k in
        let obs = byRegion[k]!.sorted { $0.0 < $1.0 }
        return TrendSeries(id: k, years: obs.map(\.0), values: obs.map(\.1))
    }
    let options = TrendOptions(capLimit: 100)
    var fams = TrendFamily.autoCandidates(bounded: true)
    var runs: [RollingOrigin.SeriesRun] = []
    for s in series { let u = try s.usable(excluding: []); runs += RollingOrigin.run(years: u.years, ids: [s.id], values: [u.values], families: TrendFamily.autoCandidates(bounded: true), options: options) }
    typealias Rule = (RollingOrigin.SeriesRun, Int) -> TrendFamily?
    func inner(_ run: RollingOrigin.SeriesRun, _ o: Int, _ f: TrendFamily, maxH: Int, lastK: Int) -> [ForecastRecord] {
        run.outcomes.filter { $0.key < o && $0.key >= o - lastK }.flatMap { e -> [ForecastRecord] in
            guard case .success(let out)? = e.value[f] else { return [] }
            return out.records.filter { $0.year <= o && $0.horizon <= maxH } }
    }
    func cvRule(maxH: Int, lastK: Int, metric: @escaping (ForecastAccuracy) -> Double) -> Rule {
        return { run, o in
            let scored = fams.compactMap { f -> (TrendFamily, Double)? in
                let r = inner(run, o, f, maxH: maxH, lastK: lastK); guard !r.isEmpty else { return nil }
                let v = metric(ForecastAccuracy(r)); return v.isFinite ? (f, v) : nil }
            if let b = scored.min(by: { $0.1 < $1.1 }) { return b.0 }
            return fams.compactMap { f -> (TrendFamily, Double)? in if case .success(let out)? = run.outcomes[o]?[f] { return (f, out.aicc) }; return nil }.min { $0.1 < $1.1 }?.0
        }
    }
    let rules: [(String, Rule)] = [
        ("current", { run, o in run.choice(at: o, candidates: fams, options: options).family }),
        ("aicc", { run, o in fams.compactMap { f -> (TrendFamily, Double)? in if case .success(let out)? = run.outcomes[o]?[f] { return (f, out.aicc) }; return nil }.min { $0.1 < $1.1 }?.0 }),
        ("mase h1", cvRule(maxH: 1, lastK: 99, metric: { $0.mase })),
        ("mase h5", cvRule(maxH: 5, lastK: 99, metric: { $0.mase })),
        ("mase last3", cvRule(maxH: 5, lastK: 3, metric: { $0.mase })),
        ("mase h1 last3", cvRule(maxH: 1, lastK: 3, metric: { $0.mase })),
        ("smape h5", cvRule(maxH: 5, lastK: 99, metric: { $0.smape })),
        ("mase h3", cvRule(maxH: 3, lastK: 99, metric: { $0.mase })),
    ]
    for (name, rule) in rules {
        for cands in [fams, [.linear, .polynomial(degree: 2), .logistic, .damped], [.linear, .logistic, .damped], [.linear, .compound, .logistic, .damped]] as [[TrendFamily]] {
        fams = cands
        var recs: [ForecastRecord] = []
        for run in runs { for o in run.origins.dropLast() { if let f = rule(run, o), case .success(let out)? = run.outcomes[o]?[f] { recs += out.records } } }
        let a = ForecastAccuracy(recs); print("RULE", name, cands.map(\.name), a.count, a.smape, a.mase)
        }
    }
}
@Test func exploreCalibration() throws {
    let series = try ProvincePanel.series(indicator: "urbanization_rate")
    let options = TrendOptions(capLimit: 100)
    let fams = options.autoCandidates
    var byH: [Int: [(Bool, Bool, Bool, Bool)]] = [:]
    for s in series {
        let u = try s.usable(excluding: [])
        let run = RollingOrigin.run(years: u.years, ids: [s.id], values: [u.values], families: fams, options: options)[0]
        for o in run.origins.dropLast() {
            guard let f = run.choice(at: o, candidates: fams, options: options).family, case .success(let out)? = run.outcomes[o]?[f] else { continue }
            // standardized errors from earlier origins, same family, targets <= o
            let past = run.outcomes.filter { $0.key < o }.flatMap { e -> [ForecastRecord] in
                guard case .success(let po)? = e.value[f] else { return [] }; return po.records.filter { $0.year <= o } }
            var zsq: [Int: [Double]] = [:]
            for r in past { let d = r.distribution!; let z = (d.transform.forward(r.actual) - d.location) / d.scale; zsq[r.horizon, default: []].append(z * z) }
            let pooled = past.isEmpty ? 1.0 : (past.map { r -> Double in let d = r.distribution!; let z = (d.transform.forward(r.actual) - d.location) / d.scale; return z*z / Double(r.horizon) }.reduce(0,+) / Double(past.count))
            for r in out.records {
                let d = r.distribution!
                let lamH = zsq[r.horizon].map { max(1, ($0.reduce(0,+)/Double($0.count)).squareRoot()) } ?? 1
                let lamRW = max(1, (pooled * Double(r.horizon)).squareRoot())
                func cov(_ lam: Double, _ level: Double) -> Bool { PredictiveDistribution(location: d.location, scale: d.scale * lam, degreesOfFreedom: d.degreesOfFreedom, transform: d.transform).interval(level: level).contains(r.actual) }
                byH[r.horizon, default: []].append((cov(lamH, 0.8), cov(lamH, 0.95), cov(lamRW, 0.8), cov(lamRW, 0.95)))
            }
        }
    }
    var all: [(Bool, Bool, Bool, Bool)] = []
    for h in byH.keys.sorted() { let v = byH[h]!; all += v
        print("CAL h", h, v.count, Double(v.filter { $0.0 }.count)/Double(v.count), Double(v.filter { $0.1 }.count)/Double(v.count), Double(v.filter { $0.2 }.count)/Double(v.count), Double(v.filter { $0.3 }.count)/Double(v.count)) }
    print("CAL all", Double(all.filter { $0.0 }.count)/Double(all.count), Double(all.filter { $0.1 }.count)/Double(all.count), Double(all.filter { $0.2 }.count)/Double(all.count), Double(all.filter { $0.3 }.count)/Double(all.count))
}
@Test func exploreAnchored() throws {
    let series = try ProvincePanel.series(indicator: "urbanization_rate")
    let options = TrendOptions(capLimit: 100)
    let fams = options.autoCandidates
    var recsByMethod: [String: [(h: Int, actual: Double, point: Double, scale: Double, in80: Bool, in95: Bool)]] = [:]
    for s in series {
        let u = try s.usable(excluding: [])
        let run = RollingOrigin.run(years: u.years, ids: [s.id], values: [u.values], families: TrendFamily.all, options: options)[0]
        for o in run.origins.dropLast() {
            let chosen = run.choice(at: o, candidates: fams, options: options).family!
            for (name, f) in [("auto", chosen)] + TrendFamily.all.filter { $0 != .endpointCAGR }.map { ($0.name, $0) } {
                guard case .success(let out)? = run.outcomes[o]?[f] else { continue }
                let fit = out.fit
                // residuals on fitted scale
                let tr = fit.transform
                let fitted = fit.forecast(fit.years).distributions!.map(\.location)
                let resid = zip(fit.values, fitted).map { tr.forward($0) - $1 }
                var du: [Double] = []
                for i in 1..<resid.count { du.append((resid[i] - resid[i-1]) / Double(fit.years[i] - fit.years[i-1]).squareRoot()) }
                let sigmaU2 = du.map { $0 * $0 }.reduce(0, +) / Double(du.count)
                let last = resid.last!
                for r in out.records {
                    let d = r.distribution!
                    let loc = d.location + last
                    let h = Double(r.horizon)
                    var pairs: [Double] = []
                    for i in fit.years.indices { for j in fit.years.indices where fit.years[j] - fit.years[i] == r.horizon { pairs.append((resid[j] - resid[i]) * (resid[j] - resid[i])) } }
                    let vh = pairs.count >= 2 ? pairs.reduce(0, +) / Double(pairs.count) : h * sigmaU2
                    let scale = (d.scale * d.scale - fit.residualStandardDeviation * fit.residualStandardDeviation + max(vh, h * sigmaU2)).squareRoot()
                    let pd = PredictiveDistribution(location: loc, scale: scale, degreesOfFreedom: d.degreesOfFreedom, transform: tr)
                    recsByMethod[name, default: []].append((r.horizon, r.actual, pd.median, r.scale, pd.interval(level: 0.8).contains(r.actual), pd.interval(level: 0.95).contains(r.actual)))
                }
            }
        }
    }
    for (name, v) in recsByMethod.sorted(by: { $0.key < $1.key }) {
        let smape = v.map { 200 * abs($0.actual - $0.point) / (abs($0.actual) + abs($0.point)) }.reduce(0,+) / Double(v.count)
        let mase = v.map { abs($0.actual - $0.point) / $0.scale }.reduce(0,+) / Double(v.count)
        print("ANCH", name, v.count, smape, mase, Double(v.filter { $0.in80 }.count)/Double(v.count), Double(v.filter { $0.in95 }.count)/Double(v.count))
    }
}
