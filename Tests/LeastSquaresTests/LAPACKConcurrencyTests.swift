import Common
import Foundation
import Testing
@testable import LeastSquares

/// Fits from many threads at once give the bits the same fits give one at a time: the stress test behind the
/// decision on the LAPACK lock (docs/DESIGN.md, "LAPACK and threads"). Every routine Pathways calls is used:
/// `dgeqrf`/`dormqr`/`dtrtrs`/`dpotri` (single fits), `dgels` (batches), `dgelsy` (a rank-deficient design),
/// `dgesvd` (condition numbers). Calls are not serialized; under the sanitizers, in a build folder of their own:
/// `swift build --build-tests --scratch-path .build-tsan -Xswiftc -sanitize=thread` then
/// `swift test --skip-build --scratch-path .build-tsan -Xswiftc -sanitize=thread --filter LAPACKConcurrencyTests`
/// (and the same with `-sanitize=address`).
@Suite struct LAPACKConcurrencyTests {
    /// One workload: a design, a response and the bits of everything the fit returns.
    static func work(_ k: Int) -> [UInt64] {
        let n = 12 + k % 9, degree = 1 + k % 3
        let x = (0..<n).map { Double($0) + Double(k % 5) * 0.25 }
        let y = x.map { v in 3 + 0.5 * v + 0.01 * v * v * Double(k % 7) + Foundation.sin(v * Double(k + 1)) }
        var bits: [UInt64] = []
        if let fit = try? LinearRegression.fit(.polynomial(x, degree: degree), response: y) {
            bits += (fit.parameters + fit.standardErrors + [fit.conditionNumber]).map(\.bitPattern)
        }
        // Rank-deficient: a column repeated (dgelsy).
        if let fit = try? LinearRegression.fit(.columns([x, x.map { 2 * $0 }]), response: y) {
            bits += fit.parameters.map(\.bitPattern) + [UInt64(fit.rank)]
        }
        // A batch of 16 responses (dgels).
        var responses = Matrix(rows: n, columns: 16)
        for j in 0..<16 { for i in 0..<n { responses[i, j] = y[i] * Double(j + 1) + Double(i * j) } }
        if let batch = try? BatchRegression(.polynomial(x, degree: degree)).fit(responses) {
            for j in 0..<16 { bits += batch.parameters(j).map(\.bitPattern) }
        }
        return bits
    }

    @Test("400 fits on 8 threads give the bits of the same fits done one at a time")
    func concurrentFitsAreExact() {
        let count = 400
        let serial = (0..<count).map(Self.work)
        #expect(serial.allSatisfy { $0.count > 20 })
        for round in 0..<3 {
            let parallel = Parallel.map(count, threads: 8) { Self.work($0) }
            #expect(parallel == serial, "round \(round)")
        }
    }
}
