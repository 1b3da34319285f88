import Foundation
import Trends

/// W-FIT: four families (linear, compound, polynomial2, logistic with cap 100) on 100,000 series of 15
/// years: parameters, standard errors, AICc and point and 95% prediction intervals for 2021-2025,
/// against the numpy peer doing the same work on the same numbers in the same run.
enum TrendBench {
    static let families: [(TrendFamily, TrendOptions)] = [
        (.linear, .init()), (.compound, .init()), (.polynomial(degree: 2), .init()), (.logistic, .init(cap: 100)),
    ]

    static func run(seriesCount: Int = 100_000) throws {
        let n = Workloads.fitYears.count
        let values = Workloads.fitSeries(count: seriesCount)
        let series = (0..<seriesCount).map { s in
            TrendSeries(id: "s\(s)", years: Workloads.fitYears, values: Array(values[(s * n)..<((s + 1) * n)]))
        }
        var checksum = 0.0
        let seconds = bestTime {
            for (family, options) in families {
                let columns = TrendFitter.forecastColumns(series, family: family, options: options, years: Workloads.forecastYears, levels: [0.95])
                checksum += columns.aicc[seriesCount - 1] + columns.standardErrors[0, seriesCount - 1] + columns.upper[0][4, seriesCount - 1]
            }
        }
        let pathwaysRate = Double(seriesCount) / seconds
        let file = try Workloads.writeForPeer(values, name: "wfit")
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try runPeer(peersDirectory.appendingPathComponent("wfit_numpy.py").path, arguments: [file.path, "\(seriesCount)"])
        print("W-FIT workload: \(seriesCount) series x \(n) years, 4 families, parameters, SEs, AICc, 95% intervals 2021-2025")
        print("  pathways elapsed \(String(format: "%.3f", seconds)) s (checksum \(String(format: "%.6g", checksum)))")
        print(output.split(separator: "\n").filter { $0.hasPrefix("  ") }.joined(separator: "\n"))
        let numpyRate = Double(output.split(separator: "\n").last { $0.hasPrefix("numpy ") }!.split(separator: " ")[1])!
        print("W-FIT: pathways \(rate(pathwaysRate)) series/s, numpy \(rate(numpyRate)) series/s, ratio \(String(format: "%.2f", pathwaysRate / numpyRate))")
    }
}
