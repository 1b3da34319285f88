import Common
import Foundation
import Simulation
import Studies
import Trends

/// The tidy CSV tables of a run: `projections.csv`, `feasibility.csv`, `fits.csv`, `correlations.csv`, one fact a row,
/// sorted so the same inputs and seed give the same bytes.
public enum RunTables {
    public static let projectionColumns = ["scenario", "indicator", "year", "kind", "value", "lo80", "hi80", "lo95", "hi95"]
    public static let feasibilityColumns = [
        "scenario", "target", "indicator", "year", "op", "target_value", "latest_year", "latest_value", "met_at_latest",
        "projected", "lo80", "hi80", "lo95", "hi95", "p_meet", "verdict", "gap", "outcome", "outcome_qualifier", "pace_needed", "pace_projected", "pace_unit",
        "observed_cagr", "required_cagr", "progress_ratio", "status", "unsd_score",
        "escap_base_year", "escap_anticipated", "escap_gap", "escap_action", "year_met", "growth_needed", "note",
    ]
    public static let correlationColumns = ["scenario", "indicator_a", "indicator_b", "correlation", "source", "detail"]
    public static let fitColumns = ["indicator", "family", "chosen", "term", "estimate", "se", "aicc", "cv_smape", "cv_mase", "reason"]

    public static func projections(_ run: StudyRun) -> CSVTableWriter {
        var table = CSVTableWriter(header: projectionColumns)
        let rows = run.scenarios.flatMap(\.projections).sorted {
            ($0.scenario, $0.indicator, $0.year, $0.kind.rawValue) < ($1.scenario, $1.indicator, $1.year, $1.kind.rawValue)
        }
        for r in rows {
            table.append([r.scenario, r.indicator, String(r.year), r.kind.rawValue, NumberText.csv(r.value),
                          NumberText.csv(r.lo80), NumberText.csv(r.hi80), NumberText.csv(r.lo95), NumberText.csv(r.hi95)])
        }
        return table
    }

    public static func feasibility(_ run: StudyRun) -> CSVTableWriter {
        var table = CSVTableWriter(header: feasibilityColumns)
        let rows = run.scenarios.flatMap(\.feasibility).sorted { ($0.scenario, $0.target.id) < ($1.scenario, $1.target.id) }
        for r in rows {
            let unit = run.study.indicator(id: r.target.indicator)?.unit ?? ""
            let escap = r.anticipatedProgress
            table.append([
                r.scenario, r.target.id, r.target.indicator, String(r.target.year), r.target.rule.op.rawValue,
                NumberText.csv(r.targetValue), NumberText.csv(r.latestYear), NumberText.csv(r.latestValue),
                r.metAtLatest.map { $0 ? "true" : "false" } ?? "",
                NumberText.csv(r.projected), NumberText.csv(r.lo80), NumberText.csv(r.hi80), NumberText.csv(r.lo95), NumberText.csv(r.hi95),
                NumberText.csv(r.pMeet), r.verdict.code, NumberText.csv(r.gap), NumberText.csv(r.outcome?.value), r.outcome?.qualifier.code ?? "",
                NumberText.csv(r.pace?.needed), NumberText.csv(r.pace?.projected), r.pace?.unit.rawValue ?? "",
                NumberText.csv(r.observedGrowth), NumberText.csv(r.requiredGrowth), NumberText.csv(r.progressRatio),
                r.status.rawValue, NumberText.csv(r.projectedProgressScore),
                NumberText.csv(escap?.baseYear), NumberText.csv(escap?.anticipated), NumberText.csv(escap?.gap), escap?.action.rawValue ?? "",
                NumberText.csv(r.yearMet), NumberText.csv(r.growthNeeded), FeasibilityText.note(r, indicatorUnit: unit),
            ])
        }
        return table
    }

    /// `correlations.csv`: the correlation of every pair of simulated indicators' shocks in each scenario and
    /// where it came from (`scenario`, `study`, `panel`, `residuals`, `none`).
    public static func correlations(_ run: StudyRun) -> CSVTableWriter {
        var table = CSVTableWriter(header: correlationColumns)
        for scenario in run.scenarios.sorted(by: { $0.spec.name < $1.spec.name }) {
            for c in scenario.correlations {
                table.append([scenario.spec.name, c.pair.first, c.pair.second, NumberText.csv(c.value), c.source.code, c.source.description])
            }
        }
        return table
    }

    /// Tidy fits: for each indicator × family, one row per parameter (`term`, `estimate`, `se`; a profiled
    /// logistic cap as `cap` and a damping factor as `phi`, without a standard error), then one row of the
    /// fit's measures with an empty `term` (`aicc`, cross-validation accuracy, and why it was chosen);
    /// `chosen` on every row. An indicator with no fit has one measures row with an empty family.
    public static func fits(_ run: StudyRun) -> CSVTableWriter {
        var table = CSVTableWriter(header: fitColumns)
        for trend in run.trends.sorted(by: { $0.indicator < $1.indicator }) {
            if trend.candidates.isEmpty {
                table.append([trend.indicator, "", "false", "", "", "", "", "", "", trend.reason])
            }
            for fit in trend.candidates {
                let accuracy = trend.selection?.accuracy[fit.family]
                let chosen = fit.family == trend.fit?.family ? "true" : "false"
                var terms = zip(fit.parameterNames, zip(fit.parameters, fit.standardErrors)).map { ($0, $1.0, Optional($1.1)) }
                if let cap = fit.cap { terms.append(("cap", cap, nil)) }
                if let phi = fit.dampingFactor { terms.append(("phi", phi, nil)) }
                for (term, estimate, se) in terms {
                    table.append([trend.indicator, fit.family.name, chosen, term, NumberText.csv(estimate), NumberText.csv(se), "", "", "", ""])
                }
                table.append([trend.indicator, fit.family.name, chosen, "", "", "", NumberText.csv(fit.aicc), NumberText.csv(accuracy?.smape),
                              NumberText.csv(accuracy?.mase), chosen == "true" ? trend.reason : ""])
            }
        }
        return table
    }

    /// Adds the four tables to an output set.
    public static func add(_ run: StudyRun, to output: inout AtomicOutput, byteOrderMark: Bool) {
        output.add("projections.csv", text: projections(run).text(byteOrderMark: byteOrderMark))
        output.add("feasibility.csv", text: feasibility(run).text(byteOrderMark: byteOrderMark))
        output.add("fits.csv", text: fits(run).text(byteOrderMark: byteOrderMark))
        output.add("correlations.csv", text: correlations(run).text(byteOrderMark: byteOrderMark))
    }
}
