import Common
/// One scenario file as written, before `extends` is resolved.
struct ScenarioDraft {
    var name: String
    var title: BilingualText?
    var rationale: BilingualText?
    var extends: String?
    var extendsLine: Int?
    var assumptions: [String: [Assumption]] = [:]
    var assumptionsLine: Int?
    var uncertainty = ScenarioSpec.Uncertainty()
    var correlations: [ScenarioSpec.IndicatorPair: Double] = [:]
    var file: String
}

/// Decodes `scenarios/<name>.yaml`.
enum ScenarioDecoder {
    static let topKeys = ["name", "title", "rationale", "extends", "assumptions", "uncertainty", "correlation"]
    static let assumptionKeys = ["growth", "points", "from", "path", "shock", "growth_shock", "uncertainty"]
    static let changeKeys = ["growth", "points", "path", "shock", "growth_shock"]

    static func decode(_ root: YAMLNode?, name: String, file: String, declaredIDs: Set<String>?,
                       indicators: [String: Indicator], log: inout DiagnosticLog) -> ScenarioDraft? {
        guard let root else {
            log.error(1, "", "empty scenario file; it needs at least name, title and rationale")
            return nil
        }
        guard let top = MappingFields(root, path: "", allowed: topKeys, log: &log) else { return nil }
        var draft = ScenarioDraft(name: name, file: file)
        if let written = top.string("name", required: true, log: &log), written != name {
            log.error(top.node("name")?.line, "name", "name '\(written)' differs from the file name '\(name).yaml'")
        }
        draft.title = top.bilingual("title", required: true, log: &log)
        draft.rationale = top.bilingual("rationale", required: true, log: &log)
        draft.extends = top.string("extends", required: false, log: &log)
        draft.extendsLine = top.node("extends")?.line

        draft.assumptionsLine = top.node("assumptions")?.line
        if let node = top.node("assumptions"), let byIndicator = MappingFields(node, path: "assumptions", log: &log) {
            for entry in node.entries ?? [] {
                let id = entry.key
                let path = byIndicator.field(id)
                if let declared = declaredIDs, !declared.contains(id) {
                    var message = "unknown indicator '\(MappingFields.shown(id))'"
                    if let guess = MappingFields.closest(to: id, in: declared.sorted()) { message += "; did you mean '\(guess)'?" }
                    log.error(entry.keyLine, path, message)
                    continue
                }
                if indicators[id]?.isDerived == true {
                    log.error(entry.keyLine, path, "'\(id)' is derived from a formula; make assumptions about its inputs instead")
                    continue
                }
                let nodes: [(YAMLNode, String)]
                if let items = entry.value.items {
                    nodes = items.enumerated().map { ($1, "\(path)[\($0)]") }
                } else {
                    nodes = [(entry.value, path)]
                }
                var list: [Assumption] = []
                for (item, itemPath) in nodes {
                    if let assumption = decodeAssumption(item, indicator: id, kind: indicators[id]?.kind, scenario: name, path: itemPath, log: &log) {
                        list.append(assumption)
                    }
                }
                checkOverlaps(list, path: path, log: &log)
                if !list.isEmpty {
                    draft.assumptions[id] = list.sorted { ($0.span.first ?? Int.min) < ($1.span.first ?? Int.min) }
                }
            }
        }

        if let node = top.node("uncertainty"), let fields = MappingFields(node, path: "uncertainty", allowed: ["paths", "seed"], log: &log) {
            if let paths = fields.integer("paths", required: false, log: &log) {
                let range = ScenarioSpec.Uncertainty.pathRange
                if !range.contains(paths) {
                    log.error(fields.node("paths")?.line, fields.field("paths"), "paths must be between \(range.lowerBound) and \(range.upperBound), found \(paths)")
                } else {
                    draft.uncertainty.paths = paths
                }
            }
            if let seedNode = fields.node("seed") {
                if let text = seedNode.scalar, let seed = UInt64(text) {
                    draft.uncertainty.seed = seed
                } else {
                    log.error(seedNode.line, fields.field("seed"), "expected a non-negative whole number, found \(seedNode.summary)")
                }
            }
        }

        if let node = top.node("correlation"), MappingFields(node, path: "correlation", log: &log) != nil {
            for entry in node.entries ?? [] {
                let field = "correlation.\(entry.key)"
                let ids = entry.key.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                guard ids.count == 2, !ids[0].isEmpty, !ids[1].isEmpty else {
                    log.error(entry.keyLine, field, "expected a key naming two indicators, \"a,b\"")
                    continue
                }
                var known = true
                for id in ids where declaredIDs.map({ !$0.contains(id) }) ?? false {
                    log.error(entry.keyLine, field, "unknown indicator '\(MappingFields.shown(id))'")
                    known = false
                }
                if ids[0] == ids[1] {
                    log.error(entry.keyLine, field, "a correlation needs two different indicators")
                    known = false
                }
                guard let rho = MappingFields.number(entry.value, field: field, log: &log) else { continue }
                if !(-1...1).contains(rho) {
                    log.error(entry.value.line, field, "correlation \(NumberText.plain(rho)) is outside -1...1")
                    continue
                }
                let pair = ScenarioSpec.IndicatorPair(ids[0], ids[1])
                if draft.correlations[pair] != nil {
                    log.error(entry.keyLine, field, "correlation of \(pair) is given twice")
                } else if known {
                    draft.correlations[pair] = rho
                }
            }
        }
        return draft
    }

