import Common
import Foundation
import Simulation
import Studies

/// Every output of a run that people look at, added to an output set next to the CSV tables:
/// one SVG chart per indicator with data, the HTML report, and the Jupyter notebook.
public enum RunReport {
    /// The charts of every indicator that has observations or projections, in the study's order.
    public static func charts(_ run: StudyRun) -> [IndicatorChart] {
        let names = run.scenarios.map(\.spec.name)
        return IndicatorResults.all(run).filter(\.hasData).map { IndicatorChart(results: $0, scenarioNames: names) }
    }

    /// Adds the CSV tables, the charts, `report.html` and `analysis.ipynb` to `output`; with a retrospective,
    /// its tables, its chart and its section of the report too.
    public static func add(_ run: StudyRun, retrospective: Retrospective? = nil, to output: inout AtomicOutput, byteOrderMark: Bool = false) {
        RunTables.add(run, to: &output, byteOrderMark: byteOrderMark)
        if let retrospective { RetroTables.add(retrospective, to: &output, byteOrderMark: byteOrderMark) }
        let charts = charts(run)
        // Drawn on all cores (a study of thousands of indicators has thousands of charts), added in order.
        let svgs = Parallel.map(charts.count) { charts[$0].svg() }
        for (chart, svg) in zip(charts, svgs) { output.add(chart.fileName, text: svg) }
        if let retrospective { output.add(RetroChart.fileName, text: RetroChart(retro: retrospective).svg()) }
        output.add("report.html", text: HTMLReport(run: run, charts: charts, retrospective: retrospective).text())
        output.add("analysis.ipynb", text: NotebookWriter(run: run).text())
    }
}

extension RunReport {
    /// What a run wrote and where, for the end of the command: one line, with the charts counted;
    /// `detailed` lists every file with its size instead.
    public static func summary(of output: AtomicOutput, detailed: Bool = false) -> [String] {
        let folder = output.folder.relativePath
        if detailed {
            return ["Wrote \(output.names.count) files to \(folder)/:"] + output.files.map { "  \($0.name)  (\($0.data.count) bytes)" }
        }
        let charts = output.names.filter { $0.hasPrefix("charts/") }
        var parts = output.names.filter { !$0.hasPrefix("charts/") }
        if !charts.isEmpty {
            let index = parts.firstIndex(of: "report.html") ?? parts.endIndex
            parts.insert("charts/ (\(charts.count) SVG)", at: index)
        }
        return ["Wrote \(output.names.count) files to \(folder)/: \(parts.joined(separator: ", "))."]
    }
}
