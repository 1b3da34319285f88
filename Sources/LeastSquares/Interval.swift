/// A closed interval `[lower, upper]`, e.g. a confidence or prediction interval.
public struct Interval: Sendable, Equatable, CustomStringConvertible {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// Whether `value` lies in the interval, bounds included.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

    public var description: String { "[\(lower), \(upper)]" }
}
