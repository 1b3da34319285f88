import Foundation

/// W-BACKTEST: the whole `pathways backtest` process on a long table against a numpy rolling-origin script
/// doing the same families from the same file (`Benchmarks/peers/backtest_numpy.py`: linear, compound,
/// polynomial2, polynomial3, drift, naive, one batched QR per family and origin), in the same run, on the seeded
/// tables of W-FILE. The two tables of scores are compared (largest relative difference), so the peer is known
/// to do the same work. The default backtest (every family, select and auto) is timed beside, without a peer.
enum BacktestBench {
    static let families = ["linear", "compound", "polynomial2", "polynomial3", "drift", "naive"]

    static func run(sizes: [Int] = [1_000, 10_000], repeats: Int = 3) throws {
        let pathways = try ProcessTimer.pathwaysBinary()
        let peer = peersDirectory.appendingPathComponent("backtest_numpy.py").path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pathways-wbacktest-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out.csv").path, peerOut = folder.appendingPathComponent("peer.csv").path
        print("W-BACKTEST workload: `pathways backtest --csv F --methods \(families.joined(separator: " ")) --format csv -q` against "
              + "`python3 Benchmarks/peers/backtest_numpy.py F out.csv` (pandas read_csv, pivot, one QR per family and origin, 6+ training points, "
              + "horizons 1-5), series x 15 years, medians of \(repeats) alternating runs, \(ProcessInfo.processInfo.activeProcessorCount) cores; "
              + "`all methods` is the default backtest (13 families, select, auto)")
        print("| series | file | methods | pathways | peak memory | peer | peer memory | ratio | largest relative difference of the scores |")
        print("|---|---|---|---|---|---|---|---|---|")
        var headline: (Double, Double, Int)? = nil
        for count in sizes {
            let file = folder.appendingPathComponent("series-\(count).csv").path
            try FileBench.writeTable(count: count, to: file)
            let same = [pathways, "backtest", "--csv", file, "--methods"] + families + ["--format", "csv", "-q"]
            let measured = try FileBench.alternate([(same, out), (["python3", peer, file, peerOut], nil)], repeats: repeats)
            let difference = try largestDifference(out, peerOut)
            let (p, q) = (measured[0], measured[1])
            print("| \(count) | \(FileBench.mb(FileBench.fileSize(file))) | the peer's 6 | \(FileBench.s(p.seconds)) | \(FileBench.mib(p.peakBytes)) | "
                  + "\(FileBench.s(q.seconds)) | \(FileBench.mib(q.peakBytes)) | \(String(format: "%.3f", p.seconds / q.seconds)) | "
                  + "\(String(format: "%.1e", difference)) |")
            let all = try FileBench.alternate([([pathways, "backtest", "--csv", file, "--format", "csv", "-q"], out)], repeats: 1)[0]
            print("| \(count) | \(FileBench.mb(FileBench.fileSize(file))) | all methods | \(FileBench.s(all.seconds)) | \(FileBench.mib(all.peakBytes)) | – | – | – | – |")
            if count == sizes.last { headline = (p.seconds, q.seconds, max(p.peakBytes, all.peakBytes)) }
            try? FileManager.default.removeItem(atPath: file)
        }
        if let (a, b, peak) = headline {
            print("W-BACKTEST: pathways \(String(format: "%.3f", a)) s, numpy \(String(format: "%.3f", b)) s, ratio \(String(format: "%.3f", a / b)); "
                  + "peak memory \(FileBench.mib(peak)) (every method) at \(sizes.last!) series")
        }
    }

    /// The largest relative difference between the numbers of two score tables, rows matched by method and
    /// horizon (Pathways' rows the peer does not have are left out); infinity when the peer lacks a row.
    static func largestDifference(_ a: String, _ b: String) throws -> Double {
        func table(_ path: String) throws -> [String: [Double]] {
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
            var out: [String: [Double]] = [:]
            for line in lines {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                let horizon = cells[1].hasSuffix(".0") ? String(cells[1].dropLast(2)) : cells[1]
                out["\(cells[0]),\(horizon)"] = cells[2...].map { Double($0) ?? .nan }
            }
            return out
        }
        let (ours, theirs) = (try table(a), try table(b))
        var largest = 0.0
        for (key, values) in ours where families.contains(String(key.split(separator: ",", omittingEmptySubsequences: false)[0])) {
            guard let other = theirs[key], other.count == values.count else { return .infinity }
            for (x, y) in zip(values, other) where x != y { largest = max(largest, abs(x - y) / max(abs(y), .leastNormalMagnitude)) }
        }
        return largest
    }
}
