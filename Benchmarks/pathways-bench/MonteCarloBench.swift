import Foundation
import LeastSquares
import Simulation

/// W-MC: the urban-rural income ratio in 2025 from correlated log-growth paths, against numpy.
enum MonteCarloBench {
    static func run(paths: Int = 1_000_000, seed: UInt64 = 2025) throws {
        let urban = SimulatedSeries(id: "urban_income", scale: .logarithmic, startYear: 2020, startValue: 66_000,
                                    drift: Array(repeating: 0.065, count: 5), shockSD: Array(repeating: 0.015, count: 5))
        let rural = SimulatedSeries(id: "rural_income", scale: .logarithmic, startYear: 2020, startValue: 35_000,
                                    drift: Array(repeating: 0.085, count: 5), shockSD: Array(repeating: 0.02, count: 5))
        let correlation = Matrix(rows: 2, columns: 2, storage: [1, 0.6, 0.6, 1])
        var summary = RatioSummary(probability: 0, quantiles: [])
        let seconds = try bestTime(repeats: 5) {
            let simulation = try MonteCarlo(series: [urban, rural], correlation: correlation, paths: paths, seed: seed, lastYear: 2025)
            let result = simulation.run(storing: [2025])
            summary = RatioSummary(logNumerator: result.scaledValues(0, year: 2025), logDenominator: result.scaledValues(1, year: 2025), threshold: 1.8)
        }
        let variance = 0.015 * 0.015 + 0.02 * 0.02 - 2 * 0.6 * 0.015 * 0.02
        let exact = Normal.standard.cdf((log(1.8) - log(66_000.0 / 35_000) - 5 * (0.065 - 0.085)) / (5 * variance).squareRoot())
        let output = try runPeer(peersDirectory.appendingPathComponent("wmc_numpy.py").path, arguments: ["\(paths)", "\(seed)"])
        let pathwaysRate = Double(paths) / seconds
        let numpyRate = Double(output.split(separator: "\n").last { $0.hasPrefix("numpy ") }!.split(separator: " ")[1])!
        print("W-MC workload: \(paths) paths, 2 incomes, 5 years, correlation 0.6, \(ProcessInfo.processInfo.activeProcessorCount) threads")
        print(String(format: "  pathways P(ratio<=1.8) %.6f (closed form %.6f), quantiles 5/50/95%% %.6f %.6f %.6f, elapsed %.3f s",
                     summary.probability, exact, summary.quantiles[0], summary.quantiles[1], summary.quantiles[2], seconds))
        print(output.split(separator: "\n").filter { $0.hasPrefix("  ") }.joined(separator: "\n"))
        print("W-MC: pathways \(rate(pathwaysRate)) paths/s, numpy \(rate(numpyRate)) paths/s, ratio \(String(format: "%.2f", pathwaysRate / numpyRate))")
    }

    /// P(ratio ≤ threshold) and the 5/50/95% quantiles of the ratio (type 7, numpy's default).
    struct RatioSummary {
        var probability: Double
        var quantiles: [Double]

        init(probability: Double, quantiles: [Double]) { self.probability = probability; self.quantiles = quantiles }

        /// From log levels: the log ratio is `log u − log r`; the ratio's order statistics are the
        /// exponentials of the log ratio's, so only those are exponentiated.
        init(logNumerator: ArraySlice<Double>, logDenominator: ArraySlice<Double>, threshold: Double) {
            var logRatio = zip(logNumerator, logDenominator).map { $0 - $1 }
            let logThreshold = log(threshold)
            probability = Double(logRatio.reduce(0) { $0 + ($1 <= logThreshold ? 1 : 0) }) / Double(logRatio.count)
            quantiles = PathQuantiles.select(&logRatio, at: [0.05, 0.5, 0.95], through: exp)
        }
    }
}
