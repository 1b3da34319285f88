import ArgumentParser
import Foundation
import Reports
import Studies

/// `pathways import [STUDY] FILE...`: merges filled-in sheets into history.csv.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Merge filled-in sheets (CSV, tab-separated text or .xlsx; long or wide) into a study's history.csv.",
        usage: "pathways import [<study>] <file> ... [--replace] [--source <source>] [--sheet <sheet>]",
        discussion: """
            Every cell is checked as history.csv itself is (indicator ids or names, years, numbers, a source for each \
            row); rows without a value are skipped. A value that differs from one already in history.csv is refused \
            unless --replace. history.csv is rewritten in full (UTF-8, long form) only when everything passes, and \
            atomically. The first argument is the study when it is a folder; otherwise the study is the current \
            folder (when it holds study.yaml) or the bundled one.
            """
    )

    @Argument(help: ArgumentHelp("[STUDY] FILE...: the study folder, then the filled-in sheets (- reads standard input).", valueName: "study-and-files"))
    var arguments: [String] = []
    @Flag(help: "Take the sheet's value where history.csv already has a different one.") var replace = false
    @Option(help: "The source of every row whose sheet has no source (a bulletin, a yearbook table, a URL).") var source: String?
    @Option(help: "The sheet of .xlsx workbooks (default: the first).") var sheet: String?
    @Flag(name: .shortAndLong, help: "Say how each file was read (encoding, separator or sheet).") var verbose = false
    @OptionGroup var output: FormatOption

    func validate() throws {
        guard !arguments.isEmpty else { throw ValidationError("Give the files to import: pathways import [STUDY] FILE...") }
        if let source, source.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--source needs a text.") }
    }

    func run() throws {
        var isDirectory: ObjCBool = false
        let first = arguments[0]
        let named = arguments.count > 1 && FileManager.default.fileExists(atPath: first, isDirectory: &isDirectory) && isDirectory.boolValue
        let study = StudyArgument.named(named ? first : nil)
        let files = named ? Array(arguments.dropFirst()) : arguments
        let loaded = try study.load()
        let historyPath = URL(fileURLWithPath: study.folder).appendingPathComponent(StudyLoader.historyFile)
        let existing = FileManager.default.fileExists(atPath: historyPath.path)
            ? try TableFile.read(path: historyPath.path) : nil
        var sheets: [TableFile.Loaded] = []
        for file in files {
            let sheetFile = try TableFile.read(path: file, sheet: sheet)
            if verbose { Console.error("Read \(sheetFile.name): \(sheetFile.format).") }
            sheets.append(sheetFile)
        }
        let merge: HistoryImport.Merge
        do {
            merge = try HistoryImport.merge(sheets, into: loaded, existing: existing, defaultSource: source, replace: replace)
        } catch {
            for diagnostic in error.diagnostics { Console.error("\(diagnostic)") }
            Console.error("Error: \(error.diagnostics.filter { $0.severity == .error }.count) problem(s); history.csv was not changed.")
            throw ExitCode.failure
        }
        for warning in merge.warnings { Console.error("\(warning)") }
        var table = CSVTableWriter(header: merge.rows[0])
        for row in merge.rows.dropFirst() { table.append(row) }
        let text = table.text(byteOrderMark: existing?.format.contains("byte-order mark") ?? false)
        try SingleFile.write(Data(text.utf8), to: historyPath)
        let message = "Imported \(files.count) file\(files.count == 1 ? "" : "s") into \(loaded.id): \(merge.added) rows added, "
            + "\(merge.replaced) replaced, \(merge.unchanged) already there; wrote \(historyPath.relativePath)."
        print(CommandOutput.written(command: "import", study: loaded.id, files: [historyPath.relativePath], rows: merge.added + merge.replaced,
                                    message: message, format: output.format), terminator: "")
    }
}