    private static func decodeAssumption(_ node: YAMLNode, indicator: String, kind indicatorKind: IndicatorKind?, scenario: String,
                                         path: String, log: inout DiagnosticLog) -> Assumption? {
        guard let fields = MappingFields(node, path: path, allowed: assumptionKeys, log: &log) else { return nil }
        let given = changeKeys.filter(fields.has)
        guard given.count == 1, let kind = given.first else {
            if given.isEmpty && changeKeys.contains(where: fields.hasMisspelling) { return nil }
            let found = given.isEmpty ? "none" : given.joined(separator: " and ")
            log.error(node.line, path, "an assumption takes exactly one of growth, points, path, shock, growth_shock; found \(found)")
            return nil
        }
        if fields.has("from") && kind != "growth" && kind != "points" {
            log.error(fields.node("from")?.line, fields.field("from"), "'from' belongs to a growth or points assumption; \(kind) gives its own years")
        }
        // Relative growth of a share or a rate (8.5% more of a 60% share) is never what a plan means.
        if (kind == "growth" || kind == "growth_shock"), let indicatorKind, indicatorKind == .share || indicatorKind == .rate {
            log.error(fields.node(kind)?.line, fields.field(kind),
                      "'\(indicator)' is a \(indicatorKind.rawValue): give its change in percentage points a year, points: 0.8 (\(kind) is relative growth, for levels)")
        }
        // Values typed into a path are certain unless the scenario asks for the trend's noise.
        let uncertainty = fields.choice("uncertainty", Assumption.Uncertainty.self, log: &log) ?? (kind == "path" ? .none : .trend)
        let before = log.items.count
        var change: Assumption.Change?
        switch kind {
        case "growth":
            let rate = fields.number("growth", required: true, log: &log)
            if let rate { checkGrowth(rate, line: fields.node("growth")?.line, field: fields.field("growth"), log: &log) }
            let from = fields.year("from", required: false, log: &log)
            if let rate { change = .growth(rate: rate, fromYear: from) }
        case "points":
            let perYear = fields.number("points", required: true, log: &log)
            let from = fields.year("from", required: false, log: &log)
            if let perYear { change = .points(perYear: perYear, fromYear: from) }
        case "path":
            let pathNode = fields.node("path")!
            guard let entries = pathNode.entries, !entries.isEmpty else {
                log.error(pathNode.line, fields.field("path"), "expected a mapping of years to values, {2024: 33.0, 2025: 36.0}")
                return nil
            }
            var values: [Int: Double] = [:]
            for entry in entries {
                let field = "\(fields.field("path")).\(entry.key)"
                let year = MappingFields.year(YAMLNode(value: .scalar(entry.key, quoted: false), line: entry.keyLine), field: field, log: &log)
                let value = MappingFields.number(entry.value, field: field, log: &log)
                if let year, let value {
                    if values[year] != nil {
                        log.error(entry.keyLine, field, "year \(year) is given twice")
                    }
                    values[year] = value
                }
            }
            change = .path(values)
        case "shock":
            guard let shock = MappingFields(fields.node("shock")!, path: fields.field("shock"), allowed: ["year", "level"], log: &log) else { return nil }
            let year = shock.year("year", required: true, log: &log)
            let level = shock.number("level", required: true, log: &log)
            if let level, level <= -1 {
                log.error(shock.node("level")?.line, shock.field("level"), "a level shock of \(NumberText.plain(level)) would make the value zero or negative; it is a relative change (-0.03 for 3% lower)")
            }
            if let year, let level { change = .shock(year: year, level: level) }
        default:
            guard let shock = MappingFields(fields.node("growth_shock")!, path: fields.field("growth_shock"), allowed: ["from", "to", "delta"], log: &log) else { return nil }
            let from = shock.year("from", required: true, log: &log)
            let to = shock.year("to", required: true, log: &log)
            let delta = shock.number("delta", required: true, log: &log)
            if let delta { checkGrowth(delta, line: shock.node("delta")?.line, field: shock.field("delta"), log: &log) }
            if let from, let to, from > to {
                log.error(shock.node("to")?.line, shock.field("to"), "'to' (\(to)) is before 'from' (\(from))")
            }
            if let from, let to, let delta { change = .growthShock(fromYear: from, toYear: to, delta: delta) }
        }
        guard log.items.count == before, let change else { return nil }
        return Assumption(indicator: indicator, change: change, uncertainty: uncertainty, scenario: scenario, line: node.line)
    }

