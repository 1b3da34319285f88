import Common
/// An arithmetic expression over indicator ids and numbers: how a derived indicator is computed.
///
/// Grammar (usual precedence, left-associative, unary minus):
/// ```
/// expression := term (("+" | "-") term)*
/// term       := factor (("*" | "/") factor)*
/// factor     := number | identifier | "(" expression ")" | "-" factor
/// ```
/// Identifiers are indicator ids (`[A-Za-z_][A-Za-z0-9_]*`); numbers are decimals, optionally with an exponent.
/// Example: `rd_expenditure / gdp * 100`.
public indirect enum Formula: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    case indicator(String)
    case negate(Formula)
    case binary(FormulaOperator, Formula, Formula)

    /// Parses `text`.
    /// - Throws: `FormulaParseError` with the 1-based column of the problem.
    public init(parsing text: String) throws(FormulaParseError) {
        var parser = FormulaParser(text)
        self = try parser.parseAll()
    }

    /// The ids of the indicators the formula reads.
    public var indicatorIDs: Set<String> {
        switch self {
        case .number: return []
        case .indicator(let id): return [id]
        case .negate(let inner): return inner.indicatorIDs
        case .binary(_, let lhs, let rhs): return lhs.indicatorIDs.union(rhs.indicatorIDs)
        }
    }

    /// The value for one year's inputs.
    ///
    /// - Parameter values: indicator id → value in the same year.
    /// - Returns: `nil` when an input is missing, a division is by zero, or the result is not finite:
    ///   a derived value is never guessed.
    public func evaluate(_ values: [String: Double]) -> Double? {
        let result: Double?
        switch self {
        case .number(let x):
            result = x
        case .indicator(let id):
            result = values[id]
        case .negate(let inner):
            result = inner.evaluate(values).map { -$0 }
        case .binary(let op, let lhs, let rhs):
            guard let a = lhs.evaluate(values), let b = rhs.evaluate(values) else { return nil }
            switch op {
            case .add: result = a + b
            case .subtract: result = a - b
            case .multiply: result = a * b
            case .divide: result = b == 0 ? nil : a / b
            }
        }
        guard let result, result.isFinite else { return nil }
        return result
    }

    /// The first divisor that is a constant equal to zero (`x / 0`, `x / (2 - 2)`), as written back;
    /// nil when there is none. Such a formula has no value in any year.
    public var constantZeroDivisor: String? {
        switch self {
        case .number, .indicator: return nil
        case .negate(let inner): return inner.constantZeroDivisor
        case .binary(let op, let lhs, let rhs):
            if op == .divide, rhs.indicatorIDs.isEmpty, (rhs.evaluate([:]) ?? 0) == 0 { return rhs.description }
            return lhs.constantZeroDivisor ?? rhs.constantZeroDivisor
        }
    }

    /// The formula written back with the parentheses it needs.
    public var description: String { render(parentPrecedence: 0) }

    private func render(parentPrecedence: Int) -> String {
        switch self {
        case .number(let x): return NumberText.plain(x)
        case .indicator(let id): return id
        case .negate(let inner): return "-" + inner.render(parentPrecedence: 3)
        case .binary(let op, let lhs, let rhs):
            let text = lhs.render(parentPrecedence: op.precedence) + " \(op.rawValue) "
                + rhs.render(parentPrecedence: op.precedence + 1)
            return op.precedence < parentPrecedence ? "(\(text))" : text
        }
    }
}

/// The four arithmetic operators of a `Formula`.
public enum FormulaOperator: Character, Sendable, Hashable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"

    var precedence: Int { self == .add || self == .subtract ? 1 : 2 }
}

/// A formula that does not parse, with the 1-based column where parsing stopped.
public struct FormulaParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var column: Int

    public var description: String { "\(message) at column \(column)" }
}

/// Recursive-descent parser for `Formula`.
struct FormulaParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    mutating func parseAll() throws(FormulaParseError) -> Formula {
        skipSpaces()
        guard index < scalars.count else { throw fail("empty formula") }
        let formula = try expression()
        skipSpaces()
        if index < scalars.count { throw fail("unexpected '\(scalars[index])'") }
        return formula
    }

    private func fail(_ message: String) -> FormulaParseError {
        FormulaParseError(message: message, column: index + 1)
    }

    private mutating func skipSpaces() {
        while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
    }

    private mutating func next(_ ops: [FormulaOperator]) -> FormulaOperator? {
        skipSpaces()
        guard index < scalars.count else { return nil }
        for op in ops where Character(scalars[index]) == op.rawValue {
            index += 1
            return op
        }
        return nil
    }

    private mutating func expression() throws(FormulaParseError) -> Formula {
        var lhs = try term()
        while let op = next([.add, .subtract]) {
            lhs = .binary(op, lhs, try term())
        }
        return lhs
    }

    private mutating func term() throws(FormulaParseError) -> Formula {
        var lhs = try factor()
        while let op = next([.multiply, .divide]) {
            lhs = .binary(op, lhs, try factor())
        }
        return lhs
    }

    private mutating func factor() throws(FormulaParseError) -> Formula {
        skipSpaces()
        guard index < scalars.count else { throw fail("expected a number, an indicator id or '(' but the formula ends") }
        let c = scalars[index]
        if c == "-" {
            index += 1
            return .negate(try factor())
        }
        if c == "(" {
            index += 1
            let inner = try expression()
            skipSpaces()
            guard index < scalars.count, scalars[index] == ")" else { throw fail("expected ')'") }
            index += 1
            return inner
        }
        if c.properties.numericType != nil && c.isASCII || c == "." {
            return try number()
        }
        if c == "_" || (c.isASCII && c.properties.isAlphabetic) {
            let start = index
            while index < scalars.count,
                  scalars[index] == "_" || (scalars[index].isASCII && (scalars[index].properties.isAlphabetic || scalars[index].properties.numericType != nil)) {
                index += 1
            }
            return .indicator(String(String.UnicodeScalarView(scalars[start..<index])))
        }
        throw fail("unexpected '\(c)'")
    }

    private mutating func number() throws(FormulaParseError) -> Formula {
        let start = index
        func isDigit(_ s: Unicode.Scalar) -> Bool { s.isASCII && s.properties.numericType != nil }
        while index < scalars.count, isDigit(scalars[index]) || scalars[index] == "." { index += 1 }
        if index < scalars.count, scalars[index] == "e" || scalars[index] == "E" {
            index += 1
            if index < scalars.count, scalars[index] == "+" || scalars[index] == "-" { index += 1 }
            while index < scalars.count, isDigit(scalars[index]) { index += 1 }
        }
        let text = String(String.UnicodeScalarView(scalars[start..<index]))
        switch DecimalNumber.parse(text) {
        case .success(let value):
            return .number(value)
        case .failure(let problem):
            index = start
            throw fail("'\(text)' \(problem)")
        }
    }
}
