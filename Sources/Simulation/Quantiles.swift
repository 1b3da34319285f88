import Common
import Foundation

/// Sample quantiles of Monte Carlo paths by linear interpolation between order statistics (Hyndman & Fan
/// type 7, the default of R and numpy), at a few probabilities in O(n) by selection instead of a full sort.
public enum PathQuantiles {
    /// The type-7 quantiles of the non-NaN `values` at `probabilities` (all NaN when none is left).
    public static func of<S: Sequence>(_ values: S, at probabilities: [Double]) -> [Double] where S.Element == Double {
        var finite = values.filter { !$0.isNaN }
        return select(&finite, at: probabilities)
    }

    /// The type-7 quantiles of `values` at `probabilities` (NaN-free input; `values` is reordered).
    ///
    /// `through` maps order statistics by an increasing function before interpolating: the quantiles of
    /// `f(x)` from the values of `x` (order statistics commute with an increasing f), e.g. of a ratio from
    /// its logarithm without exponentiating every path.
    public static func select(_ values: inout [Double], at probabilities: [Double],
                              through increasing: ((Double) -> Double)? = nil) -> [Double] {
        guard !values.isEmpty else { return probabilities.map { _ in .nan } }
        let n = values.count
        var ranks = Set<Int>()
        for p in probabilities {
            let h = Double(n - 1) * p, lower = Int(h.rounded(.down))
            ranks.insert(lower)
            if lower + 1 < n, h > Double(lower) { ranks.insert(lower + 1) }
        }
        let orderStatistics = (n >= 100_000 ? bandSelect(values, ranks.sorted()) : bucketSelect(values, ranks.sorted())) ?? {
            multiselect(&values, ranks.sorted(), low: 0, high: n - 1)
            return Dictionary(uniqueKeysWithValues: ranks.map { ($0, values[$0]) })
        }()
        let f = increasing ?? { $0 }
        return probabilities.map { p in
            let h = Double(n - 1) * p, lower = Int(h.rounded(.down))
            guard lower + 1 < n, h > Double(lower) else { return f(orderStatistics[lower]!) }
            let (a, b) = (f(orderStatistics[lower]!), f(orderStatistics[lower + 1]!))
            return a + (h - Double(lower)) * (b - a)
        }
    }

    /// Order statistics of a large array in one pass (the idea of Floyd & Rivest's SELECT): a sorted sample
    /// gives, for each rank, a narrow band of values that almost surely contains it; one pass counts the
    /// values below each band and collects those inside; sorting the small bands gives the ranks. Returns
    /// nil when a band missed its rank (then the caller selects exactly).
    static func bandSelect(_ values: [Double], _ ranks: [Int]) -> [Int: Double]? {
        let n = values.count, sampleSize = 16_384
        let stride = n / sampleSize
        var sample = (0..<sampleSize).map { values[$0 * stride] }
        sample.sort()
        // One band of sample positions per group of nearby ranks (a quantile needs two neighbouring ranks),
        // ±6 standard deviations of the sample rank, sqrt(s·q(1 − q)), around the rank's position.
        var bands: [(first: Int, last: Int, ranks: [Int])] = []
        for r in ranks {
            let q = Double(r) / Double(n)
            let margin = 8 + Int(6 * (Double(sampleSize) * q * (1 - q)).squareRoot())
            let position = Int(q * Double(sampleSize))
            let (first, last) = (max(0, position - margin), min(sampleSize - 1, position + margin))
            if let previous = bands.last, first <= previous.last {
                bands[bands.count - 1] = (previous.first, max(previous.last, last), previous.ranks + [r])
            } else {
                bands.append((first, last, [r]))
            }
        }
        let lows = bands.map { $0.first == 0 ? -Double.infinity : sample[$0.first] }
        let highs = bands.map { $0.last == sampleSize - 1 ? Double.infinity : sample[$0.last] }
        let bandCount = bands.count
        // The pass over the values, split over the cores; the parts are merged in order.
        let parts = min(ProcessInfo.processInfo.activeProcessorCount, max(1, n / 50_000))
        let counts = Parallel.map(parts) { part -> (below: [Int], inside: [[Double]]) in
            var below = [Int](repeating: 0, count: bandCount)
            var inside = [[Double]](repeating: [], count: bandCount)
            values.withUnsafeBufferPointer { v in
                for x in v[(part * n / parts)..<((part + 1) * n / parts)] {
                    for b in 0..<bandCount {
                        if x < lows[b] { below[b] += 1; break }
                        if x <= highs[b] { inside[b].append(x); break }
                    }
                }
            }
            return (below, inside)
        }
        var below = [Int](repeating: 0, count: bands.count)
        var inside = [[Double]](repeating: [], count: bands.count)
        for part in counts {
            for b in bands.indices { below[b] += part.below[b]; inside[b] += part.inside[b] }
        }
        // Values below band b were counted in the first band they fell below; make the counts cumulative.
        for b in bands.indices.dropFirst() { below[b] += below[b - 1] + inside[b - 1].count }
        var result: [Int: Double] = [:]
        for (b, band) in bands.enumerated() {
            let local = band.ranks.map { $0 - below[b] }
            guard local.allSatisfy({ $0 >= 0 && $0 < inside[b].count }) else { return nil }
            multiselect(&inside[b], local, low: 0, high: inside[b].count - 1)
            for (r, k) in zip(band.ranks, local) { result[r] = inside[b][k] }
        }
        return result
    }

