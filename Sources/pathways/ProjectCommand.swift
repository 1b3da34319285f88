import ArgumentParser
import Common
import Reports
import Studies

/// `pathways project`: compound growth by hand.
struct Project: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Compound a value at a constant growth rate, year by year.")

    @Option(parsing: .unconditional, help: "The starting value (may be negative).") var value: Double
    @Option(parsing: .unconditional, help: "The year of the starting value.") var from: Int
    @Option(parsing: .unconditional, help: "Annual growth as a fraction (0.065 for 6.5%, -0.05 for a fall of 5%).") var growth: Double
    @Option(parsing: .unconditional, help: "The last year.") var to: Int
    @OptionGroup var output: FormatOption

    func validate() throws {
        guard value.isFinite else { throw ValidationError("--value must be a finite number, not \(value).") }
        guard growth.isFinite, growth > -1 else { throw ValidationError("--growth must be a finite number above -1 (a fall of 100%), not \(growth).") }
        for (name, year) in [("--from", from), ("--to", to)] where !YearRange.contains(year) {
            throw ValidationError("\(name): \(YearRange.outside(year)).")
        }
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
