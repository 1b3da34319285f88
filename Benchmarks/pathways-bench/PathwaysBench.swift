import Foundation

/// `pathways-bench ls|fit|mc|run|accuracy|calibration|all`: workloads of DESIGN.md measured against peers in the same run.
@main
struct PathwaysBench {
    static func main() throws {
        let command = CommandLine.arguments.dropFirst().first ?? "all"
        switch command {
        case "ls": try LeastSquaresBench.run()
        case "fit": try TrendBench.run()
        case "mc": try MonteCarloBench.run()
        case "run": try RunBench.run()
        case "accuracy": try AccuracyBench.run()
        case "calibration": try AccuracyBench.calibration()
        case "all": try LeastSquaresBench.run(); try TrendBench.run(); try MonteCarloBench.run(); try RunBench.run()
        default: throw BenchError.usage
        }
    }
}