    private static func checkGrowth(_ rate: Double, line: Int?, field: String, log: inout DiagnosticLog) {
        if let problem = GrowthRate.percentProblem(rate) { log.error(line, field, problem) }
    }

    /// Within one file: trajectories must not overlap each other; modifiers must not overlap one of their
    /// own kind, nor years fixed by a `path`.
    private static func checkOverlaps(_ list: [Assumption], path: String, log: inout DiagnosticLog) {
        for (i, a) in list.enumerated() {
            for b in list[..<i] where a.overlaps(b) {
                let conflict: Bool
                switch (a.isTrajectory, b.isTrajectory) {
                case (true, true): conflict = true
                case (false, false): conflict = a.keyword == b.keyword
                default:
                    let trajectory = a.isTrajectory ? a : b
                    if case .path = trajectory.change { conflict = true } else { conflict = false }
                }
                if conflict {
                    log.error(a.line, path, "\(a.keyword) overlaps the years of the \(b.keyword) on line \(b.line) for the same indicator\(hint(a, b))")
                }
            }
        }
    }

    private static func hint(_ a: Assumption, _ b: Assumption) -> String {
        for x in [a, b] {
            if case .growth(_, nil) = x.change { return "; give the growth a 'from' year" }
            if case .points(_, nil) = x.change { return "; give the points a 'from' year" }
        }
        return ""
    }
}

/// Resolves `extends` chains and turns drafts into `ScenarioSpec`s.
enum ScenarioResolver {
    static func resolve(_ drafts: [ScenarioDraft], logs: inout [String: DiagnosticLog]) -> [ScenarioSpec] {
        let byName = Dictionary(drafts.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var resolved: [ScenarioSpec] = []
        var reportedCycles: Set<Set<String>> = []
        for draft in drafts.sorted(by: { $0.name < $1.name }) {
            var lineage = [draft.name]
            var current = draft
            var broken = false
            while let parent = current.extends {
                if let start = lineage.firstIndex(of: parent) {
                    let cycle = Array(lineage[start...]) + [parent]
                    if reportedCycles.insert(Set(lineage[start...])).inserted {
                        let head = byName[lineage[start]]!
                        logs[head.file, default: DiagnosticLog(file: head.file)]
                            .error(head.extendsLine, "extends", "extends chain forms a cycle: \(cycle.joined(separator: " → "))")
                    }
                    broken = true
                    break
                }
                guard let next = byName[parent] else {
                    var message = "extends unknown scenario '\(parent)'"
                    if let guess = MappingFields.closest(to: parent, in: byName.keys.sorted()) { message += "; did you mean '\(guess)'?" }
                    else if byName.isEmpty == false { message += "; scenarios here: \(byName.keys.sorted().joined(separator: ", "))" }
                    logs[current.file, default: DiagnosticLog(file: current.file)].error(current.extendsLine, "extends", message)
                    broken = true
                    break
                }
                lineage.append(parent)
                current = next
            }
            guard !broken, let title = draft.title, let rationale = draft.rationale else { continue }
            var spec = ScenarioSpec(name: draft.name, title: title, rationale: rationale, extends: draft.extends,
                                    lineage: lineage.reversed(), file: draft.file)
            for name in lineage.reversed() {
                let layer = byName[name]!
                for (indicator, list) in layer.assumptions { spec.assumptions[indicator] = list }
                spec.uncertainty.paths = layer.uncertainty.paths ?? spec.uncertainty.paths
                spec.uncertainty.seed = layer.uncertainty.seed ?? spec.uncertainty.seed
                spec.correlations.merge(layer.correlations) { _, child in child }
            }
            resolved.append(spec)
        }
        return resolved
    }
}
