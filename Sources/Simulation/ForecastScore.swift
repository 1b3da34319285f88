import Foundation

/// Scores of probability forecasts of yes/no outcomes (a target met or not): lower is better for both.
///
/// - **Brier score** (Brier 1950): the mean of `(p − o)²` over the forecasts, `o` = 1 when the target was met
///   and 0 when it was missed. 0 is perfect; always saying 50% scores 0.25; a confident wrong forecast scores 1.
/// - **Log score** (logarithmic, ignorance): the mean of `−ln p̃` when met and `−ln(1 − p̃)` when missed, with
///   `p̃ = min(max(p, ε), 1 − ε)` and `ε = 0.01`. Without the clip a single forecast of 0 or 1 that turns out
///   wrong scores infinity, and the Monte Carlo's 0 and 1 only mean "no path", not certainty; 1% is the edge
///   of the IPCC's "exceptionally unlikely", the finest distinction the verdicts draw. A wrong forecast of
///   0 or 1 scores `−ln 0.01 = 4.605`, a right one `−ln 0.99 = 0.01005`.
public struct ForecastScore: Sendable, Equatable {
    /// The clip of the log score.
    public static let epsilon = 0.01

    /// Forecasts scored.
    public let count: Int
    public let brier: Double
    public let logScore: Double

    /// The scores of `forecasts` (probability, outcome); nil when there are none.
    public init?(_ forecasts: [(p: Double, met: Bool)]) {
        guard !forecasts.isEmpty else { return nil }
        count = forecasts.count
        brier = forecasts.map { f in (f.p - (f.met ? 1 : 0)) * (f.p - (f.met ? 1 : 0)) }.reduce(0, +) / Double(count)
        logScore = forecasts.map { Self.logLoss(p: $0.p, met: $0.met) }.reduce(0, +) / Double(count)
    }

    /// `−ln p̃` when met, `−ln(1 − p̃)` when missed, `p̃` clipped to [ε, 1 − ε].
    public static func logLoss(p: Double, met: Bool) -> Double {
        let clipped = min(max(p, epsilon), 1 - epsilon)
        return -Foundation.log(met ? clipped : 1 - clipped)
    }
}

/// One row of a reliability table: of the forecasts whose probability fell in a likelihood band, how many
/// were met.
public struct ReliabilityRow: Sendable, Equatable {
    public let band: Likelihood
    public let count: Int
    public let met: Int
    /// The mean forecast probability in the band.
    public let meanProbability: Double

    /// The share met, to set beside the band's range and `meanProbability`.
    public var observedFrequency: Double { Double(met) / Double(count) }

    /// One row per band that holds at least one forecast, in band order (exceptionally unlikely first).
    public static func table(_ forecasts: [(p: Double, met: Bool)]) -> [ReliabilityRow] {
        let grouped = Dictionary(grouping: forecasts) { Likelihood(probability: $0.p) }
        return Likelihood.allCases.compactMap { band in
            guard let group = grouped[band] else { return nil }
            return ReliabilityRow(band: band, count: group.count, met: group.filter(\.met).count,
                                  meanProbability: group.map(\.p).reduce(0, +) / Double(group.count))
        }
    }
}
