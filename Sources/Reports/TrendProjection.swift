import Common
import LeastSquares
import Studies
import Trends

extension TrendProjection {
    /// ``TrendProjection/columns(_:panels:method:options:to:horizon:)`` of a table's series when they all share
    /// their years; nil otherwise (or when the columns do not apply).
    public static func columns(_ set: DataFile.SeriesSet, method: TrendMethod, options: TrendOptions, to: Int?, horizon: Int) -> TrendColumns? {
        guard let years = set.sharedYears, !years.isEmpty else { return nil }
        let m = set.count, n = years.count
        // The series as the rows of a column-major matrix, blocks of neighbouring series in parallel.
        let storage = set.values.withUnsafeBufferPointer { values in
            set.starts.withUnsafeBufferPointer { starts in
                let values = ReadOnlyShare(values), starts = ReadOnlyShare(starts)
                return [Double](unsafeUninitializedCapacity: m * n) { buffer, count in
                    let cells = DisjointWrites(buffer), block = 4096
                    Parallel.forEach((m + block - 1) / block) { b in
                        let matrix = cells.baseAddress!
                        for s in (b * block)..<min(m, (b + 1) * block) {
                            let first = starts.buffer[s]
                            for i in 0..<n { matrix[s + i * m] = values.buffer[first + i] }
                        }
                    }
                    count = m * n
                }
            }
        }
        return columns(TrendTable(ids: set.ids, years: years, values: Matrix(rows: m, columns: n, storage: storage)), panels: set.indicators,
                       method: method, options: options, to: to, horizon: horizon)
    }
}
