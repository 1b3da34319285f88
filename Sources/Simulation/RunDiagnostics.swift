import Studies

/// What a run could not project, as warnings located in the study's files, so that nothing leaves the
/// outputs without a word: `run`, `check` and `validate` print them.
extension StudyRunner {
    /// Every indicator with two or more observations but no trend (values outside every family's domain, a
    /// cap below the data, every year excluded): it has no projection, and its targets none either; and every
    /// indicator whose `model` cannot be fitted, projected by the fallback instead. A single observation is
    /// not reported: its targets already say `insufficient data`.
    public static func trendDiagnostics(_ study: Study, trends: [IndicatorTrend]) -> [Diagnostic] {
        trends.compactMap { trend in
            guard let indicator = study.indicator(id: trend.indicator), study.observations(for: indicator.id).count >= 2 else { return nil }
            let reason = trend.reason.hasPrefix(indicator.id + ": ") ? String(trend.reason.dropFirst(indicator.id.count + 2)) : trend.reason
            if trend.fit == nil {
                return Diagnostic(.warning, "no trend can be fitted, so \(indicator.id) is not projected: \(reason)",
                                  file: StudyLoader.studyFile, line: indicator.line, field: "indicators[\(indicator.id)]")
            }
            // A family set in study.yaml that cannot apply: the indicator is projected, but not as the file says.
            if case .family(let family) = method(indicator.model), trend.fit?.family != family {
                return Diagnostic(.warning, "model \(indicator.model.rawValue) cannot be fitted, so \(indicator.id) is projected another way: \(reason)",
                                  file: StudyLoader.studyFile, line: indicator.line, field: "indicators[\(indicator.id)].model")
            }
            return nil
        }
    }

    /// ``trendDiagnostics(_:trends:)`` of a study not run yet: fits its trends.
    public static func trendDiagnostics(_ study: Study) -> [Diagnostic] { trendDiagnostics(study, trends: fitTrends(study)) }

    /// The trend warnings of a run, and every derived indicator that has no projection under a scenario
    /// although each of its inputs has one (its formula gave no finite value on any path).
    public static func diagnostics(of run: StudyRun) -> [Diagnostic] {
        var diagnostics = trendDiagnostics(run.study, trends: run.trends)
        for scenario in run.scenarios {
            let projected = Set(scenario.projections.filter { $0.kind == .projected }.map(\.indicator))
            for indicator in run.study.indicators {
                guard let formula = indicator.formula, !projected.contains(indicator.id),
                      !formula.indicatorIDs.isEmpty, formula.indicatorIDs.allSatisfy(projected.contains) else { continue }
                diagnostics.append(Diagnostic(.warning, "under scenario \(scenario.spec.name) the formula \(formula) has no finite value on any path "
                                              + "(a division by zero?), so \(indicator.id) is not projected",
                                              file: StudyLoader.studyFile, line: indicator.line, field: "indicators[\(indicator.id)].derived"))
            }
        }
        return diagnostics
    }
}
