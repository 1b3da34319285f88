import Foundation
import LeastSquares

/// W-FIT-LS: the W-FIT series fitted with linear and log-linear trends, by the batch path (one
/// factorization, all series in one `dgels` call) and one at a time (`LinearRegression.fit`, refined).
enum LeastSquaresBench {
    static func run(seriesCount: Int = 100_000, singleCount: Int = 10_000) throws {
        let n = Workloads.fitYears.count
        let values = Workloads.fitSeries(count: seriesCount)
        let t = Workloads.fitYears.map { Double($0 - 2020) }
        let design = Design.polynomial(t, degree: 1)
        let raw = Matrix(rows: n, columns: seriesCount, storage: values)
        let logged = Matrix(rows: n, columns: seriesCount, storage: values.map { log($0) })

        var checksum = 0.0
        let batchSeconds = try bestTime {
            let batch = try BatchRegression(design)
            for responses in [raw, logged] {
                let fit = try batch.fit(responses)
                checksum += fit.parameters[1, seriesCount - 1] + fit.standardErrors(seriesCount - 1)[1]
            }
        }
        let singleSeconds = try bestTime(repeats: 1) {
            for s in 0..<singleCount {
                for responses in [raw, logged] {
                    let fit = try LinearRegression.fit(design, response: responses.column(s))
                    checksum += fit.parameters[1]
                }
            }
        }
        let batchRate = Double(seriesCount) / batchSeconds
        let singleRate = Double(singleCount) / singleSeconds
        print("W-FIT-LS workload: \(seriesCount) series x \(n) years, linear and log-linear each (single path timed on \(singleCount) series)")
        print("  batch:  \(String(format: "%.3f", batchSeconds)) s for \(seriesCount) series (both fits)")
        print("  single: \(String(format: "%.3f", singleSeconds)) s for \(singleCount) series (both fits)")
        print("  ratio batch/single: \(String(format: "%.1f", batchRate / singleRate))   (checksum \(String(format: "%.6g", checksum)))")
        print("W-FIT-LS: batch \(rate(batchRate)) series/s, single \(rate(singleRate)) series/s")
    }
}
