import Common
/// The top of `study.yaml`: what the study is about, apart from its indicators.
struct StudyHeader {
    var title: BilingualText
    var region: BilingualText
    var baseYear: Int
    var targetYear: Int
    var plan: Study.Plan?
    /// The line of `plan.text`, for problems with the file it names.
    var planTextLine: Int?
}

/// Decodes `study.yaml`.
enum StudyFileDecoder {
    static let topKeys = ["id", "title", "region", "base_year", "target_year", "plan", "indicators", "correlations"]
    static let planKeys = ["title", "source", "text"]
    static let indicatorKeys = [
        "id", "name", "unit", "kind", "direction", "model", "cap", "derived", "exclude_years", "level_shift_years",
        "chapter", "note", "extend_with", "growth_basis", "published_as",
    ]

    struct Result {
        var header: StudyHeader?
        var indicators: [Indicator] = []
        /// Every id declared, including those of indicators with other errors, so that references to them
        /// are not reported a second time as unknown.
        var declaredIDs: Set<String> = []
        /// Declared correlations; a growth panel's pairs are read by the loader (`panelFile`).
        var correlations: [(declaration: DeclaredCorrelation, panelFile: String?)] = []
    }

    static func decode(_ root: YAMLNode, folderName: String, log: inout DiagnosticLog) -> Result {
        var result = Result()
        guard let top = MappingFields(root, path: "", allowed: topKeys, log: &log) else { return result }

        if let id = top.string("id", required: true, log: &log), id != folderName {
            log.error(top.node("id")?.line, "id", "id '\(id)' differs from the folder name '\(folderName)'; a study's id is its folder name")
        }
        let title = top.bilingual("title", required: true, log: &log)
        let region = top.bilingual("region", required: true, log: &log)
        let baseYear = top.year("base_year", required: true, log: &log)
        let targetYear = top.year("target_year", required: true, log: &log)
        if let baseYear, let targetYear, baseYear >= targetYear {
            log.error(top.node("target_year")?.line, "target_year", "target_year \(targetYear) is not after base_year \(baseYear)")
        }
        var plan: Study.Plan?
        if let planNode = top.node("plan"), let fields = MappingFields(planNode, path: "plan", allowed: planKeys, log: &log) {
            let planTitle = fields.bilingual("title", required: true, log: &log)
            let source = fields.string("source", required: true, log: &log)
            let text = fields.string("text", required: false, log: &log)
            if let planTitle, let source { plan = Study.Plan(title: planTitle, source: source, textFile: text) }
        }
        if let title, let region, let baseYear, let targetYear {
            result.header = StudyHeader(title: title, region: region, baseYear: baseYear, targetYear: targetYear, plan: plan,
                                        planTextLine: top.node("plan")?.entries?.first { $0.key == "text" }?.value.line)
        }

        if let node = top.node("correlations") {
            result.correlations = decodeCorrelations(node, log: &log)
        }

        guard let list = top.node("indicators") else {
            log.error(top.line, "indicators", "missing 'indicators' (a list)")
            return result
        }
        guard let items = list.items else {
            log.error(list.line, "indicators", "expected a list of indicators, found \(list.summary)")
            return result
        }
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let rawID = item.entries?.first(where: { $0.key == "id" })?.value.scalar
            let path = "indicators[\(rawID ?? String(index))]"
            guard let fields = MappingFields(item, path: path, allowed: indicatorKeys, log: &log) else { continue }
            if let id = rawID {
                if let first = seen[id] {
                    log.error(fields.node("id")?.line, fields.field("id"), "duplicate indicator id '\(id)' (first declared on line \(first))")
                    continue
                }
                seen[id] = item.line
                result.declaredIDs.insert(id)
            }
            if let indicator = decodeIndicator(fields, log: &log) {
                result.indicators.append(indicator)
            }
        }
        return result
    }

    private static func decodeIndicator(_ fields: MappingFields, log: inout DiagnosticLog) -> Indicator? {
        let before = log.items.count
        let id = fields.string("id", required: true, log: &log)
        if let id, !isIdentifier(id) {
            log.error(fields.node("id")?.line, fields.field("id"), "indicator id '\(id)' must be lower-case letters, digits and '_', starting with a letter")
        }
        let name = fields.bilingual("name", required: true, log: &log)
        let unit = fields.string("unit", required: true, log: &log)
        var formula: Formula?
        if let text = fields.string("derived", required: false, log: &log) {
            do throws(FormulaParseError) {
                formula = try Formula(parsing: text)
            } catch {
                log.error(fields.node("derived")?.line, fields.field("derived"), "formula '\(text)' does not parse: \(error)")
            }
        }
        let kind = fields.choice("kind", IndicatorKind.self, log: &log)
        if !fields.has("kind") && !fields.has("derived") && !fields.hasMisspelling(of: "kind") {
            log.error(fields.line, fields.field("kind"), "missing 'kind' (level, share, rate, count or flow)")
        }
        let direction = fields.choice("direction", Direction.self, log: &log)
        if !fields.has("direction") && !fields.hasMisspelling(of: "direction") {
            log.error(fields.line, fields.field("direction"), "missing 'direction' (up or down: which way is better)")
        }
        let model = fields.choice("model", ModelChoice.self, log: &log)
        let cap = fields.number("cap", required: false, log: &log)
        if let cap, cap <= 0 {
            log.error(fields.node("cap")?.line, fields.field("cap"), "cap must be greater than zero, found \(NumberText.plain(cap))")
        }
        let exclude = fields.years("exclude_years", log: &log)
        let shifts = fields.years("level_shift_years", log: &log)
        let chapter = fields.bilingual("chapter", required: false, log: &log)
        let note = fields.string("note", required: false, log: &log)
        let extendWith = fields.string("extend_with", required: false, log: &log)
        let growthBasis = fields.choice("growth_basis", GrowthBasis.self, log: &log)
        if growthBasis != nil, let kind, kind != .rate {
            log.error(fields.node("growth_basis")?.line, fields.field("growth_basis"), "growth_basis belongs to a growth rate (kind: rate), not a \(kind.rawValue)")
        }
        let publishedAs = fields.string("published_as", required: false, log: &log)
        if publishedAs != nil && formula == nil && !fields.has("derived") {
            log.error(fields.node("published_as")?.line, fields.field("published_as"),
                      "'published_as' names where a derived indicator's published values are; this indicator has no 'derived' formula and takes its own rows in history.csv")
        }
        guard log.items.count == before, let id, let name, let unit, let direction else { return nil }
        return Indicator(
            id: id, name: name, unit: unit, kind: kind ?? .level, direction: direction, model: model ?? .auto,
            cap: cap, formula: formula, excludeYears: exclude, levelShiftYears: shifts, chapter: chapter, note: note,
            extendWith: extendWith, growthBasis: growthBasis, publishedAs: publishedAs, line: fields.line
        )
    }

    /// `correlations: {"a,b": {value: 0.9, source: "…"} | {growth_panel: file.csv}}`; the indicators are
    /// checked against the declared ids by `checkCorrelations` once those are known.
    private static func decodeCorrelations(_ node: YAMLNode, log: inout DiagnosticLog) -> [(declaration: DeclaredCorrelation, panelFile: String?)] {
        guard MappingFields(node, path: "correlations", log: &log) != nil else { return [] }
        var result: [(declaration: DeclaredCorrelation, panelFile: String?)] = []
        var seen: Set<ScenarioSpec.IndicatorPair> = []
        for entry in node.entries ?? [] {
            let path = "correlations.\(entry.key)"
            let ids = entry.key.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard ids.count == 2, !ids[0].isEmpty, !ids[1].isEmpty, ids[0] != ids[1] else {
                log.error(entry.keyLine, path, "expected a key naming two different indicators, \"a,b\"")
                continue
            }
            guard let fields = MappingFields(entry.value, path: path, allowed: ["value", "source", "growth_panel"], log: &log) else { continue }
            let pair = ScenarioSpec.IndicatorPair(ids[0], ids[1])
            guard seen.insert(pair).inserted else {
                log.error(entry.keyLine, path, "the correlation of \(pair) is declared twice")
                continue
            }
            let value = fields.number("value", required: false, log: &log)
            let source = fields.string("source", required: false, log: &log)
            let panel = fields.string("growth_panel", required: false, log: &log)
            switch (value, panel) {
            case let (value?, nil):
                guard (-1...1).contains(value) else {
                    log.error(fields.node("value")?.line, fields.field("value"), "correlation \(NumberText.plain(value)) is outside -1...1")
                    continue
                }
                guard let source, !source.isEmpty else {
                    log.error(fields.line, fields.field("source"), "a stated correlation needs a source: where the value comes from")
                    continue
                }
                result.append((DeclaredCorrelation(pair: pair, basis: .stated(source: source), value: value, line: entry.keyLine), nil))
            case let (nil, panel?):
                // The panel's pairs are filled in by the loader, which reads the file.
                result.append((DeclaredCorrelation(pair: pair, basis: .growthPanel(file: panel, pairs: []), line: entry.keyLine), panel))
            default:
                log.error(fields.line, path, "give either value (with source) or growth_panel, not \(value == nil ? "neither" : "both")")
            }
        }
        return result
    }

    /// Every indicator a declared correlation names exists and is observed (a derived indicator has no shocks).
    static func checkCorrelations(_ result: Result, log: inout DiagnosticLog) {
        let byID = Dictionary(result.indicators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (declaration, _) in result.correlations {
            for id in [declaration.pair.first, declaration.pair.second] {
                if !result.declaredIDs.contains(id) {
                    var message = "unknown indicator '\(MappingFields.shown(id))'"
                    if let guess = MappingFields.closest(to: id, in: result.declaredIDs.sorted()) { message += "; did you mean '\(guess)'?" }
                    log.error(declaration.line, "correlations.\(declaration.pair)", message)
                } else if byID[id]?.isDerived == true {
                    log.error(declaration.line, "correlations.\(declaration.pair)", "'\(id)' is derived from a formula and has no shocks of its own; correlate its inputs")
                }
            }
        }
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// Checks each `extend_with`: it names a declared growth rate in %, of nominal growth, and extends an
    /// observed level or count.
    static func checkExtensions(_ indicators: [Indicator], log: inout DiagnosticLog) {
        let byID = Dictionary(indicators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for indicator in indicators {
            guard let rateID = indicator.extendWith else { continue }
            let field = "indicators[\(indicator.id)].extend_with"
            guard indicator.formula == nil, indicator.kind == .level || indicator.kind == .count else {
                log.error(indicator.line, field, "only an observed level or count can be extended with a growth rate, not \(indicator.formula == nil ? "a \(indicator.kind.rawValue)" : "a derived indicator")")
                continue
            }
            guard let rate = byID[rateID] else {
                var message = "extend_with names unknown indicator '\(rateID)'"
                if let guess = MappingFields.closest(to: rateID, in: byID.keys.sorted()) { message += "; did you mean '\(guess)'?" }
                log.error(indicator.line, field, message)
                continue
            }
            guard rate.kind == .rate, rate.formula == nil, rate.unit.contains("%") else {
                log.error(indicator.line, field, "'\(rateID)' is not a growth rate: extend_with needs an observed indicator of kind rate with unit %")
                continue
            }
            switch rate.growthBasis {
            case .nominal?: break
            case .real?:
                log.error(indicator.line, field, "'\(rateID)' is real growth (at constant prices); it cannot extend '\(indicator.id)', a value at current prices: "
                          + "the change in prices would be missing. Extend it with nominal growth, or leave the years out")
            case nil:
                log.error(rate.line, "indicators[\(rateID)].growth_basis", "'\(indicator.id)' is extended with '\(rateID)': say whether it is nominal or real growth (growth_basis: nominal)")
            }
        }
    }

    /// Checks the formulas of derived indicators: every id they name exists, and no chain of formulas
    /// leads back to where it started.
    static func checkFormulas(_ indicators: [Indicator], declaredIDs: Set<String>, log: inout DiagnosticLog) {
        let byID = Dictionary(indicators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for indicator in indicators {
            guard let formula = indicator.formula else { continue }
            for input in formula.indicatorIDs.sorted() where !declaredIDs.contains(input) {
                log.error(indicator.line, "indicators[\(indicator.id)].derived", "formula names unknown indicator '\(MappingFields.shown(input))'")
            }
            if let divisor = formula.constantZeroDivisor {
                log.error(indicator.line, "indicators[\(indicator.id)].derived", "formula divides by \(divisor), which is always zero")
            }
            if let published = indicator.publishedAs {
                if !declaredIDs.contains(published) {
                    var message = "published_as names unknown indicator '\(published)'"
                    if let guess = MappingFields.closest(to: published, in: declaredIDs.sorted()) { message += "; did you mean '\(guess)'?" }
                    log.error(indicator.line, "indicators[\(indicator.id)].published_as", message)
                } else if byID[published]?.isDerived == true {
                    log.error(indicator.line, "indicators[\(indicator.id)].published_as", "'\(published)' is derived too; published values are rows of an observed indicator")
                }
            }
        }
        // Depth-first search for cycles; each cycle is reported once, at its first indicator in file order.
        var state: [String: Int] = [:]  // 1 = on the stack, 2 = done
        var reported: Set<Set<String>> = []
        func visit(_ id: String, stack: [String]) {  // `stack` ends with `id`
            state[id] = 1
            for input in (byID[id]?.formula?.indicatorIDs ?? []).sorted() {
                if state[input] == 1, let start = stack.firstIndex(of: input) {
                    let cycle = Array(stack[start...])
                    if reported.insert(Set(cycle)).inserted, let head = byID[cycle[0]] {
                        let chain = (cycle + [cycle[0]]).joined(separator: " → ")
                        log.error(head.line, "indicators[\(head.id)].derived", "derived formulas form a cycle: \(chain)")
                    }
                } else if state[input] == nil, byID[input] != nil {
                    visit(input, stack: stack + [input])
                }
            }
            state[id] = 2
        }
        for indicator in indicators where state[indicator.id] == nil {
            visit(indicator.id, stack: [indicator.id])
        }
    }
}
