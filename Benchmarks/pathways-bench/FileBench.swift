import Foundation
import LeastSquares

/// W-FILE: the whole `pathways trend` process, file in and file out, against a pandas + numpy script doing the
/// same work from the same file (`Benchmarks/peers/wfile_pandas.py`), in the same run: long tables of 1,000 to
/// 1,000,000 series x 15 years generated from a fixed seed in a temporary folder, timed as separate processes
/// (median of alternating runs, peak memory from the kernel), beside the floor of this machine: reading the
/// file (`cat F > /dev/null`) and writing as many bytes as the output has (`head -c N /dev/zero > out`).
enum FileBench {
    static let years = Array(2006...2020)

    /// A long table `indicator,year,value` of `count` series: levels of 50 to 5,050 growing by -2% to 8% a year
    /// with 3% noise, four decimals (about 30 bytes a row).
    static func writeTable(count: Int, to path: String, seed: UInt64 = 2025) throws {
        guard let file = FileHandle(forWritingAtPath: path) ?? {
            FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }() else { throw BenchError.usage }
        defer { try? file.close() }
        var random = RandomStream(seed: seed, stream: 3)
        var bytes: [UInt8] = Array("indicator,year,value\n".utf8)
        func append(_ value: Int, width: Int = 0) {
            var digits: [UInt8] = []
            var v = value
            repeat { digits.append(UInt8(ascii: "0") + UInt8(v % 10)); v /= 10 } while v > 0
            while digits.count < width { digits.append(UInt8(ascii: "0")) }
            bytes.append(contentsOf: digits.reversed())
        }
        for s in 0..<count {
            let level = 50 + 5000 * random.nextUniform(), growth = -0.02 + 0.1 * random.nextUniform()
            for (i, year) in years.enumerated() {
                let value = level * Foundation.exp(growth * Double(i) + 0.03 * random.nextStandardNormal())
                let scaled = Int((value * 10_000).rounded())
                bytes.append(contentsOf: Array("series-".utf8))
                append(s, width: 7)
                bytes.append(UInt8(ascii: ","))
                append(year)
                bytes.append(UInt8(ascii: ","))
                append(scaled / 10_000)
                bytes.append(UInt8(ascii: "."))
                append(scaled % 10_000, width: 4)
                bytes.append(0x0A)
            }
            if bytes.count > 1 << 22 { file.write(Data(bytes)); bytes.removeAll(keepingCapacity: true) }
        }
        file.write(Data(bytes))
    }

    static func fileSize(_ path: String) -> Int { (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 }

    /// Alternating runs of each command (`repeats` each), their medians.
    static func alternate(_ commands: [(argv: [String], output: String?)], repeats: Int) throws -> [ProcessTimer.Measurement] {
        var runs = commands.map { _ in [ProcessTimer.Measurement]() }
        for _ in 0..<repeats {
            for (k, command) in commands.enumerated() { runs[k].append(try ProcessTimer.run(command.argv, output: command.output)) }
        }
        return runs.map(ProcessTimer.median)
    }

    static func mib(_ bytes: Int) -> String { String(format: "%.0f MiB", Double(bytes) / 1_048_576) }
    static func mb(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1e6) }
    static func s(_ seconds: Double) -> String { String(format: "%.3f s", seconds) }

    static func run(sizes: [Int] = [1_000, 10_000, 100_000, 1_000_000], repeats: Int = 5) throws {
        let pathways = try ProcessTimer.pathwaysBinary()
        let peer = peersDirectory.appendingPathComponent("wfile_pandas.py").path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pathways-wfile-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out.csv").path, peerOut = folder.appendingPathComponent("peer.csv").path
        func trend(_ file: String, _ model: String) -> [String] {
            [pathways, "trend", "--csv", file, "--indicator", "all", "--model", model, "--horizon", "5", "--format", "csv"]
        }
        print("W-FILE workload: `pathways trend --csv F --indicator all --model linear|auto --horizon 5 --format csv > out.csv`, the whole process, "
              + "against `python3 Benchmarks/peers/wfile_pandas.py F out.csv linear|best` (pandas read_csv, pivot, one QR per family, to_csv); "
              + "series x 15 years, medians of \(repeats) alternating runs (3 at 1,000,000 series, where the peer is not run), "
              + "\(ProcessInfo.processInfo.activeProcessorCount) cores; floor: `cat F > /dev/null` + writing the output's bytes")
        print("| series | file | model | pathways | s per 1,000 series | peak memory | memory / file | peer | peer memory | ratio | floor | pathways / floor |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        var headline: [String: (Double, Double)] = [:]
        for count in sizes {
            let file = folder.appendingPathComponent("series-\(count).csv").path
            try writeTable(count: count, to: file)
            let size = fileSize(file)
            let withPeer = count <= 100_000
            let runs = withPeer ? repeats : 3
            for model in count <= 100_000 ? ["linear", "auto"] : ["linear"] {
                var commands: [(argv: [String], output: String?)] = [(trend(file, model), out)]
                if withPeer { commands.append((["python3", peer, file, peerOut, model == "auto" ? "best" : "linear"], nil)) }
                let measured = try alternate(commands, repeats: model == "auto" ? max(3, runs - 2) : runs)
                let outputSize = fileSize(out)
                let floor = try alternate([(["cat", file], nil), (["head", "-c", "\(outputSize)", "/dev/zero"], folder.appendingPathComponent("zero").path)],
                                          repeats: runs)
                let floorSeconds = floor[0].seconds + floor[1].seconds
                let p = measured[0]
                let peerText = withPeer ? s(measured[1].seconds) : "–", peerMemory = withPeer ? mib(measured[1].peakBytes) : "–"
                let ratio = withPeer ? String(format: "%.3f", p.seconds / measured[1].seconds) : "–"
                print("| \(count) | \(mb(size)) | \(model) | \(s(p.seconds)) | \(String(format: "%.4f", p.seconds / Double(count) * 1000)) | \(mib(p.peakBytes)) | "
                      + "\(String(format: "%.1f", Double(p.peakBytes) / Double(size))) | \(peerText) | \(peerMemory) | \(ratio) | \(s(floorSeconds)) | "
                      + "\(String(format: "%.1f", p.seconds / floorSeconds)) |")
                if count == 100_000, withPeer { headline[model] = (p.seconds, measured[1].seconds) }
            }
            try? FileManager.default.removeItem(atPath: file)
        }
        for (model, label) in [("linear", "W-FILE"), ("auto", "W-FILE-AUTO")] {
            guard let (a, b) = headline[model] else { continue }
            print("\(label): pathways \(String(format: "%.3f", a)) s, pandas+numpy \(String(format: "%.3f", b)) s, ratio \(String(format: "%.3f", a / b))")
        }
    }
}
