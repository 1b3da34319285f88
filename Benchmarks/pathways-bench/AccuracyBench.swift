import Foundation
import Trends

/// `accuracy`: every method and `auto` on the two yearly development collections (M1 and Tourism yearly,
/// `Benchmarks/data/forecast-benchmarks`), fitted on each series' training values and scored on the values
/// that followed: sMAPE, MASE, the coverage of the 80% and 95% intervals and the seconds taken, with R
/// `forecast` 8.20's figures from the data's README beside them. `calibration` measures the default law of
/// scaled errors (``ScaledErrorLaw/benchmarkDefault``) on the same training values and prints it as Swift.
enum AccuracyBench {
    struct Collection {
        let name: String
        let file: String
        let series: [TrendSeries]
        let future: [[Double]]
        /// R forecast 8.20's figures (sMAPE, MASE, 80%, 95% covered) from `SOURCES.md`.
        let reference: [(String, Double, Double, Double, Double)]
    }

    static let dataDirectory = peersDirectory.deletingLastPathComponent().appendingPathComponent("data/forecast-benchmarks")

    static func load(_ prefix: String, name: String, reference: [(String, Double, Double, Double, Double)]) throws -> Collection {
        func rows(_ part: String) throws -> [(id: String, values: [Double])] {
            let text = try String(contentsOf: dataDirectory.appendingPathComponent("\(prefix)-\(part).csv"), encoding: .utf8)
            return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
                let fields = line.split(separator: ",").map(String.init)
                return (fields[0], fields[3...].map { Double($0)! })
            }
        }
        let train = try rows("train"), test = try rows("test")
        // Years are not given: every series starts in 1950, as the shared scoring script numbers them.
        let series = train.map { TrendSeries(id: $0.id, years: Array(1950..<(1950 + $0.values.count)), values: $0.values) }
        return Collection(name: name, file: prefix, series: series, future: test.map(\.values), reference: reference)
    }

    static func collections() throws -> [Collection] {
        [
            try load("m1-yearly", name: "M1 yearly", reference: [
                ("naive", 22.431, 4.893, 0.457, 0.617), ("drift", 16.659, 3.490, 0.572, 0.716), ("ets", 18.613, 3.771, 0.580, 0.717),
                ("auto.arima", 17.230, 3.467, 0.544, 0.704), ("theta", 20.174, 4.189, 0.505, 0.687),
            ]),
            try load("tourism-yearly", name: "Tourism yearly", reference: [
                ("naive", 22.342, 3.007, 0.585, 0.736), ("drift", 20.461, 2.617, 0.611, 0.785), ("ets", 23.009, 3.000, 0.707, 0.840),
                ("auto.arima", 24.134, 3.197, 0.528, 0.713), ("theta", 20.583, 2.730, 0.603, 0.775),
            ]),
        ]
    }

    /// Methods scored: the families with intervals that forecast any series, `select` and `auto`.
    static let methods: [TrendMethod] = [.family(.naive), .family(.drift), .family(.ses), .family(.theta), .family(.holt),
                                          .family(.dampedTrend), .family(.linear), .family(.compound), .family(.damped), .select, .auto]

    static func run() throws {
        for collection in try collections() {
            let horizon = collection.future.map(\.count).max() ?? 1
            print("\(collection.name): \(collection.series.count) series, horizon \(horizon), forecasts scored on the held-out values")
            print("| method | series | sMAPE | MASE | 80% covered | 95% covered | seconds |")
            print("|---|---|---|---|---|---|---|")
            for method in methods {
                let start = Date()
                let fits = forecasts(collection.series, method: method, horizon: horizon)
                let seconds = Date().timeIntervalSince(start)
                var records: [ForecastRecord] = []
                for (s, fit) in fits.enumerated() {
                    guard let fit else { continue }
                    let last = collection.series[s].years.last!
                    let future = collection.future[s]
                    let forecast = fit.forecast(Array((last + 1)...(last + future.count)))
                    let scale = meanAbsoluteChange(collection.series[s].values)
                    records += future.indices.map { k in
                        ForecastRecord(origin: last, year: last + k + 1, actual: future[k], forecast: forecast.point[k],
                                       distribution: forecast.distributions?[k], scale: scale)
                    }
                }
                let a = ForecastAccuracy(records)
                let fitted = fits.compactMap { $0 }.count
                print("| \(method) | \(fitted) | \(f(a.smape, 3)) | \(f(a.mase, 3)) | \(f(a.coverage80, 3)) | \(f(a.coverage95, 3)) | \(f(seconds, 2)) |")
            }
            for (name, smape, mase, c80, c95) in collection.reference {
                print("| R \(name) | \(collection.series.count) | \(f(smape, 3)) | \(f(mase, 3)) | \(f(c80, 3)) | \(f(c95, 3)) | – |")
            }
            print("")
        }
    }

    /// One fit per series (nil where the method cannot apply).
    static func forecasts(_ series: [TrendSeries], method: TrendMethod, horizon: Int) -> [TrendFit?] {
        let validation = ValidationOptions(horizon: max(5, horizon))
        switch method {
        case .auto: return TrendFitter.auto(series, validation: validation).map(\.chosenFit)
        case .select: return TrendFitter.select(series, validation: validation).map(\.chosenFit)
        case .family(let family): return TrendFitter.fit(series, family: family).map { try? $0.get() }
        }
    }

    static func meanAbsoluteChange(_ values: [Double]) -> Double {
        zip(values.dropFirst(), values).map { abs($0 - $1) }.reduce(0, +) / Double(values.count - 1)
    }

    static func f(_ x: Double?, _ decimals: Int) -> String { x.map { String(format: "%.\(decimals)f", $0) } ?? "–" }

    /// Prints the default law measured on both collections' training values.
    static func calibration() throws {
        let series = try collections().flatMap(\.series)
        let law = ScaledErrorLaw.measured(on: series, horizons: 6)
        print("// Measured by `swift run -c release pathways-bench calibration` on \(series.count) series (M1 and Tourism yearly, training values):")
        print("// errors per horizon: \(law.errorCounts.map(String.init).joined(separator: ", "))")
        print("quantiles: [")
        for horizon in law.horizons {
            print("    [" + horizon.quantiles.map { String(format: "%.4f", $0) }.joined(separator: ", ") + "],")
        }
        print("]")
    }
}
