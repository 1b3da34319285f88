import Studies

extension Formula {
    /// The formula evaluated element by element over paths: `inputs[id]` holds one value per path.
    /// A division by zero or a missing input gives NaN for that path, never a guess.
    func evaluate(paths inputs: [String: [Double]], count: Int) -> [Double] {
        switch self {
        case .number(let value):
            return Array(repeating: value, count: count)
        case .indicator(let id):
            return inputs[id] ?? Array(repeating: .nan, count: count)
        case .negate(let inner):
            return inner.evaluate(paths: inputs, count: count).map { -$0 }
        case .binary(let op, let lhs, let rhs):
            let a = lhs.evaluate(paths: inputs, count: count), b = rhs.evaluate(paths: inputs, count: count)
            switch op {
            case .add: return zip(a, b).map { $0 + $1 }
            case .subtract: return zip(a, b).map { $0 - $1 }
            case .multiply: return zip(a, b).map { $0 * $1 }
            case .divide: return zip(a, b).map { $1 == 0 ? .nan : $0 / $1 }
            }
        }
    }
}
