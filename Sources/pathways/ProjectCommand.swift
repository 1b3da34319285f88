import ArgumentParser
import Reports

/// `pathways project`: compound growth by hand.
struct Project: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Compound a value at a constant growth rate, year by year.")

    @Option(help: "The starting value.") var value: Double
    @Option(help: "The year of the starting value.") var from: Int
    @Option(help: "Annual growth as a fraction (0.065 for 6.5%).") var growth: Double
    @Option(help: "The last year.") var to: Int

    func validate() throws {
        guard to > from else { throw ValidationError("--to (\(to)) must be after --from (\(from)).") }
        guard growth > -1 else { throw ValidationError("--growth must be above -1 (a fall of 100%).") }
    }

    func run() {
        print(SolveText.compoundPath(value: value, from: from, growth: growth, to: to), terminator: "")
    }
}
