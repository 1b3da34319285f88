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
    static let topKeys = ["id", "title", "region", "base_year", "target_year", "plan", "indicators"]
    static let planKeys = ["title", "source", "text"]
    static let indicatorKeys = [
        "id", "name", "unit", "kind", "direction", "model", "cap", "derived", "exclude_years", "level_shift_years",
        "chapter", "note",
    ]

    struct Result {
        var header: StudyHeader?
        var indicators: [Indicator] = []
        /// Every id declared, including those of indicators with other errors, so that references to them
        /// are not reported a second time as unknown.
        var declaredIDs: Set<String> = []
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
        guard log.items.count == before, let id, let name, let unit, let direction else { return nil }
        return Indicator(
            id: id, name: name, unit: unit, kind: kind ?? .level, direction: direction, model: model ?? .auto,
            cap: cap, formula: formula, excludeYears: exclude, levelShiftYears: shifts, chapter: chapter, note: note,
            line: fields.line
        )
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
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
