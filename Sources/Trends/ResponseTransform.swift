import Foundation
import LeastSquares

/// A monotone transform `z = f(y)` under which a trend family is linear, with its inverse and Jacobian.
public enum ResponseTransform: Sendable, Equatable, CustomStringConvertible {
    case identity
    /// `z = log y`, for y > 0.
    case log
    /// `z = log(y / (cap − y))`, for 0 < y < cap.
    case logit(cap: Double)

    public func forward(_ y: Double) -> Double {
        switch self {
        case .identity: return y
        case .log: return Foundation.log(y)
        case .logit(let cap): return Foundation.log(y / (cap - y))
        }
    }

    public func inverse(_ z: Double) -> Double {
        switch self {
        case .identity: return z
        case .log: return exp(z)
        case .logit(let cap): return cap / (1 + exp(-z))
        }
    }

    /// `log |dz/dy|`, added to a log-likelihood on the z scale to put it on the y scale.
    public func logJacobian(_ y: Double) -> Double {
        switch self {
        case .identity: return 0
        case .log: return -Foundation.log(y)
        case .logit(let cap): return Foundation.log(cap) - Foundation.log(y) - Foundation.log(cap - y)
        }
    }

    /// `forward(yᵢ)` into `z[i·stride]` for every value; false, with `z` partly written, when a value is
    /// outside the domain (``accepts(_:)``). The case is chosen once, outside the loop.
    func forward(_ y: UnsafeBufferPointer<Double>, into z: UnsafeMutablePointer<Double>, stride: Int) -> Bool {
        @inline(__always) func each(_ transform: ResponseTransform) -> Bool {
            for i in y.indices {
                guard transform.accepts(y[i]) else { return false }
                z[i * stride] = transform.forward(y[i])
            }
            return true
        }
        switch self {
        case .identity: return each(.identity)
        case .log: return each(.log)
        case .logit(let cap): return each(.logit(cap: cap))
        }
    }

    /// `Σ logJacobian(yᵢ)` for values `y` whose transforms are `z[i·stride]`, with few logs: `−Σ zᵢ` for the
    /// log; for the logit `n log cap − log Π yᵢ(cap − yᵢ)`, the product kept as a significand in [1, 2^512)
    /// and a separate binary exponent so it cannot overflow (within a few ulp of the sum of logs). A term
    /// that is zero, subnormal or infinite falls back to that sum.
    func logJacobianSum(_ y: UnsafeBufferPointer<Double>, transformed z: UnsafePointer<Double>, stride: Int) -> Double {
        switch self {
        case .identity:
            return 0
        case .log:
            var sum = 0.0
            for i in y.indices { sum -= z[i * stride] }
            return sum
        case .logit(let cap):
            let significandBits: UInt64 = (1 << 52) - 1, one = (1.0).bitPattern
            var significand = 1.0, exponent = 0
            for value in y {
                let term = (value * (cap - value)).bitPattern
                let biased = Int(term >> 52)
                guard biased > 0 && biased < 0x7ff else { return y.reduce(0) { $0 + logJacobian($1) } }
                exponent += biased - 0x3ff
                significand *= Double(bitPattern: term & significandBits | one)
                if significand >= 0x1p512 { significand *= 0x1p-512; exponent += 512 }
            }
            return Double(y.count) * Foundation.log(cap) - (Foundation.log(significand) + Double(exponent) * M_LN2)
        }
    }

    /// Whether `y` lies in the transform's domain.
    public func accepts(_ y: Double) -> Bool {
        switch self {
        case .identity: return y.isFinite
        case .log: return y > 0 && y.isFinite
        case .logit(let cap): return y > 0 && y < cap
        }
    }

    public var description: String {
        switch self {
        case .identity: return "identity"
        case .log: return "log"
        case .logit(let cap): return "logit(cap \(cap))"
        }
    }
}

extension ResponseTransform {
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
            if transform == .identity { return Interval(lower: location - w, upper: location + w) }
            let factor = exp(w), up = base * factor, down = base / factor
            guard base.isNormal, up.isFinite, down.isNormal else {
                return Interval(lower: transform.inverse(location - w), upper: transform.inverse(location + w))
            }
            switch transform {
            case .logit(let cap): return Interval(lower: cap / (1 + up), upper: cap / (1 + down))
            default: return Interval(lower: down, upper: up)
            }
        }
    }
}
