/// Sample quantiles by linear interpolation between order statistics (Hyndman & Fan type 7, the default
/// of R and numpy), of values that may contain NaN (left out).
struct SampleQuantiles {
    private let sorted: [Double]

    init<S: Sequence>(_ values: S) where S.Element == Double {
        sorted = values.filter { !$0.isNaN }.sorted()
    }

    var isEmpty: Bool { sorted.isEmpty }

    /// The `p` quantile (NaN when there are no values).
    func callAsFunction(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let h = Double(sorted.count - 1) * p
        let lower = Int(h.rounded(.down)), upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
    }
}
