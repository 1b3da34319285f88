/// What sort of quantity an indicator is; it decides how the simulation treats the series.
public enum IndicatorKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// A stock or level (GDP, income, population): projected by a trend family, compounded by growth assumptions.
    case level
    /// A bounded percentage (urbanization, coverage): capped, by default at 100.
    case share
    /// A rate per period, such as a growth rate in percent; never compounded or summed.
    case rate
    /// A number of things in existence (enterprises, platforms).
    case count
    /// An amount per year (new jobs, new listings): summed over the years of a cumulative target.
    case flow
}

/// Whether a growth rate is measured at current prices (nominal) or at constant prices (real). Only nominal
/// growth can extend a level published at current prices: real growth leaves out the change in prices.
public enum GrowthBasis: String, Sendable, Hashable, CaseIterable, Codable {
    case nominal
    case real
}

/// Which way an indicator should move: decides progress ratios and which side of a target is good.
public enum Direction: String, Sendable, Hashable, CaseIterable, Codable {
    /// Higher is better.
    case up
    /// Lower is better.
    case down

    /// `+1` for `up`, `-1` for `down`, as in the progress-ratio formula `R = d · CAGR_o / |CAGR_r|`.
    public var sign: Double { self == .up ? 1 : -1 }
}

/// How an indicator is projected: `auto` (the combination), `select` (model selection) or one family by name.
public enum ModelChoice: String, Sendable, Hashable, CaseIterable, Codable {
    /// The median of naive, drift and Holt forecasts with calibrated intervals.
    case auto
    /// One family chosen by rolling-origin cross-validation.
    case select
    case linear
    case compound
    case polynomial2
    case polynomial3
    case logistic
    case damped
    case drift
    case naive
    case ses
    case theta
    case holt
    case dampedTrend = "damped-trend"
}
