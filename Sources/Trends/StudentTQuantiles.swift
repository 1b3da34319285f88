import LeastSquares
import Synchronization

/// Upper t quantiles `t(0.5 + level/2, df)` for interval levels, remembered per (level, df).
///
/// A batch of a hundred thousand fits shares a handful of degrees of freedom; each quantile is an
/// iterative inversion, so computing it once per (level, df) instead of once per series matters.
enum StudentTQuantiles {
    private struct Key: Hashable { let level: Double; let df: Int }
    private static let cache = Mutex<[Key: Double]>([:])
    /// The two levels every interval is printed at, for 1…`tabulated` degrees of freedom, computed once: read
    /// without a lock or a hash by the millions of intervals of a backtest.
    private static let tabulated = 256
    private static let table80 = (1...tabulated).map { StudentT(degreesOfFreedom: Double($0)).quantile(0.5 + 0.8 / 2) }
    private static let table95 = (1...tabulated).map { StudentT(degreesOfFreedom: Double($0)).quantile(0.5 + 0.95 / 2) }

    static func upper(level: Double, degreesOfFreedom df: Int) -> Double {
        if df >= 1 && df <= tabulated {
            if level == 0.8 { return table80[df - 1] }
            if level == 0.95 { return table95[df - 1] }
        }
        let key = Key(level: level, df: df)
        if let q = cache.withLock({ $0[key] }) { return q }
        let q = StudentT(degreesOfFreedom: Double(df)).quantile(0.5 + level / 2)
        cache.withLock { $0[key] = q }
        return q
    }
}
