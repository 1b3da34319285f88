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
        let orderStatistics = (n >= 100_000 ? bandSelect(values, ranks.sorted()) : nil) ?? {
            multiselect(&values, ranks.sorted(), low: 0, high: n - 1)
            return Dictionary(uniqueKeysWithValues: ranks.map { ($0, values[$0]) })
        }()
        return probabilities.map { p in
            let h = Double(n - 1) * p, lower = Int(h.rounded(.down))
            guard lower + 1 < n, h > Double(lower) else { return orderStatistics[lower]! }
            return orderStatistics[lower]! + (h - Double(lower)) * (orderStatistics[lower + 1]! - orderStatistics[lower]!)
        }
    }

    /// Order statistics of a large array in one pass (the idea of Floyd & Rivest's SELECT): a sorted sample
    /// gives, for each rank, a narrow band of values that almost surely contains it; one pass counts the
    /// values below each band and collects those inside; sorting the small bands gives the ranks. Returns
    /// nil when a band missed its rank (then the caller selects exactly).
    static func bandSelect(_ values: [Double], _ ranks: [Int]) -> [Int: Double]? {
        let n = values.count, sampleSize = 8_192
        let stride = n / sampleSize
        var sample = (0..<sampleSize).map { values[$0 * stride] }
        sample.sort()
        let margin = 4 * Int(Double(sampleSize).squareRoot())   // about 8 standard deviations of a sample rank
        // One band of sample positions per group of nearby ranks (a quantile needs two neighbouring ranks).
        var bands: [(first: Int, last: Int, ranks: [Int])] = []
        for r in ranks {
            let position = Int(Double(r) / Double(n) * Double(sampleSize))
            let (first, last) = (max(0, position - margin), min(sampleSize - 1, position + margin))
            if let previous = bands.last, first <= previous.last {
                bands[bands.count - 1] = (previous.first, max(previous.last, last), previous.ranks + [r])
            } else {
                bands.append((first, last, [r]))
            }
        }
        let lows = bands.map { $0.first == 0 ? -Double.infinity : sample[$0.first] }
        let highs = bands.map { $0.last == sampleSize - 1 ? Double.infinity : sample[$0.last] }
        var below = [Int](repeating: 0, count: bands.count)
        var inside = [[Double]](repeating: [], count: bands.count)
        values.withUnsafeBufferPointer { v in
            for x in v {
                for b in bands.indices {
                    if x < lows[b] { below[b] += 1; break }
                    if x <= highs[b] { inside[b].append(x); break }
                }
            }
        }
        // Values below band b were counted in the first band they fell below; make the counts cumulative.
        for b in bands.indices.dropFirst() { below[b] += below[b - 1] + inside[b - 1].count }
        var result: [Int: Double] = [:]
        for (b, band) in bands.enumerated() {
            inside[b].sort()
            for r in band.ranks {
                let k = r - below[b]
                guard k >= 0, k < inside[b].count else { return nil }
                result[r] = inside[b][k]
            }
        }
        return result
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
