import Foundation
import LeastSquares

/// W-STUDY: the whole `pathways run` and `pathways validate` processes on seeded synthetic studies of 10, 100 and
/// 1,000 indicators (levels and shares observed 2015-2023, a target each, one scenario of 10,000 paths), printed
/// as seconds per indicator, so that growth with the number of indicators shows; and `validate` and `run` on a
/// study of 975,000 history rows (13,000 indicators observed 1949-2023; run with 200 paths, writing 13,000 charts).
enum StudyBench {
    /// Writes a study of `count` indicators observed `firstYear...2023` into `folder`: every fourth indicator a
    /// share of 100, the others levels growing 0-8% a year; a target on every `targetEvery`-th indicator.
    static func writeStudy(count: Int, firstYear: Int = 2015, targetEvery: Int = 1, paths: Int = 10_000, to folder: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: folder.appendingPathComponent("scenarios"), withIntermediateDirectories: true)
        var random = RandomStream(seed: UInt64(count), stream: 5)
        var indicators = "", targets = "", history = "indicator,year,value,source\n"
        history.reserveCapacity(count * (2024 - firstYear) * 40)
        for i in 0..<count {
            let id = String(format: "ind%05d", i)
            let share = i % 4 == 3
            let a = random.nextUniform(), b = random.nextUniform()
            var final = 0.0
            if share {
                indicators += "  - id: \(id)\n    name: {en: \"Share \(i)\", zh: \"比例\(i)\"}\n    unit: \"%\"\n    kind: share\n    direction: up\n    cap: 100\n"
                for year in firstYear...2023 {
                    let z = -1 + 2 * a + (0.02 + 0.08 * b) * Double(year - 2019) + 0.03 * random.nextStandardNormal()
                    history += "\(id),\(year),\(String(format: "%.2f", 100 / (1 + Foundation.exp(-z)))),synthetic yearbook \(year)\n"
                }
                final = 100 / (1 + Foundation.exp(-(-1 + 2 * a + (0.02 + 0.08 * b) * 6)))
            } else {
                indicators += "  - id: \(id)\n    name: {en: \"Level \(i)\", zh: \"水平\(i)\"}\n    unit: \"yuan\"\n    kind: level\n    direction: up\n"
                let level = 100 + 9900 * a, growth = 0.08 * b
                for year in firstYear...2023 {
                    let value = level * Foundation.exp(growth * Double(year - firstYear) + 0.02 * random.nextStandardNormal())
                    history += "\(id),\(year),\(String(format: "%.2f", value)),synthetic yearbook \(year)\n"
                }
                final = level * Foundation.exp(growth * Double(2025 - firstYear))
            }
            if i % targetEvery == 0 {
                targets += "- id: t\(id)\n  indicator: \(id)\n  rule: {op: \">=\", value: \(String(format: "%.1f", final))}\n  year: 2025\n  quote: \"synthetic\"\n"
            }
        }
        let study = """
            id: \(folder.lastPathComponent)
            title: {en: "Synthetic study", zh: "合成研究"}
            region: {en: "Synthetic county", zh: "合成县"}
            base_year: 2020
            target_year: 2025
            plan:
              title: {en: "Synthetic plan", zh: "合成规划"}
              source: "pathways-bench study"
            indicators:

            """ + indicators
        let baseline = """
            name: baseline
            title: {en: "Trend baseline", zh: "趋势基线"}
            rationale: {en: "Every indicator follows its trend.", zh: "各指标按趋势外推。"}
            assumptions: {}
            uncertainty: {paths: \(paths), seed: 2025}

            """
        try study.write(to: folder.appendingPathComponent("study.yaml"), atomically: true, encoding: .utf8)
        try targets.write(to: folder.appendingPathComponent("targets.yaml"), atomically: true, encoding: .utf8)
        try history.write(to: folder.appendingPathComponent("history.csv"), atomically: true, encoding: .utf8)
        try baseline.write(to: folder.appendingPathComponent("scenarios/baseline.yaml"), atomically: true, encoding: .utf8)
    }

    static func run(sizes: [Int] = [10, 100, 1_000], repeats: Int = 3) throws {
        let pathways = try ProcessTimer.pathwaysBinary()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pathways-wstudy-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        print("W-STUDY workload: `pathways run STUDY --out DIR --quiet` and `pathways validate STUDY` (whole processes, medians of \(repeats)) "
              + "on seeded synthetic studies: levels and shares observed 2015-2023, a target each, one scenario of 10,000 paths")
        print("| indicators | run | run per indicator | run peak memory | validate | validate per indicator |")
        print("|---|---|---|---|---|---|")
        for count in sizes {
            let study = folder.appendingPathComponent("synthetic-\(count)")
            try writeStudy(count: count, to: study)
            let out = folder.appendingPathComponent("out-\(count)").path
            let measured = try FileBench.alternate([([pathways, "run", study.path, "--out", out, "--quiet"], nil), ([pathways, "validate", study.path], nil)],
                                                   repeats: repeats)
            print("| \(count) | \(FileBench.s(measured[0].seconds)) | \(String(format: "%.4f s", measured[0].seconds / Double(count))) | "
                  + "\(FileBench.mib(measured[0].peakBytes)) | \(FileBench.s(measured[1].seconds)) | \(String(format: "%.4f s", measured[1].seconds / Double(count))) |")
        }
        // A study of 975,000 history rows.
        let big = folder.appendingPathComponent("synthetic-rows")
        try writeStudy(count: 13_000, firstYear: 1949, targetEvery: 10, paths: 200, to: big)
        let rows = try String(contentsOf: big.appendingPathComponent("history.csv"), encoding: .utf8).utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } - 1
        let validate = try ProcessTimer.run([pathways, "validate", big.path])
        let run = try ProcessTimer.run([pathways, "run", big.path, "--out", folder.appendingPathComponent("out-rows").path, "--quiet"])
        print("W-STUDY rows: \(rows) history rows (13,000 indicators, 1949-2023): validate \(FileBench.s(validate.seconds)), peak \(FileBench.mib(validate.peakBytes)); "
              + "run (200 paths, 13,000 charts) \(FileBench.s(run.seconds)), peak \(FileBench.mib(run.peakBytes))")
    }
}
