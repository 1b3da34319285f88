import Foundation

extension ScaledErrorLaw {
    /// The law `auto` falls back on where a run has few errors of its own (a single short series): the pooled
    /// scaled out-of-sample errors of `auto` itself, from rolling origins (at least 4 training points, the
    /// latest 12 per series) inside the training values of the 699 yearly series of M1 (Makridakis et al. 1982)
    /// and Tourism (Athanasopoulos et al. 2011), 1-6 years ahead; beyond 6 years grown like √h.
    ///
    /// Measured by `swift run -c release pathways-bench calibration` (errors per horizon: 7598, 6899, 6200, 5501, 4817, 4133); re-measure
    /// and paste when the pool or the scale changes. Quantiles at ``probabilities``, centred on the median.
    public static let benchmarkDefault = ScaledErrorLaw(
        horizons: [
            [-4.4039, -3.5860, -2.5768, -1.9487, -1.3297, -0.7560, -0.4478, -0.2049, 0.0000, 0.2199, 0.4619, 0.7711, 1.2536, 1.7721, 2.2821, 3.1840, 3.7977],
            [-5.6107, -4.6259, -3.5678, -2.6807, -1.9191, -1.1144, -0.6795, -0.3318, 0.0000, 0.3518, 0.7067, 1.1794, 1.9345, 2.6452, 3.3794, 4.7546, 6.0847],
            [-6.8059, -5.6458, -4.3302, -3.3527, -2.2925, -1.4105, -0.8180, -0.4101, 0.0000, 0.4399, 0.9293, 1.5319, 2.5252, 3.4443, 4.3750, 6.2447, 7.9637],
            [-7.5774, -6.6438, -4.8191, -3.8282, -2.6962, -1.6814, -0.9758, -0.5001, 0.0000, 0.5425, 1.1710, 1.9120, 3.1040, 4.2226, 5.5919, 7.8042, 9.4560],
            [-8.9760, -7.5429, -5.6831, -4.2892, -3.2070, -1.9281, -1.1975, -0.5611, 0.0000, 0.6205, 1.3005, 2.2502, 3.5606, 4.9514, 6.4825, 9.2294, 11.0010],
            [-9.8971, -8.2262, -6.1741, -4.7723, -3.5056, -2.1711, -1.2973, -0.6106, 0.0000, 0.6882, 1.4893, 2.4798, 4.0333, 5.6348, 7.3328, 10.3784, 12.2634],
        ].map { Horizon(quantiles: $0) },
        errorCounts: [7598, 6899, 6200, 5501, 4817, 4133],
        source: "the default law (scaled errors of M1 and Tourism yearly series)")
}
