import ArgumentParser
import Foundation
import Reports
import Simulation

/// `pathways run`: the main job.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Project every indicator under every scenario, assess every target, and write the results.",
        discussion: """
            With no argument, runs the bundled Linhai study (Scenarios/linhai-2025) into Notebooks-out/linhai-2025. \
            Writes projections.csv, feasibility.csv and fits.csv (see Notebooks-out/README.md). Outputs are written \
            to temporary files and renamed into place only when all are written, so a failed run leaves earlier \
            outputs whole. The same inputs and seed give byte-identical files.
            """
    )

    @OptionGroup var study: StudyArgument
    @OptionGroup var simulation: SimulationArguments

    @Option(help: "Output folder (default: Notebooks-out/<study>).")
    var out: String?

    @Flag(help: "Start CSV files with a UTF-8 byte-order mark, so Excel reads Chinese text correctly.")
    var bom = false

    func run() throws {
        let loaded = try study.load()
        let result = try StudyRunner.run(loaded, options: simulation.runOptions)
        let folder = URL(fileURLWithPath: out ?? "Notebooks-out/\(loaded.id)")
        var output = AtomicOutput(folder: folder)
        RunTables.add(result, to: &output, byteOrderMark: bom)
        try output.commit()
        for note in result.notes { FileHandle.standardError.write(Data("Note: \(note)\n".utf8)) }
        let scenarios = result.scenarios.map(\.spec.name).joined(separator: ", ")
        print("Ran \(loaded.id): \(result.scenarios.count) scenarios (\(scenarios)), \(loaded.targets.count) targets, "
              + "\(result.scenarios.first?.paths ?? 0) paths each.")
        print("Wrote \(output.names.map { folder.appendingPathComponent($0).relativePath }.joined(separator: ", ")).")
    }
}
