import _TestSupport
/// Helpers shared by the distribution tests.
enum DistributionCheck {

    /// The accuracy promised for every cdf, survival function, density and quantile.
    static let tolerance = 1e-12
}
