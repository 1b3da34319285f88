import Common

/// Checks that need two files at once: values the history or a scenario gives that the indicator
/// declared in `study.yaml` cannot take. Each would otherwise vanish from the projections without a word
/// (a negative income on a log scale) or be fitted as if it made sense (a share of 154%).
enum StudyConsistency {
    /// The range an indicator's values must lie in: 0 to the cap for a share (100 by default), up to the cap
    /// for another indicator with one; nil when any value goes.
    static func range(of indicator: Indicator) -> ClosedRange<Double>? {
        if indicator.kind == .share { return 0...(indicator.effectiveCap ?? 100) }
        return indicator.cap.map { -Double.greatestFiniteMagnitude...$0 }
    }

    /// What bounds the range, for messages.
    static func bound(_ indicator: Indicator) -> String {
        indicator.kind == .share && indicator.cap == nil ? "a share, from 0 to 100" : "capped at \(NumberText.plain(indicator.effectiveCap))"
    }

    /// History values outside their indicator's range.
    static func checkHistory(_ observations: [Observation], indicators: [String: Indicator], log: inout DiagnosticLog) {
        for observation in observations {
            guard let indicator = indicators[observation.indicator], let range = range(of: indicator),
                  !range.contains(observation.value) else { continue }
            log.error(observation.line, "value", "\(observation.indicator) is \(bound(indicator)), but its value in \(observation.year) is \(NumberText.plain(observation.value))")
        }
    }

    /// Path values of scenarios outside their indicator's range, or not above zero for an indicator whose
    /// history is all positive (such a series is simulated on a log scale, where zero and below do not exist).
    static func checkScenarios(_ drafts: [ScenarioDraft], observations: [Observation], indicators: [String: Indicator],
                               logs: inout [String: DiagnosticLog]) {
        var positive: [String: Bool] = [:]
        for o in observations { positive[o.indicator] = (positive[o.indicator] ?? true) && o.value > 0 }
        for draft in drafts {
            for (id, assumptions) in draft.assumptions.sorted(by: { $0.key < $1.key }) {
                guard let indicator = indicators[id] else { continue }
                for assumption in assumptions {
                    guard case .path(let values) = assumption.change else { continue }
                    for (year, value) in values.sorted(by: { $0.key < $1.key }) {
                        let field = "assumptions.\(id).path.\(year)"
                        if let range = range(of: indicator), !range.contains(value) {
                            logs[draft.file, default: DiagnosticLog(file: draft.file)].error(assumption.line, field,
                                "\(id) is \(bound(indicator)), but the path gives \(NumberText.plain(value)) in \(year)")
                        } else if value <= 0, positive[id] == true {
                            logs[draft.file, default: DiagnosticLog(file: draft.file)].error(assumption.line, field,
                                "the path gives \(NumberText.plain(value)) in \(year), but every observation of \(id) is above zero, "
                                + "so it is simulated on a log scale, which has no zero or negative values")
                        }
                    }
                }
            }
        }
    }
}
