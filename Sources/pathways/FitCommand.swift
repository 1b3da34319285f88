import ArgumentParser
import Foundation
import LeastSquares
import Reports
import Studies

/// `pathways fit`: plain least squares on columns of a CSV file, for checking against references.
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit a linear regression to columns of a table and print the results as a table, CSV or JSON.",
        discussion: """
            The table has a header row (e.g. the NIST StRD files in Tests/LeastSquaresTests/Fixtures/nist-strd); any \
            encoding or workbook that trend --csv reads. Parameters are listed intercept first, then the --x columns in \
            the order given, or x, x^2, … x^K with --degree K.
            """
    )

    @Option(help: "The table: CSV or tab-separated text, or an .xlsx workbook; - reads standard input.") var csv: String
    @Option(help: "The sheet of an .xlsx workbook (default: the first).") var sheet: String?
    @Option(help: "The response column.") var y: String
    @Option(help: "Regressor columns, comma-separated.") var x: String
    @Option(parsing: .unconditional, help: "Fit the powers x, x², … x^K (K at most 20) of the one --x column.") var degree: Int?
    @Flag(help: "Leave out the intercept.") var noIntercept = false
    @OptionGroup var output: FormatOption

    func validate() throws {
        if let degree {
            guard (1...20).contains(degree) else { throw ValidationError("--degree must be between 1 and 20, not \(degree).") }
            guard !x.contains(",") else { throw ValidationError("--degree takes one --x column, not \(x).") }
        }
    }

    func run() throws {
        let xs = x.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let columns = try DataFile.numericColumns(path: csv, sheet: sheet, names: [y] + xs)
        let design: Design = degree.map { .polynomial(columns[1], degree: $0, intercept: !noIntercept, name: xs[0]) }
            ?? .columns(Array(columns.dropFirst()), names: xs, intercept: !noIntercept)
        let fit: LinearFit
        do {
            fit = try LinearRegression.fit(design, response: columns[0])
        } catch {
            FileHandle.standardError.write(Data("Error: \(csv): \(error)\n".utf8))
            throw ExitCode.failure
        }
        print(output.format == .table ? RegressionText.table(fit) : CommandOutput.fit(fit, format: output.format), terminator: "")
    }
}
