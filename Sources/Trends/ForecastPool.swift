import Foundation

/// The methods `auto` combines, and on which scales.
///
/// `auto` forecasts a series by the **median** of its pool: the random walk (`naive`), the random walk with
/// drift (`drift`) and Holt's linear trend (`holt`, ETS(A,A,N) by maximum likelihood), each on the values
/// themselves and, for a positive series, on their logarithm; for a bounded series (a share with its cap)
/// on the logit of the cap only, so no member can leave (0, cap). The pool spans the three hypotheses a short
/// yearly series cannot tell apart (no trend, a constant trend, a changing trend), each additive or
/// multiplicative, and the median follows the middle of them: combining forecasts beats choosing among
/// them on short yearly series (Makridakis, Spiliotis & Assimakopoulos 2020, M4: the SES/Holt/Damped
/// combination beats each member; Petropoulos & Svetunkov 2020: the median of a few simple models), and the
/// median is robust to one member going astray (Jose & Winkler 2008). The pool was chosen by rolling-origin
/// accuracy inside the training years of the two development collections (M1 and Tourism yearly), among
/// pools of naive, drift, SES, Theta, Holt and damped trend on either scale (docs/DESIGN.md, "auto").
public struct ForecastPool: Sendable, Equatable {
    /// The member families.
    public let families: [TrendFamily]

    public init(families: [TrendFamily]) { self.families = families }

    /// naive, drift and Holt.
    public static let standard = ForecastPool(families: [.naive, .drift, .holt])

    /// The scales of a series' members: the logit of the cap for a bounded series inside (0, cap); the
    /// original values and their logarithm for a positive series; the original values otherwise.
    public static func scales(for values: [Double], options: TrendOptions) -> [ResponseScale] {
        if let upper = options.upperBound, values.allSatisfy({ $0 > 0 && $0 < upper }) { return [.automatic] }
        if values.allSatisfy({ $0 > 0 }) { return [.original, .log] }
        return [.original]
    }

    /// The scale the combination's errors are measured and its intervals built on (see ``ScaledErrorLaw``):
    /// logit for a bounded series inside (0, cap), log for a positive series, the values otherwise.
    public static func workingTransform(for values: [Double], options: TrendOptions) -> ResponseTransform {
        if let upper = options.upperBound, values.allSatisfy({ $0 > 0 && $0 < upper }) { return .logit(cap: upper) }
        if values.allSatisfy({ $0 > 0 }) { return .log }
        return .identity
    }

    /// The member fits for a series' usable observations (members that cannot apply are left out, with their
    /// reasons).
    func members(id: String, years: [Int], values: [Double], options: TrendOptions) -> (fits: [TrendFit], skipped: [(TrendFamily, TrendError)]) {
        let scaled = Self.scales(for: values, options: options).map { scale in
            var o = options
            o.scale = scale
            return o
        }
        // By family, every scale at once (the smoothing kernel estimates two scales in one pass), then in the
        // order scale by scale, family by family.
        let byFamily = families.map { family -> [Result<TrendFit, TrendError>] in
            family.isSmoothing ? TrendFitter.smoothingFits(id: id, years: years, values: values, family: family, options: scaled)
                : scaled.map { TrendFitter.fitGroup(years: years, ids: [id], values: [values], family: family, options: $0)[0] }
        }
        var fits: [TrendFit] = [], skipped: [(TrendFamily, TrendError)] = []
        for k in scaled.indices {
            for (f, family) in families.enumerated() {
                switch byFamily[f][k] {
                case .success(var fit):
                    fit.bounds = scaled[k].bounds(for: values)
                    fits.append(fit)
                case .failure(let error): skipped.append((family, error))
                }
            }
        }
        return (fits, skipped)
    }
}
