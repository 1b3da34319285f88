/// Helpers shared by the distribution tests.
enum DistributionCheck {
    /// `|actual − expected| / |expected|`, or `|actual|` when `expected` is exactly zero.
    static func relativeError(_ actual: Double, _ expected: Double) -> Double {
        expected == 0 ? abs(actual) : abs(actual - expected) / abs(expected)
    }

    /// The accuracy promised for every cdf, survival function, density and quantile.
    static let tolerance = 1e-12
}
