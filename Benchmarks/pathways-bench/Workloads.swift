import Foundation
import LeastSquares

/// The benchmark workloads of DESIGN.md, generated from a fixed seed so every run measures the same work.
enum Workloads {
    /// W-FIT's years: 2006-2020, 15 points.
    static let fitYears = Array(2006...2020)
    /// W-FIT's forecast years.
    static let forecastYears = Array(2021...2025)

    /// W-FIT: `count` positive share-like series (logistic curves with noise on the logit scale),
    /// all below 99 so every family, logistic with cap 100 included, applies. Column-major: series s
    /// occupies `values[s * 15 ..< (s + 1) * 15]`.
    static func fitSeries(count: Int, seed: UInt64 = 2025) -> [Double] {
        var values = [Double](repeating: 0, count: count * fitYears.count)
        var random = RandomStream(seed: seed, stream: 0)
        for s in 0..<count {
            let a = -3 + 4 * random.nextUniform()
            let b = 0.01 + 0.14 * random.nextUniform()
            for (i, year) in fitYears.enumerated() {
                let z = a + b * Double(year - 2013) + 0.05 * random.nextStandardNormal()
                values[s * fitYears.count + i] = 100 / (1 + exp(-z))
            }
        }
        return values
    }

    /// Writes doubles as little-endian float64 to a temporary file for a peer script, and returns its path.
    static func writeForPeer(_ values: [Double], name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pathways-bench-\(name)-\(getpid()).f64")
        let data = values.withUnsafeBufferPointer { Data(buffer: $0) }
        try data.write(to: url)
        return url
    }
}

/// Wall-clock timing of a piece of work: the best of `repeats` runs.
func bestTime(repeats: Int = 3, _ work: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        try work()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}

/// Runs a peer script with python3 and returns its standard output.
func runPeer(_ script: String, arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw BenchError.peerFailed(script, process.terminationStatus) }
    return String(decoding: output, as: UTF8.self)
}

enum BenchError: Error, CustomStringConvertible {
    case peerFailed(String, Int32)
    case usage
    var description: String {
        switch self {
        case let .peerFailed(script, status): return "peer \(script) exited with status \(status)"
        case .usage: return "usage: pathways-bench ls|fit|mc|run|file [SIZES…]|study|accuracy|calibration|all"
        }
    }
}

/// The directory holding Benchmarks/peers, found from this source file (the bench runs from the package).
let peersDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("peers")

/// Formats a rate for the summary lines: a whole number with no grouping, so the lines parse easily.
func rate(_ x: Double) -> String { String(format: "%.0f", x) }
