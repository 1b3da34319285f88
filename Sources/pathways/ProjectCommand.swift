import ArgumentParser
import Reports
import Studies

/// `pathways project`: compound growth by hand.
struct Project: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Compound a value at a constant growth rate, year by year.")

    @Option(help: "The starting value.") var value: Double
    @Option(help: "The year of the starting value.") var from: Int
    @Option(help: "Annual growth as a fraction (0.065 for 6.5%).") var growth: Double
    @Option(help: "The last year.") var to: Int
    @OptionGroup var output: FormatOption

    func validate() throws {
        guard to > from else { throw ValidationError("--to (\(to)) must be after --from (\(from)).") }
        if let problem = GrowthRate.percentProblem(growth, what: "--growth") { throw ValidationError(problem + ".") }
    }

    func run() {
        switch output.format {
        case .table: print(SolveText.compoundPath(value: value, from: from, growth: growth, to: to), terminator: "")
        default: print(CommandOutput.compoundPath(value: value, from: from, growth: growth, to: to, format: output.format), terminator: "")
        }
    }
}
