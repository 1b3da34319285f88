/// One observed value of an indicator in a year, with where it was read.
public struct Observation: Sendable, Hashable {
    /// The indicator's id.
    public var indicator: String
    /// The calendar year the value refers to.
    public var year: Int
    /// The value, in the indicator's unit.
    public var value: Double
    /// Where the number was read: a bulletin, a report, a URL, with the words it was read from.
    public var source: String
    /// The line of `history.csv` the row starts on (for a chained value, the line of the growth rate used).
    public var line: Int
    /// For a value chained from a growth rate (see `Indicator.extendWith`), the rate's indicator id; nil for
    /// a value read from `history.csv`.
    public var chainedFrom: String?
    /// Whether `value` is the number, about the number (`左右`), or a bound on it (`突破`: `>`).
    public var qualifier: ObservationQualifier

    public init(indicator: String, year: Int, value: Double, source: String, line: Int = 0, chainedFrom: String? = nil,
                qualifier: ObservationQualifier = .exact) {
        self.indicator = indicator
        self.year = year
        self.value = value
        self.source = source
        self.line = line
        self.chainedFrom = chainedFrom
        self.qualifier = qualifier
    }
}
