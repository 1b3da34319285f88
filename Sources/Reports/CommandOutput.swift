import Common
import Foundation
import LeastSquares
import Simulation
import Studies
import Trends

/// What a command prints: a table for people, CSV or JSON for programs.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, json
}

/// JSON output of every command: `Codable` values written by `JSONEncoder` (keys sorted, so the same result
/// gives the same bytes); a missing or non-finite number is `null`.
public enum JSONOutput {
    public static func text(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
        } catch {
            preconditionFailure("a command's JSON could not be encoded: \(error)")
        }
    }

    /// `value` when finite, else nil (JSON has no NaN or infinity).
    public static func finite(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        return value
    }
}

/// The printed results of the commands, in each format.
public enum CommandOutput {
    // MARK: validate

    struct DiagnosticJSON: Encodable {
        var severity: String, file: String, line: Int?, column: Int?, field: String, message: String
    }

    struct ValidationJSON: Encodable {
        var study: String
        var valid: Bool
        var indicators: Int?, targets: Int?, observations: Int?, scenarios: Int?
        var errors: Int, warnings: Int
        var diagnostics: [DiagnosticJSON]
    }

    public static let diagnosticColumns = ["severity", "file", "line", "column", "field", "message"]

    /// `validate` as CSV (one row per diagnostic) or JSON (the counts and every diagnostic), with the warnings of
    /// the review against the trends (`review`) after the file diagnostics.
    public static func validation(_ validation: StudyValidation, review: [Diagnostic] = [], folder: String, format: OutputFormat) -> String {
        let rows = (validation.diagnostics + review).map {
            DiagnosticJSON(severity: $0.severity.rawValue, file: $0.file, line: $0.line, column: $0.column, field: $0.field, message: $0.message)
        }
        if format == .csv {
            var table = CSVTableWriter(header: diagnosticColumns)
            for r in rows { table.append([r.severity, r.file, NumberText.csv(r.line), NumberText.csv(r.column), r.field, r.message]) }
            return table.text()
        }
        let s = validation.study
        return JSONOutput.text(ValidationJSON(study: folder, valid: s != nil, indicators: s?.indicators.count, targets: s?.targets.count,
                                              observations: s?.observations.count, scenarios: s?.scenarios.count,
                                              errors: validation.errors.count, warnings: validation.warnings.count + review.count, diagnostics: rows))
    }

    // MARK: targets

    struct TargetJSON: Encodable {
        var id: String, indicator: String, name_zh: String, name_en: String, rule: String, year: Int, observations: Int
    }

    struct TargetsJSON: Encodable { var study: String, title_zh: String, title_en: String, targets: [TargetJSON] }

    public static let targetColumns = ["id", "indicator", "name_zh", "name_en", "rule", "year", "observations"]

    public static func targets(_ study: Study, format: OutputFormat) -> String {
        let rows = zip(study.targets, study.targetCatalog()).map { target, entry in
            TargetJSON(id: entry.id, indicator: target.indicator, name_zh: entry.name.zh, name_en: entry.name.en, rule: entry.rule,
                       year: entry.year, observations: entry.observationCount)
        }
        if format == .csv {
            var table = CSVTableWriter(header: targetColumns)
            for r in rows { table.append([r.id, r.indicator, r.name_zh, r.name_en, r.rule, String(r.year), String(r.observations)]) }
            return table.text()
        }
        return JSONOutput.text(TargetsJSON(study: study.id, title_zh: study.title.zh, title_en: study.title.en, targets: rows))
    }

    // MARK: check

    struct FeasibilityJSON: Encodable {
        var scenario: String, target: String, indicator: String, year: Int, op: String
        var target_value: Double?, latest_year: Int?, latest_value: Double?, projected: Double?, lo95: Double?, hi95: Double?
        var p_meet: Double?, verdict: String, gap: Double?, outcome: Double?, outcome_qualifier: String
        var observed_cagr: Double?, required_cagr: Double?, progress_ratio: Double?, status: String
        var unsd_score: Double?, year_met: Int?, growth_needed: Double?
    }

