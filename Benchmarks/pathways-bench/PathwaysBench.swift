import Foundation

/// `pathways-bench ls|fit|mc|run|file|study|backtest|accuracy|calibration|all`: workloads of DESIGN.md measured against peers in the same run.
@main
struct PathwaysBench {
    static func main() throws {
        let command = CommandLine.arguments.dropFirst().first ?? "all"
        switch command {
        case "ls": try LeastSquaresBench.run()
        case "fit": try TrendBench.run()
        case "mc": try MonteCarloBench.run()
        case "run": try RunBench.run()
        case "study": try StudyBench.run()
        case "backtest": try BacktestBench.run(sizes: CommandLine.arguments.dropFirst(2).compactMap { Int($0) }.nonEmpty ?? [1_000, 10_000])
        case "file": try FileBench.run(sizes: CommandLine.arguments.dropFirst(2).compactMap { Int($0) }.nonEmpty ?? [1_000, 10_000, 100_000, 1_000_000])
        case "accuracy": try AccuracyBench.run()
        case "calibration": try AccuracyBench.calibration()
        case "all": try LeastSquaresBench.run(); try TrendBench.run(); try MonteCarloBench.run(); try RunBench.run()
        default: throw BenchError.usage
        }
    }
}

extension Array {
    /// The array, or nil when it is empty.
    var nonEmpty: [Element]? { isEmpty ? nil : self }
}
