import Foundation

/// A monotone transform `z = f(y)` under which a trend family is linear, with its inverse and Jacobian.
public enum ResponseTransform: Sendable, Hashable, CustomStringConvertible {
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
