/// Sample quantiles of Monte Carlo paths by linear interpolation between order statistics (Hyndman & Fan
/// type 7, the default of R and numpy), at a few probabilities in O(n) by selection instead of a full sort.
public enum PathQuantiles {
    /// The type-7 quantiles of the non-NaN `values` at `probabilities` (all NaN when none is left).
    public static func of<S: Sequence>(_ values: S, at probabilities: [Double]) -> [Double] where S.Element == Double {
        var finite = values.filter { !$0.isNaN }
        return select(&finite, at: probabilities)
    }

    /// The type-7 quantiles of `values` at `probabilities` (NaN-free input; `values` is reordered).
    public static func select(_ values: inout [Double], at probabilities: [Double]) -> [Double] {
        guard !values.isEmpty else { return probabilities.map { _ in .nan } }
        let n = values.count
        var ranks = Set<Int>()
        for p in probabilities {
            let h = Double(n - 1) * p, lower = Int(h.rounded(.down))
            ranks.insert(lower)
            if lower + 1 < n, h > Double(lower) { ranks.insert(lower + 1) }
        }
        multiselect(&values, ranks.sorted(), low: 0, high: n - 1)
        return probabilities.map { p in
            let h = Double(n - 1) * p, lower = Int(h.rounded(.down))
            guard lower + 1 < n, h > Double(lower) else { return values[lower] }
            return values[lower] + (h - Double(lower)) * (values[lower + 1] - values[lower])
        }
    }

    /// Places every rank of `ranks` (sorted, within `low...high`) at its index: select the middle rank,
    /// then the lower ranks left of it and the higher ones right of it, so each level halves the work.
    static func multiselect(_ a: inout [Double], _ ranks: [Int], low: Int, high: Int) {
        guard !ranks.isEmpty else { return }
        let middle = ranks.count / 2
        nthElement(&a, ranks[middle], low: low, high: high)
        multiselect(&a, Array(ranks[..<middle]), low: low, high: ranks[middle] - 1)
        multiselect(&a, Array(ranks[(middle + 1)...]), low: ranks[middle] + 1, high: high)
    }

    /// Puts the k-th smallest element at index k, given that `a[low...high]` holds exactly the elements
    /// ranked `low` to `high` (Hoare's quickselect, median-of-three pivots).
    @discardableResult
    static func nthElement(_ a: inout [Double], _ k: Int, low: Int, high: Int) -> Double {
        var low = low, high = high
        a.withUnsafeMutableBufferPointer { a in
            while high > low {
                let mid = low + (high - low) / 2
                if a[mid] < a[low] { a.swapAt(mid, low) }
                if a[high] < a[low] { a.swapAt(high, low) }
                if a[high] < a[mid] { a.swapAt(high, mid) }
                let pivot = a[mid]
                var i = low, j = high
                while i <= j {
                    while a[i] < pivot { i += 1 }
                    while a[j] > pivot { j -= 1 }
                    if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
                }
                if k <= j { high = j } else if k >= i { low = i } else { break }
            }
        }
        return a[k]
    }
}
