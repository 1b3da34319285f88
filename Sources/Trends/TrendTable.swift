import LeastSquares

/// Many series observed in the same years, as one wide table: a row per series, a column per year (what
/// `df.pivot(index="series", columns="year")` gives in pandas). NaN marks a missing value, as in
/// ``TrendSeries``. Stored column-major, so one year's values of neighbouring series are contiguous: the
/// layout that `TrendFitter.forecastColumns` reads in place, eight series to a vector.
public struct TrendTable: Sendable {
    /// Each row's series id.
    public let ids: [String]
    public let years: [Int]
    /// `values[s, i]` is series `s` in `years[i]`.
    public let values: Matrix

    public init(ids: [String], years: [Int], values: Matrix) {
        precondition(values.rows == ids.count && values.columns == years.count, "A row per id and a column per year")
        self.ids = ids
        self.years = years
        self.values = values
    }

    /// The number of series.
    public var count: Int { ids.count }

    /// Row `s` as a series.
    public func series(_ s: Int) -> TrendSeries {
        TrendSeries(id: ids[s], years: years, values: years.indices.map { values[s, $0] })
    }
}
