import LeastSquares
import Studies
import Trends

extension TrendProjection {
    /// ``TrendProjection/columns(_:panels:method:options:to:horizon:)`` of a table's series when they all share
    /// their years; nil otherwise (or when the columns do not apply).
    public static func columns(_ set: DataFile.SeriesSet, method: TrendMethod, options: TrendOptions, to: Int?, horizon: Int) -> TrendColumns? {
        guard let years = set.sharedYears, !years.isEmpty else { return nil }
        let m = set.count, n = years.count
        var values = Matrix(rows: m, columns: n)
        for s in 0..<m { for i in 0..<n { values[s, i] = set.values[set.starts[s] + i] } }
        return columns(TrendTable(ids: set.ids, years: years, values: values), panels: set.indicators, method: method, options: options,
                       to: to, horizon: horizon)
    }
}
