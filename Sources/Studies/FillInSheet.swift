/// The sheet `pathways template` writes: one row for every indicator × year that the study's targets need
/// and its history lacks, for the people who hold the numbers to fill in and `pathways import` to read back.
public enum FillInSheet {
    /// The columns: the three `import` reads with the value, then what the person filling it in needs to
    /// know (both names, the unit, the targets and the plan's words). `import` ignores the last five.
    public static let columns = ["indicator", "year", "value", "source", "name_zh", "name_en", "unit", "target", "quote"]

    /// One row to fill in.
    public struct Row: Sendable, Hashable {
        public var indicator: String
        public var year: Int
        public var nameZh: String
        public var nameEn: String
        public var unit: String
        /// The ids of the targets the indicator feeds, `; `-separated.
        public var targets: String
        /// The plan's words of those targets, ` / `-separated.
        public var quote: String

        public init(indicator: String, year: Int, nameZh: String, nameEn: String, unit: String, targets: String, quote: String) {
            self.indicator = indicator
            self.year = year
            self.nameZh = nameZh
            self.nameEn = nameEn
            self.unit = unit
            self.targets = targets
            self.quote = quote
        }

        /// The row's cells in `columns` order, with value and source empty.
        public var fields: [String] { [indicator, String(year), "", "", nameZh, nameEn, unit, targets, quote] }
    }

    /// The first year asked for by default: five years before the base year (the window of the progress
    /// ratio), or a rule's own base year when that is earlier.
    public static func defaultFirstYear(_ study: Study) -> Int {
        let ruleYears = study.targets.compactMap { target -> Int? in
            switch target.rule.measure {
            case .level: return nil
            case .multipleOf(let base, _): return base
            case .cumulative(let from, _): return from
            case .averageGrowth(let from, _): return from
            }
        }
        return min(study.baseYear - 5, ruleYears.min() ?? study.baseYear)
    }

    /// Every observed indicator a target needs (its own, or the inputs of its formula, followed through
    /// formulas of formulas, and the growth rate a level is extended with), in study order, with each year of `first...last` that has no observation.
    /// - Parameters:
    ///   - first: default `defaultFirstYear(study)`.
    ///   - last: default the study's target year.
    public static func rows(_ study: Study, first: Int? = nil, last: Int? = nil) -> [Row] {
        let first = first ?? defaultFirstYear(study)
        let last = last ?? study.targetYear
        guard first <= last else { return [] }
        var targetsOf: [String: [Target]] = [:]
        for target in study.targets {
            for id in study.observedInputs(of: target.indicator) {
                targetsOf[id, default: []].append(target)
                // A level extended with its growth rate can be filled in either way: ask for both.
                if let rate = study.indicator(id: id)?.extendWith { targetsOf[rate, default: []].append(target) }
            }
        }
        var rows: [Row] = []
        for indicator in study.indicators where !indicator.isDerived {
            guard let targets = targetsOf[indicator.id] else { continue }
            let observed = Set(study.observations(for: indicator.id).map(\.year))
            let ids = targets.map(\.id).joined(separator: "; ")
            var quotes: [String] = []
            for quote in targets.map(\.quote) where !quotes.contains(quote) { quotes.append(quote) }
            for year in first...last where !observed.contains(year) {
                rows.append(Row(indicator: indicator.id, year: year, nameZh: indicator.name.zh, nameEn: indicator.name.en,
                                unit: indicator.unit, targets: ids, quote: quotes.joined(separator: " / ")))
            }
        }
        return rows
    }

    /// How to fill the sheet in, in both languages, for the second sheet of the workbook.
    public static let instructions: [String] = [
        "Fill in value (in the unit shown) and source (where the number was read: bulletin, yearbook table, URL) for each row you have; leave the others empty.",
        "在 value 列填写数值(单位见 unit 列),在 source 列填写出处(统计公报、年鉴表号、网址);没有数据的行留空。",
        "Thousands separators (1,234.5), full-width digits and % (for indicators measured in %) are read; - and … mean no value.",
        "可以使用千位分隔符(1,234.5)、全角数字;单位为 % 的指标可写 % 号;- 和 … 表示无数据。",
        "Then: pathways import STUDY THIS-FILE (add --replace to overwrite values already in history.csv).",
        "然后运行:pathways import 研究目录 本文件(已有数值需要覆盖时加 --replace)。",
    ]
}
