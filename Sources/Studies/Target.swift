import Common
/// A quantified target of a plan: an indicator, a rule, a year, and the sentence it comes from.
public struct Target: Sendable, Hashable, Identifiable {
    /// A short unique id (`income-ratio-2025`).
    public var id: String
    /// The id of the indicator the target applies to.
    public var indicator: String
    /// What must hold.
    public var rule: TargetRule
    /// The year by which it must hold.
    public var year: Int
    /// The plan's words, copied exactly, so the target can be found in the plan by a substring search.
    public var quote: String
    /// How the sentence was read, where it needs saying.
    public var note: String?
    /// Whether the plan gives the number as approximate (左右, about); the operator is then chosen by the
    /// indicator's direction and the note says so.
    public var approximate: Bool
    /// Where the target was read, when it is not the study's plan (a news summary, a work report).
    public var source: String?
    /// The line of `targets.yaml` where the target starts.
    public var line: Int

    public init(
        id: String, indicator: String, rule: TargetRule, year: Int, quote: String, note: String? = nil,
        approximate: Bool = false, source: String? = nil, line: Int = 0
    ) {
        self.id = id
        self.indicator = indicator
        self.rule = rule
        self.year = year
        self.quote = quote
        self.note = note
        self.approximate = approximate
        self.source = source
        self.line = line
    }
}

/// A comparison that a target requires.
public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case less = "<"
    case greater = ">"

    /// Whether `value` meets `threshold` under this operator.
    public func isSatisfied(by value: Double, threshold: Double) -> Bool {
        switch self {
        case .lessOrEqual: return value <= threshold
        case .greaterOrEqual: return value >= threshold
        case .less: return value < threshold
        case .greater: return value > threshold
        }
    }

    /// Whether meeting the target means being above the threshold.
    public var wantsHigher: Bool { self == .greaterOrEqual || self == .greater }
}

/// The rule of a target: an operator applied to one of four measures of the indicator.
public struct TargetRule: Sendable, Hashable, CustomStringConvertible {
    /// What is compared with the threshold.
    public enum Measure: Sendable, Hashable {
        /// The indicator's value in the target year, against this level.
        case level(Double)
        /// The value in the target year against `factor` times the value in `baseYear` (翻一番: factor 2).
        case multipleOf(baseYear: Int, factor: Double)
        /// The sum of a flow over `fromYear`...target year, against `total`.
        case cumulative(fromYear: Int, total: Double)
        /// The average annual growth from `fromYear` to the target year, `(y_T / y_from)^(1/(T - from)) - 1`,
        /// against `rate` (a fraction: 0.08 for 8%).
        case averageGrowth(fromYear: Int, rate: Double)
    }

    public var op: ComparisonOperator
    public var measure: Measure

    public init(op: ComparisonOperator, measure: Measure) {
        self.op = op
        self.measure = measure
    }

    /// A short reading of the rule for tables: `<= 1.8`, `>= 2 × 2020`, `>= 150 summed from 2021`,
    /// `>= 8% a year from 2020`.
    public var description: String {
        switch measure {
        case .level(let v):
            return "\(op.rawValue) \(NumberText.plain(v))"
        case .multipleOf(let base, let factor):
            return "\(op.rawValue) \(NumberText.plain(factor)) × \(base)"
        case .cumulative(let from, let total):
            return "\(op.rawValue) \(NumberText.plain(total)) summed from \(from)"
        case .averageGrowth(let from, let rate):
            return "\(op.rawValue) \(NumberText.exactPercent(rate)) a year from \(from)"
        }
    }
}