    /// `check` as JSON: one object per scenario × target, with the keys of `feasibility.csv`.
    public static func feasibilityJSON(_ run: StudyRun) -> String {
        let f = JSONOutput.finite
        let rows = run.scenarios.flatMap(\.feasibility).sorted { ($0.scenario, $0.target.id) < ($1.scenario, $1.target.id) }.map { r in
            FeasibilityJSON(scenario: r.scenario, target: r.target.id, indicator: r.target.indicator, year: r.target.year, op: r.target.rule.op.rawValue,
                            target_value: f(r.targetValue), latest_year: r.latestYear, latest_value: f(r.latestValue), projected: f(r.projected),
                            lo95: f(r.lo95), hi95: f(r.hi95), p_meet: f(r.pMeet), verdict: r.verdict.code, gap: f(r.gap), outcome: f(r.outcome?.value),
                            outcome_qualifier: r.outcome?.qualifier.code ?? "", observed_cagr: f(r.observedGrowth), required_cagr: f(r.requiredGrowth),
                            progress_ratio: f(r.progressRatio), status: r.status.rawValue, unsd_score: f(r.projectedProgressScore),
                            year_met: r.yearMet, growth_needed: f(r.growthNeeded))
        }
        return JSONOutput.text(rows)
    }

    // MARK: run

    struct FileJSON: Encodable { var name: String, bytes: Int }
    struct RunJSON: Encodable {
        var study: String, out: String, scenarios: [String], targets: Int, paths: Int, files: [FileJSON], notes: [String]
    }

    /// `run` as CSV (one row per file written) or JSON (what ran and every file written).
    public static func run(_ run: StudyRun, output: AtomicOutput, format: OutputFormat) -> String {
        let files = output.files.map { FileJSON(name: $0.name, bytes: $0.data.count) }
        if format == .csv {
            var table = CSVTableWriter(header: ["file", "bytes"])
            for file in files { table.append([file.name, String(file.bytes)]) }
            return table.text()
        }
        return JSONOutput.text(RunJSON(study: run.study.id, out: output.folder.relativePath, scenarios: run.scenarios.map(\.spec.name),
                                       targets: run.study.targets.count, paths: run.scenarios.first?.paths ?? 0, files: files, notes: run.notes))
    }

    // MARK: solve

    struct SolveJSON: Encodable {
        var target: String, indicator: String, scenario: String, probability: Double, growth: Double, from_year: Int
        var threshold: Double?, measure: Double?, assumption: String
    }

    public static let solveColumns = ["target", "indicator", "scenario", "probability", "growth", "from_year", "threshold", "measure"]

    public static func solve(_ r: GoalSeekResult, format: OutputFormat) -> String {
        if format == .csv {
            var table = CSVTableWriter(header: solveColumns)
            table.append([r.target.id, r.indicator, r.scenario, NumberText.csv(r.probability), NumberText.csv(r.growth), String(r.fromYear),
                          NumberText.csv(r.threshold), NumberText.csv(r.measure)])
            return table.text()
        }
        return JSONOutput.text(SolveJSON(target: r.target.id, indicator: r.indicator, scenario: r.scenario, probability: r.probability,
                                         growth: r.growth, from_year: r.fromYear, threshold: JSONOutput.finite(r.threshold),
                                         measure: JSONOutput.finite(r.measure),
                                         assumption: "\(r.indicator): {growth: \(NumberText.csv(r.growth)), from: \(r.fromYear)}"))
    }

    // MARK: project

    struct YearValue: Encodable { var year: Int, value: Double? }

    /// `project` as CSV or JSON: `year,value` of `value · (1 + growth)^(year − from)`.
    public static func compoundPath(value: Double, from: Int, growth: Double, to: Int, format: OutputFormat) -> String {
        let rows = (from...to).map { YearValue(year: $0, value: JSONOutput.finite(CompoundGrowth.project(value, rate: growth, years: $0 - from))) }
        if format == .csv {
            var table = CSVTableWriter(header: ["year", "value"])
            for r in rows { table.append([String(r.year), NumberText.csv(r.value)]) }
            return table.text()
        }
        return JSONOutput.text(rows)
    }

    // MARK: fit

    struct FitJSON: Encodable {
        var parameterNames: [String]
        var parameters: [Double?], standardErrors: [Double?], tStatistics: [Double?], pValues: [Double?]
        var residualStandardDeviation: Double?, rSquared: Double?, adjustedRSquared: Double?, logLikelihood: Double?
        var aic: Double?, aicc: Double?, bic: Double?
        var observations: Int, dfResidual: Int, rank: Int
        var conditionNumber: Double?, scaledConditionNumber: Double?
        var warnings: [String]
    }

    public static let fitColumns = ["term", "estimate", "se", "t", "p"]

