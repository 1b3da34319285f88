import Common
/// One line of a study's target catalog: what `pathways targets` prints.
public struct TargetCatalogEntry: Sendable, Hashable {
    public var id: String
    public var name: BilingualText
    /// The rule as text, `~` in front when the plan's number is approximate.
    public var rule: String
    public var year: Int
    /// The number of years with a value backing the target: observations of the indicator, or for a derived
    /// indicator the years where all its inputs have one.
    public var observationCount: Int
}

extension Study {
    /// The targets in file order, with their indicators' names and how much history backs each.
    public func targetCatalog() -> [TargetCatalogEntry] {
        var counts: [String: Int] = [:]
        return targets.map { target in
            let count = counts[target.indicator] ?? values(for: target.indicator).count
            counts[target.indicator] = count
            let name = indicator(id: target.indicator)?.name ?? BilingualText(en: target.indicator, zh: target.indicator)
            return TargetCatalogEntry(id: target.id, name: name, rule: (target.approximate ? "~" : "") + target.rule.description,
                                      year: target.year, observationCount: count)
        }
    }
}

/// Renders a target catalog as a plain-text table for a terminal.
public enum TargetCatalogTable {
    /// A table of `id`, `rule`, `year`, `obs` and the indicator's names, fitted into `width` columns with CJK
    /// characters counted as two.
    ///
    /// When the names get at least `minimumNameWidth` columns they form the last column (Chinese, then English
    /// wrapped below it); otherwise each target takes a row of id, rule, year and obs, and its names follow on
    /// an indented line of their own, wrapped to the full width.
    public static func render(_ entries: [TargetCatalogEntry], width: Int = 100, minimumNameWidth: Int = 34) -> String {
        let idWidth = max(2, entries.map { TerminalText.displayWidth($0.id) }.max() ?? 0)
        let ruleWidth = max(4, entries.map { TerminalText.displayWidth($0.rule) }.max() ?? 0)
        let fixed = idWidth + ruleWidth + 4 + 4 + 3 * 2
        let nameWidth = width - fixed - 2
        let stacked = nameWidth < minimumNameWidth

        func cells(_ id: String, _ rule: String, _ year: String, _ obs: String) -> String {
            [TerminalText.pad(id, to: idWidth), TerminalText.pad(rule, to: ruleWidth),
             TerminalText.padLeft(year, to: 4), TerminalText.padLeft(obs, to: 4)].joined(separator: "  ")
        }
        func trimmed(_ line: String) -> String {
            var line = line
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }

        var lines: [String] = []
        if stacked {
            let indent = "    "
            lines.append(cells("id", "rule", "year", "obs"))
            lines.append(indent + "indicator (中文 · English)")
            lines.append(String(repeating: "-", count: min(width, max(fixed, 40))))
            for entry in entries {
                lines.append(trimmed(cells(entry.id, entry.rule, String(entry.year), String(entry.observationCount))))
                let both = entry.name.zh + " · " + entry.name.en
                let names = TerminalText.displayWidth(both) <= width - indent.count
                    ? [both]
                    : TerminalText.wrap(entry.name.zh, width: width - indent.count) + TerminalText.wrap(entry.name.en, width: width - indent.count)
                lines += names.map { indent + $0 }
            }
        } else {
            lines.append(cells("id", "rule", "year", "obs") + "  indicator")
            lines.append(String(repeating: "-", count: min(width, fixed + 2 + nameWidth)))
            for entry in entries {
                let names = TerminalText.wrap(entry.name.zh, width: nameWidth) + TerminalText.wrap(entry.name.en, width: nameWidth)
                for (i, name) in names.enumerated() {
                    let left = i == 0
                        ? cells(entry.id, entry.rule, String(entry.year), String(entry.observationCount))
                        : cells("", "", "", "")
                    lines.append(trimmed(left + "  " + name))
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}
