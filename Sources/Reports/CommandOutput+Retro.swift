import Common
import Foundation
import Simulation
import Studies

extension CommandOutput {
    struct RetroScoreJSON: Encodable {
        var scenario: String, vintage: Int?, method: String, targets: Int, brier: Double?, log_score: Double?
    }

    struct RetroJSON: Encodable {
        var study: String, out: String, vintages: [Int], outcome_year: Int, targets: Int
        var settled: [String], unsettled: [String], without_outcome: Int
        var scores: [RetroScoreJSON], log_score_epsilon: Double, files: [FileJSON], notes: [String]
    }

    /// `retro` as CSV (`retro-scores.csv`) or JSON (the vintages, what can be scored, every score, the files written).
    public static func retro(_ retro: Retrospective, output: AtomicOutput, format: OutputFormat) -> String {
        if format == .csv { return RetroTables.scores(retro).text() }
        var scores: [RetroScoreJSON] = []
        for scenario in retro.scenarioNames.sorted() {
            for vintage in retro.years.map(Optional.some) + [nil] {
                for method in Retrospective.Method.allCases {
                    let s = retro.score(method, scenario: scenario, vintage: vintage)
                    scores.append(RetroScoreJSON(scenario: scenario, vintage: vintage, method: method.rawValue, targets: s?.count ?? 0,
                                                 brier: JSONOutput.finite(s?.brier), log_score: JSONOutput.finite(s?.logScore)))
                }
            }
        }
        return JSONOutput.text(RetroJSON(
            study: retro.study.id, out: output.folder.relativePath, vintages: retro.years, outcome_year: retro.outcomeYear,
            targets: retro.outcomes.count, settled: retro.settled.map(\.target.id), unsettled: retro.unsettled.map(\.target.id),
            without_outcome: retro.withoutOutcome.count, scores: scores, log_score_epsilon: ForecastScore.epsilon,
            files: output.files.map { FileJSON(name: $0.name, bytes: $0.data.count) }, notes: retro.notes))
    }
}
