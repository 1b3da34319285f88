import ArgumentParser
import Foundation
import Reports
import Studies

/// `pathways init [DIR]`: a small, commented, valid study to start from.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a small, commented study (study.yaml, targets.yaml, history.csv, two scenarios) that runs as it is.",
        discussion: """
            The folder's name becomes the study's id. The study holds one of each kind of thing (a level, a share with a \
            cap, a derived ratio, a flow; a level, a doubling and a cumulative target; a baseline and one scenario) with \
            example numbers: replace them with yours (pathways template, then pathways import). Refuses to write over \
            an existing study. docs/FORMATS.md describes every file and key.
            """
    )

    @Argument(help: "The folder to write (created if needed; default: the current folder).")
    var folder: String = "."

    @OptionGroup var output: FormatOption

    func run() throws {
        let url = URL(fileURLWithPath: folder).standardizedFileURL
        let id = url.lastPathComponent
        let files = StarterStudy.files(id: id)
        let existing = files.map(\.name).filter { FileManager.default.fileExists(atPath: url.appendingPathComponent($0).path) }
        guard existing.isEmpty else {
            throw ValidationError("\(folder) already holds \(existing.joined(separator: ", ")); init writes a new study only into a folder without one.")
        }
        for file in files {
            let target = URL(fileURLWithPath: folder).appendingPathComponent(file.name)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try SingleFile.write(Data(file.text.utf8), to: target)
        }
        let shown = folder == "." ? "the current folder" : folder
        let message = "Wrote study '\(id)' to \(shown): \(files.map(\.name).joined(separator: ", ")). "
            + "Next: pathways run \(folder == "." ? "" : folder)".trimmingCharacters(in: .whitespaces)
            + "; replace the example numbers with pathways template and pathways import."
        print(CommandOutput.written(command: "init", study: id, files: files.map(\.name), rows: nil, message: message, format: output.format),
              terminator: "")
    }
}
