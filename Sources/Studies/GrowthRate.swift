import Common

/// Annual growth is written as a fraction (0.085 for 8.5%) in every file and option; this is the one check
/// that catches a growth written in percent.
public enum GrowthRate {
    /// A sentence saying `rate` looks like a percentage, with the fraction it probably means; nil when
    /// `rate` lies strictly between -1 and 1 (a fall of less than 100%, a rise of less than 100% a year).
    /// - Parameter what: how the message names the value (`growth`, `average growth`, `--growth`).
    public static func percentProblem(_ rate: Double, what: String = "growth") -> String? {
        guard rate <= -1 || rate >= 1 else { return nil }
        return "\(what) \(NumberText.plain(rate)) is \(NumberText.exactPercent(rate)) a year; write growth as a fraction: "
            + "\(NumberText.plain(rate / 100)) for \(NumberText.plain(rate))%"
    }
}
