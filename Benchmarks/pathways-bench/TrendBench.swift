import Foundation
import LeastSquares
import Trends

/// W-FIT: four families (linear, compound, polynomial2, logistic with cap 100) on 100,000 series of 15
/// years: parameters, standard errors, AICc and point and 95% prediction intervals for 2021-2025,
/// against the numpy peer doing the same work on the same numbers in the same run.
///
/// The headline rate reads the series as one table (a row per series, a column per year), the layout numpy
/// gets; the rate for the same series given one by one, as `[TrendSeries]`, is printed beside it.
enum TrendBench {
    /// Intervals as numpy computes them: unbounded (no censoring at 0 for positive series).
    static let families: [(TrendFamily, TrendOptions)] = [
        (.linear, .init(positiveStaysPositive: false)), (.compound, .init(positiveStaysPositive: false)),
        (.polynomial(degree: 2), .init(positiveStaysPositive: false)), (.logistic, .init(cap: 100, positiveStaysPositive: false)),
    ]

    static func run(seriesCount: Int = 100_000) throws {
        let n = Workloads.fitYears.count
        let values = Workloads.fitSeries(count: seriesCount)
        let series = (0..<seriesCount).map { s in
            TrendSeries(id: "s\(s)", years: Workloads.fitYears, values: Array(values[(s * n)..<((s + 1) * n)]))
        }
        var table = Matrix(rows: seriesCount, columns: n)
        for s in 0..<seriesCount { for i in 0..<n { table[s, i] = values[s * n + i] } }
        let wide = TrendTable(ids: series.map(\.id), years: Workloads.fitYears, values: table)

        var checksum = 0.0
        func fitAll(_ forecast: (TrendFamily, TrendOptions) -> TrendColumns) -> Double {
            bestTime {
                for (family, options) in families {
                    let columns = forecast(family, options)
                    checksum += columns.aicc[seriesCount - 1] + columns.standardErrors[seriesCount - 1, 0] + columns.upper[0][seriesCount - 1, 4]
                }
            }
        }
        let seconds = fitAll { TrendFitter.forecastColumns(wide, family: $0, options: $1, years: Workloads.forecastYears, levels: [0.95]) }
        let listSeconds = fitAll { TrendFitter.forecastColumns(series, family: $0, options: $1, years: Workloads.forecastYears, levels: [0.95]) }
        let pathwaysRate = Double(seriesCount) / seconds
        let file = try Workloads.writeForPeer(values, name: "wfit")
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try runPeer(peersDirectory.appendingPathComponent("wfit_numpy.py").path, arguments: [file.path, "\(seriesCount)"])
        print("W-FIT workload: \(seriesCount) series x \(n) years, 4 families, parameters, SEs, AICc, 95% intervals 2021-2025")
        print("  pathways elapsed \(String(format: "%.4f", seconds)) s from a table, \(String(format: "%.4f", listSeconds)) s from a list of series (\(rate(Double(seriesCount) / listSeconds)) series/s; checksum \(String(format: "%.6g", checksum)))")
        print(output.split(separator: "\n").filter { $0.hasPrefix("  ") }.joined(separator: "\n"))
        let numpyRate = Double(output.split(separator: "\n").last { $0.hasPrefix("numpy ") }!.split(separator: " ")[1])!
        print("W-FIT: pathways \(rate(pathwaysRate)) series/s, numpy \(rate(numpyRate)) series/s, ratio \(String(format: "%.2f", pathwaysRate / numpyRate))")
    }
}