    /// Order statistics by counting (a bucket select): the range [min, max] is cut into equal buckets, one pass
    /// counts the values in each, the counts say which bucket holds each rank, and only those buckets' values are
    /// kept and selected among (again by buckets when many, as in a heavy tail). Buckets follow the values'
    /// order, since `(x − min)·scale` is monotone in x, so the ranks are exact. A few passes of simple loops
    /// instead of the data-dependent branches of partitioning; nil when the range is not finite.
    static func bucketSelect(_ values: [Double], _ ranks: [Int], depth: Int = 0) -> [Int: Double]? {
        let n = values.count
        guard n > 256, depth < 4 else { return nil }
        let (low, high) = range(values)
        if low == high { return Dictionary(uniqueKeysWithValues: ranks.map { ($0, low) }) }
        let bucketCount = Swift.min(4096, n / 4)
        let scale = Double(bucketCount) / (high - low)
        guard scale.isFinite, scale > 0 else { return nil }
        @inline(__always) func bucket(_ x: Double) -> Int { Swift.min(bucketCount - 1, Int((x - low) * scale)) }
        var counts = [Int](repeating: 0, count: bucketCount)
        counts.withUnsafeMutableBufferPointer { counts in
            values.withUnsafeBufferPointer { values in for x in values { counts[bucket(x)] &+= 1 } }
        }
        // The bucket holding each rank (`slot[b]`: its place among the buckets kept, −1 for the others) and the
        // rank within it; the kept buckets' values go to consecutive parts of one array.
        var slot = [Int](repeating: -1, count: bucketCount)
        var kept: [(start: Int, count: Int, ranks: [(rank: Int, local: Int)])] = []
        var b = 0, below = 0, total = 0
        for r in ranks {
            while below + counts[b] <= r { below += counts[b]; b += 1 }
            if slot[b] < 0 {
                slot[b] = kept.count
                kept.append((total, counts[b], []))
                total += counts[b]
            }
            kept[slot[b]].ranks.append((r, r - below))
        }
        var gathered = [Double](repeating: 0, count: total)
        var next = kept.map(\.start)
        gathered.withUnsafeMutableBufferPointer { gathered in
            next.withUnsafeMutableBufferPointer { next in
                slot.withUnsafeBufferPointer { slot in
                    values.withUnsafeBufferPointer { values in
                        for x in values {
                            let k = slot[bucket(x)]
                            if k >= 0 { gathered[next[k]] = x; next[k] &+= 1 }
                        }
                    }
                }
            }
        }
        var result: [Int: Double] = [:]
        for part in kept {
            var bag = Array(gathered[part.start..<(part.start + part.count)])
            let localRanks = part.ranks.map(\.local)
            if let inner = bucketSelect(bag, localRanks, depth: depth + 1) {
                for r in part.ranks { result[r.rank] = inner[r.local]! }
            } else {
                multiselect(&bag, localRanks, low: 0, high: bag.count - 1)
                for r in part.ranks { result[r.rank] = bag[r.local] }
            }
        }
        return result
    }

    /// The smallest and largest of NaN-free, non-empty `values`, eight lanes at a time.
    static func range(_ values: [Double]) -> (Double, Double) {
        values.withUnsafeBufferPointer { v in
            var low = SIMD8<Double>(repeating: v[0]), high = low
            var i = 0
            while i + 8 <= v.count {
                let x = UnsafeRawPointer(v.baseAddress! + i).loadUnaligned(as: SIMD8<Double>.self)
                low.replace(with: x, where: x .< low)
                high.replace(with: x, where: x .> high)
                i += 8
            }
            var (a, b) = (low.min(), high.max())
            while i < v.count { a = Swift.min(a, v[i]); b = Swift.max(b, v[i]); i += 1 }
            return (a, b)
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
