import Common
import Foundation
import Simulation
import Studies

/// Text for goal seeking and compound growth by hand.
public enum SolveText {
    public static func summary(_ r: GoalSeekResult) -> String {
        let chance = r.probability == 0.5 ? "at the median" : "with probability \(NumberText.percent(r.probability))"
        let (grows, key) = r.unit == .points
            ? ("changes by \(NumberText.signed(r.growth, decimals: 2)) points", "points")
            : ("grows \(NumberText.percent(r.growth, decimals: 2))", "growth")
        return """
            Target \(r.target.id) (\(r.target.indicator) \(r.target.rule) in \(r.target.year)) is met \(chance) under \
            scenario \(r.scenario) when \(r.indicator) \(grows) a year from \(r.fromYear).
            The target's measure in \(r.target.year) is then \(NumberText.scientific(r.measure, digits: 8)) against \(NumberText.scientific(r.threshold, digits: 8)).
            To use it in a scenario file:  \(r.indicator): {\(key): \(NumberText.csv(r.growth)), from: \(r.fromYear)}
            """
    }

    /// Year-by-year values of `value · (1 + growth)^(year − from)`.
    public static func compoundPath(value: Double, from: Int, growth: Double, to: Int) -> String {
        var out = "year  value\n"
        for year in from...to {
            out += "\(year)  \(NumberText.scientific(CompoundGrowth.project(value, rate: growth, years: year - from), digits: 10))\n"
        }
        return out
    }
}
