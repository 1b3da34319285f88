import LeastSquares
import Synchronization

/// Upper t quantiles `t(0.5 + level/2, df)` for interval levels, remembered per (level, df).
///
/// A batch of a hundred thousand fits shares a handful of degrees of freedom; each quantile is an
/// iterative inversion, so computing it once per (level, df) instead of once per series matters.
enum StudentTQuantiles {
    private struct Key: Hashable { let level: Double; let df: Int }
    private static let cache = Mutex<[Key: Double]>([:])

    static func upper(level: Double, degreesOfFreedom df: Int) -> Double {
        let key = Key(level: level, df: df)
        if let q = cache.withLock({ $0[key] }) { return q }
        let q = StudentT(degreesOfFreedom: Double(df)).quantile(0.5 + level / 2)
        cache.withLock { $0[key] = q }
        return q
    }
}
