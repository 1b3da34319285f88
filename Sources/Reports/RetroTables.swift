import Common
import Foundation
import Simulation
import Studies

/// The tidy tables of `pathways retro`: `retro.csv` (each target at each vintage against its outcome, with the
/// rivals' forecasts), `retro-scores.csv`, `retro-reliability.csv` and `retro-projections.csv`.
public enum RetroTables {
    public static let rowColumns = [
        "vintage", "scenario", "target", "p_meet", "verdict", "projected", "lo95", "hi95", "outcome", "met",
        "outcome_qualifier", "eurostat_status", "eurostat_met", "straight_line", "straight_line_met",
    ]
    public static let scoreColumns = ["scenario", "vintage", "method", "targets", "brier", "log_score"]
    public static let reliabilityColumns = ["scenario", "band", "p_from", "p_to", "forecasts", "met", "mean_p", "share_met"]
    public static let projectionColumns = [
        "vintage", "scenario", "indicator", "year", "projected", "lo80", "hi80", "lo95", "hi95", "outcome", "outcome_qualifier",
        "ape_percent", "covered80", "covered95",
    ]

    static func flag(_ value: Bool?) -> String { value.map { $0 ? "true" : "false" } ?? "" }

    /// `retro.csv`, sorted by scenario, target and vintage.
    public static func rows(_ retro: Retrospective) -> CSVTableWriter {
        var table = CSVTableWriter(header: rowColumns)
        for r in retro.rows.sorted(by: { ($0.scenario, $0.target.id, $0.vintage) < ($1.scenario, $1.target.id, $1.vintage) }) {
            table.append([
                String(r.vintage), r.scenario, r.target.id, NumberText.csv(r.pMeet), r.verdict.code, NumberText.csv(r.projected),
                NumberText.csv(r.lo95), NumberText.csv(r.hi95), NumberText.csv(r.outcome?.value), flag(r.met),
                r.outcome?.qualifier.code ?? "", r.status.rawValue, flag(r.eurostat), NumberText.csv(r.straightLine), flag(r.straightLineMet),
            ])
        }
        return table
    }

    /// `retro-scores.csv`: each method's Brier and log score per scenario and vintage, then over all vintages
    /// (`vintage` empty), on the rows all three forecast and whose outcome settles them.
    public static func scores(_ retro: Retrospective) -> CSVTableWriter {
        var table = CSVTableWriter(header: scoreColumns)
        for scenario in retro.scenarioNames.sorted() {
            for vintage in retro.years.map(Optional.some) + [nil] {
                for method in Retrospective.Method.allCases {
                    let s = retro.score(method, scenario: scenario, vintage: vintage)
                    table.append([scenario, NumberText.csv(vintage), method.rawValue, String(s?.count ?? 0),
                                  NumberText.csv(s?.brier), NumberText.csv(s?.logScore)])
                }
            }
        }
        return table
    }

    /// `retro-reliability.csv`: Pathways' scored forecasts by likelihood band, over all vintages.
    public static func reliability(_ retro: Retrospective) -> CSVTableWriter {
        var table = CSVTableWriter(header: reliabilityColumns)
        for scenario in retro.scenarioNames.sorted() {
            for row in retro.reliability(scenario: scenario) {
                let range = row.band.range
                table.append([scenario, row.band.name.en, NumberText.csv(range.lower), NumberText.csv(range.upper), String(row.count),
                              String(row.met), NumberText.csv(row.meanProbability), NumberText.csv(row.observedFrequency)])
            }
        }
        return table
    }

    /// `retro-projections.csv`: every indicator with an outcome in the target year, as each vintage projected it.
    public static func projections(_ retro: Retrospective) -> CSVTableWriter {
        var table = CSVTableWriter(header: projectionColumns)
        for p in retro.projections.sorted(by: { ($0.scenario, $0.indicator, $0.vintage) < ($1.scenario, $1.indicator, $1.vintage) }) {
            table.append([
                String(p.vintage), p.scenario, p.indicator, String(p.year), NumberText.csv(p.projected), NumberText.csv(p.lo80),
                NumberText.csv(p.hi80), NumberText.csv(p.lo95), NumberText.csv(p.hi95), NumberText.csv(p.outcome.value),
                p.outcome.qualifier.code, NumberText.csv(p.absolutePercentageError.map { $0 * 100 }), flag(p.covered80), flag(p.covered95),
            ])
        }
        return table
    }

    /// Adds the four tables to an output set.
    public static func add(_ retro: Retrospective, to output: inout AtomicOutput, byteOrderMark: Bool) {
        for (name, table) in [("retro.csv", rows(retro)), ("retro-scores.csv", scores(retro)), ("retro-reliability.csv", reliability(retro)),
                              ("retro-projections.csv", projections(retro))] {
            output.add(name, text: table.text(byteOrderMark: byteOrderMark))
        }
    }
}
