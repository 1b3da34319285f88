import Common
import Foundation
/// Decodes `targets.yaml`: a list of targets.
enum TargetsDecoder {
    static let targetKeys = ["id", "indicator", "rule", "year", "quote", "note", "approximate", "source"]
    static let ruleKeys = ["op", "value", "multiple_of_year", "factor", "cumulative_from", "average_growth_from"]

    /// What the targets are checked against.
    struct Context {
        /// Declared indicator ids; `nil` when `study.yaml` could not be read, so references are not checked.
        var declaredIDs: Set<String>?
        var indicators: [String: Indicator]
        /// The text every quote must be found in, when the study names one.
        var planText: String?
        var planTextFile: String?
    }

    static func decode(_ root: YAMLNode?, context: Context, log: inout DiagnosticLog) -> [Target] {
        guard let root else { return [] }
        guard let items = root.items else {
            log.error(root.line, "", "expected a list of targets, found \(root.summary)")
            return []
        }
        var targets: [Target] = []
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let rawID = item.entries?.first(where: { $0.key == "id" })?.value.scalar
            let path = "targets[\(rawID ?? String(index))]"
            guard let fields = MappingFields(item, path: path, allowed: targetKeys, log: &log) else { continue }
            if let id = rawID {
                if let first = seen[id] {
                    log.error(fields.node("id")?.line, fields.field("id"), "duplicate target id '\(id)' (first on line \(first))")
                }
                seen[id] = seen[id] ?? item.line
            }
            if let target = decodeTarget(fields, context: context, log: &log) {
                targets.append(target)
            }
        }
        return targets
    }

    private static func decodeTarget(_ fields: MappingFields, context: Context, log: inout DiagnosticLog) -> Target? {
        let before = log.items.count
        let id = fields.string("id", required: true, log: &log)
        let indicatorID = fields.string("indicator", required: true, log: &log)
        if let indicatorID, let declared = context.declaredIDs, !declared.contains(indicatorID) {
            var message = "target refers to unknown indicator '\(MappingFields.shown(indicatorID))'"
            if let guess = MappingFields.closest(to: indicatorID, in: declared.sorted()) { message += "; did you mean '\(guess)'?" }
            log.error(fields.node("indicator")?.line, fields.field("indicator"), message)
        }
        let year = fields.year("year", required: true, log: &log)
        let rule = decodeRule(fields, year: year, log: &log)
        let quote = fields.string("quote", required: true, log: &log)
        if let quote, let text = context.planText, !text.containsExactly(quote) {
            log.error(fields.node("quote")?.line, fields.field("quote"),
                      "quote is not an exact substring of \(context.planTextFile ?? "the plan text"): '\(quote)'")
        }
        let note = fields.string("note", required: false, log: &log)
        let approximate = fields.bool("approximate", log: &log) ?? false
        let source = fields.string("source", required: false, log: &log)

        if let rule, let indicatorID, let indicator = context.indicators[indicatorID] {
            if case .cumulative = rule.measure, indicator.kind != .flow {
                log.error(fields.node("rule")?.line, fields.field("rule.cumulative_from"),
                          "a cumulative target needs a flow indicator, but '\(indicatorID)' is of kind \(indicator.kind.rawValue)")
            }
            if indicator.direction == .up && !rule.op.wantsHigher || indicator.direction == .down && rule.op.wantsHigher {
                if case .level = rule.measure {
                    log.warning(fields.node("rule")?.line, fields.field("rule.op"),
                                "operator '\(rule.op.rawValue)' points against the indicator's direction '\(indicator.direction.rawValue)'")
                }
            }
        }
        let failed = log.items[before...].contains { $0.severity == .error }
        guard !failed, let id, let indicatorID, let year, let rule, let quote else { return nil }
        return Target(id: id, indicator: indicatorID, rule: rule, year: year, quote: quote, note: note,
                      approximate: approximate, source: source, line: fields.line)
    }

    private static func decodeRule(_ target: MappingFields, year: Int?, log: inout DiagnosticLog) -> TargetRule? {
        guard let node = target.node("rule") else {
            if !target.hasMisspelling(of: "rule") { log.error(target.line, target.field("rule"), "missing 'rule' ({op, value} or a multiple, cumulative or growth form)") }
            return nil
        }
        guard let rule = MappingFields(node, path: target.field("rule"), allowed: ruleKeys, log: &log) else { return nil }
        var op: ComparisonOperator?
        if let text = rule.string("op", required: true, log: &log) {
            op = ComparisonOperator(rawValue: text)
            if op == nil {
                log.error(rule.node("op")?.line, rule.field("op"), "unknown operator '\(text)'; expected one of: <=, >=, <, >")
            }
        }
        let forms = ["multiple_of_year", "cumulative_from", "average_growth_from"].filter(rule.has)
        if forms.count > 1 {
            log.error(node.line, rule.path, "a rule takes one of multiple_of_year, cumulative_from, average_growth_from; found \(forms.joined(separator: " and "))")
            return nil
        }
        let measure: TargetRule.Measure?
        switch forms.first {
        case "multiple_of_year":
            let base = rule.year("multiple_of_year", required: true, log: &log)
            let factor = rule.number("factor", required: true, log: &log)
            if rule.has("value") {
                log.error(rule.node("value")?.line, rule.field("value"), "a multiple rule takes 'factor', not 'value'")
            }
            if let factor, factor <= 0 {
                log.error(rule.node("factor")?.line, rule.field("factor"), "factor must be greater than zero")
            }
            if let base, let year, base >= year {
                log.error(rule.node("multiple_of_year")?.line, rule.field("multiple_of_year"), "base year \(base) is not before the target year \(year)")
            }
            measure = base.flatMap { b in factor.map { .multipleOf(baseYear: b, factor: $0) } }
        case "cumulative_from":
            let from = rule.year("cumulative_from", required: true, log: &log)
            let total = rule.number("value", required: true, log: &log)
            if let from, let year, from > year {
                log.error(rule.node("cumulative_from")?.line, rule.field("cumulative_from"), "first year \(from) is after the target year \(year)")
            }
            measure = from.flatMap { f in total.map { .cumulative(fromYear: f, total: $0) } }
        case "average_growth_from":
            let from = rule.year("average_growth_from", required: true, log: &log)
            let rate = rule.number("value", required: true, log: &log)
            if let rate, let problem = GrowthRate.percentProblem(rate, what: "average growth") {
                log.error(rule.node("value")?.line, rule.field("value"), problem)
            }
            if let from, let year, from >= year {
                log.error(rule.node("average_growth_from")?.line, rule.field("average_growth_from"), "first year \(from) is not before the target year \(year)")
            }
            measure = from.flatMap { f in rate.map { .averageGrowth(fromYear: f, rate: $0) } }
        default:
            if rule.has("factor") {
                log.error(rule.node("factor")?.line, rule.field("factor"), "'factor' needs 'multiple_of_year'")
            }
            measure = rule.number("value", required: true, log: &log).map { .level($0) }
        }
        guard let op, let measure else { return nil }
        return TargetRule(op: op, measure: measure)
    }
}

extension String {
    /// Whether `other` occurs in this string byte for byte (UTF-8): the exact substring a quote must be, without
    /// the canonical equivalence and locale rules of Foundation's `contains`, which take milliseconds a call on a
    /// plan's text.
    func containsExactly(_ other: String) -> Bool {
        var text = self, needle = other
        return text.withUTF8 { haystack in
            needle.withUTF8 { needle in
                guard let first = needle.first else { return true }
                guard needle.count <= haystack.count else { return false }
                let last = haystack.count - needle.count
                var i = 0
                while i <= last {
                    guard let found = memchr(haystack.baseAddress! + i, Int32(first), last - i + 1) else { return false }
                    i = haystack.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(haystack.baseAddress! + i, needle.baseAddress!, needle.count) == 0 { return true }
                    i += 1
                }
                return false
            }
        }
    }
}
