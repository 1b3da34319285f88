import Common

/// How a row of `history.csv` gives its number: exactly, approximately (`左右`, about), or only as a bound
/// (`突破7万元`, more than 70,000: `>` 70000), from the optional `qualifier` column.
///
/// An approximate value is used as the number it gives (in fits, as a start of paths, to settle a target),
/// and whatever it settles is marked approximate. A bound is never used as a number: it is left out of fits,
/// paths and every value of the indicator, and settles a target only where every value it allows falls on
/// the same side of the threshold (`> 70000` settles `≥ 65000` as met and leaves `≥ 75000` undetermined).
public enum ObservationQualifier: Sendable, Hashable, CustomStringConvertible {
    case exact
    case approximate
    /// The true value `op` the row's number: `.greater` for `> 70000`.
    case bound(ComparisonOperator)

    /// The texts the `qualifier` column takes (an empty cell is `exact`).
    public static let codes = ["approx", ">", ">=", "<", "<="]

    /// The qualifier a cell names: empty for exact, `approx`, or a bound's sign (`≥` and `≤` also read).
    public init?(code: String) {
        switch code.trimmingCharacters(in: .whitespaces) {
        case "": self = .exact
        case "approx": self = .approximate
        case "≥": self = .bound(.greaterOrEqual)
        case "≤": self = .bound(.lessOrEqual)
        case let text:
            guard let op = ComparisonOperator(rawValue: text) else { return nil }
            self = .bound(op)
        }
    }

    /// The text written in CSV files: empty, `approx`, `>`, `>=`, `<`, `<=`.
    public var code: String {
        switch self {
        case .exact: return ""
        case .approximate: return "approx"
        case .bound(let op): return op.rawValue
        }
    }

    public var isBound: Bool {
        if case .bound = self { return true } else { return false }
    }

    public var description: String { code.isEmpty ? "exact" : code }
}

/// What the history says of an indicator in one year, for settling a target: a value (perhaps approximate)
/// or a bound, and the indicator it was read from (a derived indicator's published value is read from the
/// indicator its `published_as` names).
public struct Outcome: Sendable, Hashable {
    public var value: Double
    public var qualifier: ObservationQualifier
    /// The indicator whose row (or whose inputs' rows) gave the outcome.
    public var indicator: String
    public var year: Int

    public init(value: Double, qualifier: ObservationQualifier, indicator: String, year: Int) {
        self.value = value
        self.qualifier = qualifier
        self.indicator = indicator
        self.year = year
    }

    /// Whether every value the outcome allows meets `op threshold` (true), none does (false), or the outcome
    /// does not say (nil). An exact or approximate outcome is compared as its number.
    public func settles(_ op: ComparisonOperator, threshold t: Double) -> Bool? {
        guard case .bound(let side) = qualifier else { return op.isSatisfied(by: value, threshold: t) }
        let b = value
        // Both half-lines point the same way: the outcome's lies inside the target's, or they overlap.
        if side.wantsHigher == op.wantsHigher {
            let strictOutcome = side == .greater || side == .less, strictTarget = op == .greater || op == .less
            let inside = side.wantsHigher ? b > t : b < t
            if inside || (b == t && (strictOutcome || !strictTarget)) { return true }
            return nil
        }
        // Opposite ways (the outcome above b, the target below t, or the reverse): disjoint, or they overlap.
        let apart = side.wantsHigher ? b > t : b < t
        let touching = b == t && (side == .greater || side == .less || op == .greater || op == .less)
        return apart || touching ? false : nil
    }

    /// The outcome as people read it: `1.81`, `about 76`, `> 70000`; a computed value (a derived ratio) to five digits.
    public var text: String {
        let plain = NumberText.plain(value)
        let number = plain.count <= 8 ? plain : NumberText.significant(value, digits: 5)
        switch qualifier {
        case .exact: return number
        case .approximate: return "about \(number)"
        case .bound(let op): return "\(op.sign) \(number)"
        }
    }
}

extension ComparisonOperator {
    /// The operator as a mathematical sign (`<=` → `≤`).
    public var sign: String {
        switch self {
        case .lessOrEqual: return "≤"
        case .greaterOrEqual: return "≥"
        case .less: return "<"
        case .greater: return ">"
        }
    }
}
