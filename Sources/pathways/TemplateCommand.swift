import ArgumentParser
import Foundation
import Reports
import Studies

/// `pathways template [STUDY]`: a sheet of the numbers the targets need and the history lacks.
struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a fill-in sheet of every indicator × year the targets need and history.csv lacks.",
        discussion: """
            One row per indicator and year, with both names, the unit, the targets it feeds and the plan's words; \
            fill in value and source, then run pathways import STUDY FILE. Years: from five years before the base \
            year (or a target's own base year) to the target year, unless --from and --to say otherwise. Writes CSV \
            to standard output, or to --out; --format xlsx needs --out; --format json prints the rows as JSON.
            """
    )

    enum SheetFormat: String, ExpressibleByArgument, CaseIterable { case csv, xlsx, json }

    @OptionGroup var study: StudyArgument
    @Option(help: "csv (default), xlsx (an Excel workbook with a second sheet of instructions) or json.") var format: SheetFormat = .csv
    @Option(help: "The file to write (default: standard output; required for xlsx).") var out: String?
    @Option(help: "The first year to ask for.") var from: Int?
    @Option(help: "The last year to ask for (default: the study's target year).") var to: Int?
    @Flag(help: "Start a CSV file with a UTF-8 byte-order mark, so Excel reads its Chinese text correctly.") var bom = false

    func validate() throws {
        if format == .xlsx && out == nil { throw ValidationError("--format xlsx writes a workbook: give --out FILE.xlsx.") }
        if let from, let to, from > to { throw ValidationError("--from (\(from)) is after --to (\(to)).") }
        if let out, out.isEmpty { throw ValidationError("--out needs a file name.") }
    }

    func run() throws {
        let loaded = try study.load()
        let rows = FillInSheet.rows(loaded, first: from, last: to)
        let data: Data
        switch format {
        case .csv:
            var table = CSVTableWriter(header: FillInSheet.columns)
            for row in rows { table.append(row.fields) }
            data = Data(table.text(byteOrderMark: bom).utf8)
        case .json:
            data = Data(CommandOutput.fillIn(rows).utf8)
        case .xlsx:
            data = FillInSheet.workbook(rows)
        }
        guard let out else {
            FileHandle.standardOutput.write(data)
            return
        }
        try SingleFile.write(data, to: URL(fileURLWithPath: out))
        let indicators = Set(rows.map(\.indicator)).count
        func quoted(_ path: String) -> String { path.contains(" ") ? "'\(path)'" : path }
        let next = (["pathways", "import"] + (study.study.map { [quoted($0)] } ?? []) + [quoted(out)]).joined(separator: " ")
        Console.error("Wrote \(out): \(rows.count) rows to fill in (\(indicators) indicators). Fill in value and source, then: \(next)")
    }
}
