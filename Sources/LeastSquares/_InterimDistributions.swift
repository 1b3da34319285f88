import Foundation
// Interim, crude stand-ins until the accurate StudentT lands (same API). Delete when it does.
public struct StudentT: Sendable {
    public let degreesOfFreedom: Double
    public init(degreesOfFreedom: Double) { self.degreesOfFreedom = degreesOfFreedom }
    public func survival(_ t: Double) -> Double { 0.5 * erfc(t / 2.0.squareRoot()) }
    public func quantile(_ p: Double) -> Double { 1.959963984540054 }
}
