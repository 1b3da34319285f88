extension ReadOnlyShare {
    /// Calls `body` with a read-only share of each of `arrays`, valid during the call: the arrays' own storage, for
    /// parallel workers that read many arrays (a share is a plain value, which no worker retains).
    package static func withAll<R, E: Error>(_ arrays: [[Element]], _ body: ([ReadOnlyShare<Element>]) throws(E) -> R) throws(E) -> R {
        func nest(_ k: Int, _ shares: [ReadOnlyShare<Element>]) throws(E) -> R {
            guard k < arrays.count else { return try body(shares) }
            return try arrays[k].withUnsafeBufferPointer { (buffer) throws(E) -> R in try nest(k + 1, shares + [ReadOnlyShare(buffer)]) }
        }
        return try nest(0, [])
    }
}
