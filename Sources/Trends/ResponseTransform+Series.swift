import Foundation
import LeastSquares

/// The transform applied to whole series at a time, for fits of many series: the case is chosen once per
/// series rather than per value, and the logs and exponentials that can be shared are computed once.
extension ResponseTransform {
    /// `forward(yᵢ)` into `z[i·stride]` for every value; false, with `z` partly written, when a value is
    /// outside the domain (``accepts(_:)``).
    @inline(__always)
    func forward(_ y: UnsafeBufferPointer<Double>, into z: UnsafeMutablePointer<Double>, stride: Int) -> Bool {
        @inline(__always) func each(_ transform: ResponseTransform) -> Bool {
            var target = z
            for value in y {
                guard transform.accepts(value) else { return false }
                target.pointee = transform.forward(value)
                target += stride
            }
            return true
        }
        switch self {
        case .identity: return each(.identity)
        case .log: return each(.log)
        case .logit(let cap): return each(.logit(cap: cap))
        }
    }

    /// `Σ logJacobian(yᵢ)` over the values of one series, with few logs: `−Σ zᵢ` for the log; for the logit
    /// `n log cap − log Π yᵢ(cap − yᵢ)`, with `log cap` taken once for all series and the product kept as a
    /// significand in [1, 2^512) and a separate binary exponent, so it cannot overflow (within a few ulp of
    /// the sum of logs). A term that is zero, subnormal or infinite falls back to that sum.
    struct LogJacobianSum {
        let transform: ResponseTransform
        private let logCap: Double

        init(_ transform: ResponseTransform) {
            self.transform = transform
            if case .logit(let cap) = transform { logCap = Foundation.log(cap) } else { logCap = 0 }
        }

        /// The sum for values `y` whose transforms are `z[i·stride]`.
        @inline(__always)
        func callAsFunction(_ y: UnsafeBufferPointer<Double>, transformed z: UnsafePointer<Double>, stride: Int) -> Double {
            switch transform {
            case .identity:
                return 0
            case .log:
                var sum = 0.0, source = z
                for _ in y.indices { sum -= source.pointee; source += stride }
                return sum
            case .logit(let cap):
                let significandBits: UInt64 = (1 << 52) - 1, one = (1.0).bitPattern
                var significand = 1.0, exponent = 0
                for value in y {
                    let term = (value * (cap - value)).bitPattern
                    let biased = Int(term >> 52)
                    guard biased > 0 && biased < 0x7ff else { return y.reduce(0) { $0 + transform.logJacobian($1) } }
                    exponent += biased - 0x3ff
                    significand *= Double(bitPattern: term & significandBits | one)
                    if significand >= 0x1p512 { significand *= 0x1p-512; exponent += 512 }
                }
                return Double(y.count) * logCap - (Foundation.log(significand) + Double(exponent) * M_LN2)
            }
        }
    }

    /// The inverse transform at one location and at intervals around it, sharing the location's exponential:
    /// `exp(ℓ ± w) = exp(ℓ)·exp(±w)`, within a few ulp of ``inverse(_:)`` at `ℓ ± w`, so a point and k
    /// intervals cost 1 + k exponentials instead of 1 + 2k. Where a factor over- or underflows the bounds
    /// are computed by ``inverse(_:)`` directly.
    struct InverseAround {
        let transform: ResponseTransform
        let location: Double
        /// `exp(ℓ)` for the log, `exp(−ℓ)` for the logit, unused for the identity.
        private let base: Double

        init(_ transform: ResponseTransform, location: Double) {
            self.transform = transform
            self.location = location
            switch transform {
            case .identity: base = 1
            case .log: base = exp(location)
            case .logit: base = exp(-location)
            }
        }

        /// `inverse(ℓ)`.
        var point: Double {
            switch transform {
            case .identity: return location
            case .log: return base
            case .logit(let cap): return cap / (1 + base)
            }
        }

        /// `inverse(ℓ − w)` and `inverse(ℓ + w)` for a half-width `w ≥ 0`.
        func interval(halfWidth w: Double) -> Interval {
            if case .identity = transform { return Interval(lower: location - w, upper: location + w) }
            let factor = exp(w), up = base * factor
            switch transform {
            case .logit(let cap):
                // cap / (1 + base/factor) as cap·factor / (factor + base): one division fewer.
                guard base.isNormal, up.isFinite else { break }
                return Interval(lower: cap / (1 + up), upper: cap * factor / (factor + base))
            default:
                let down = base / factor
                guard base.isNormal, up.isFinite, down.isNormal else { break }
                return Interval(lower: down, upper: up)
            }
            return Interval(lower: transform.inverse(location - w), upper: transform.inverse(location + w))
        }
    }
}