    /// `fit` as CSV (one row per parameter) or JSON (every estimate and summary measure, camel-case keys).
    public static func fit(_ fit: LinearFit, format: OutputFormat) -> String {
        let f = JSONOutput.finite
        if format == .csv {
            var table = CSVTableWriter(header: fitColumns)
            for j in fit.parameterNames.indices {
                table.append([fit.parameterNames[j], NumberText.csv(fit.parameters[j]), NumberText.csv(fit.standardErrors[j]),
                              NumberText.csv(fit.tStatistics[j]), NumberText.csv(fit.pValues[j])])
            }
            return table.text()
        }
        return JSONOutput.text(FitJSON(
            parameterNames: fit.parameterNames, parameters: fit.parameters.map(f), standardErrors: fit.standardErrors.map(f),
            tStatistics: fit.tStatistics.map(f), pValues: fit.pValues.map(f), residualStandardDeviation: f(fit.residualStandardDeviation),
            rSquared: f(fit.rSquared), adjustedRSquared: f(fit.adjustedRSquared), logLikelihood: f(fit.logLikelihood), aic: f(fit.aic),
            aicc: f(fit.aicc), bic: f(fit.bic), observations: fit.observationCount, dfResidual: fit.dfResidual, rank: fit.rank,
            conditionNumber: f(fit.conditionNumber), scaledConditionNumber: f(fit.scaledConditionNumber), warnings: fit.warnings.map(\.description)))
    }

    // MARK: backtest

    struct BacktestRowJSON: Encodable {
        var method: String, horizon: Int?, forecasts: Int, smape: Double?, mase: Double?, msis: Double?, coverage80: Double?, coverage95: Double?
    }
    struct BacktestJSON: Encodable {
        var series: Int, rows: [BacktestRowJSON], skipped: [[String: String]]
    }

    public static let backtestColumns = ["method", "horizon", "forecasts", "smape", "mase", "msis", "coverage80", "coverage95"]

    /// `backtest` as CSV or JSON: accuracy and coverage per method and horizon (`horizon` empty or null: all).
    public static func backtest(_ backtest: Backtest, format: OutputFormat) -> String {
        let f = JSONOutput.finite
        let rows = backtest.rows.map { r in
            BacktestRowJSON(method: r.method, horizon: r.horizon, forecasts: r.accuracy.count, smape: f(r.accuracy.smape), mase: f(r.accuracy.mase),
                            msis: f(r.accuracy.msis), coverage80: f(r.accuracy.coverage80), coverage95: f(r.accuracy.coverage95))
        }
        if format == .csv {
            var table = CSVTableWriter(header: backtestColumns)
            for r in rows {
                table.append([r.method, NumberText.csv(r.horizon), String(r.forecasts), NumberText.csv(r.smape), NumberText.csv(r.mase),
                              NumberText.csv(r.msis), NumberText.csv(r.coverage80), NumberText.csv(r.coverage95)])
            }
            return table.text()
        }
        return JSONOutput.text(BacktestJSON(series: backtest.seriesCount, rows: rows,
                                            skipped: backtest.skipped.map { ["series": $0.series, "reason": $0.reason] }))
    }

    // MARK: template

    struct FillInJSON: Encodable {
        var indicator: String, year: Int, value: Double?, source: String?, name_zh: String, name_en: String, unit: String, target: String, quote: String
    }

    /// The fill-in rows of `template` as JSON, with the keys of its CSV columns (value and source null).
    public static func fillIn(_ rows: [FillInSheet.Row]) -> String {
        JSONOutput.text(rows.map {
            FillInJSON(indicator: $0.indicator, year: $0.year, value: nil, source: nil, name_zh: $0.nameZh, name_en: $0.nameEn,
                       unit: $0.unit, target: $0.targets, quote: $0.quote)
        })
    }

    // MARK: files written (init, template, import)

    struct WrittenJSON: Encodable { var command: String, study: String, files: [String], rows: Int?, message: String }

    /// A command that writes files: one summary line (table), or its summary as CSV or JSON.
    public static func written(command: String, study: String, files: [String], rows: Int?, message: String, format: OutputFormat) -> String {
        switch format {
        case .table:
            return message + "\n"
        case .csv:
            var table = CSVTableWriter(header: ["command", "study", "file", "rows"])
            for file in files { table.append([command, study, file, NumberText.csv(rows)]) }
            return table.text()
        case .json:
            return JSONOutput.text(WrittenJSON(command: command, study: study, files: files, rows: rows, message: message))
        }
    }
}
