import CTrendKernel
import Foundation
import LeastSquares

/// The fast path of ``TrendFitter/forecastColumns(_:family:options:years:levels:)``: a family whose design does
/// not depend on the series (not drift, endpoint CAGR, or a profiled cap or φ) fitted to series observed in
/// the same years through one ``LeastSquaresMap``, then eight series at a time on all cores: transform, a few
/// dot products, the criteria and the inverse transforms, with no allocation and no LAPACK call per series.
/// That arithmetic is the C kernel `pw_fit_block` (CTrendKernel), compiled for AVX-512, AVX2 and baseline
/// x86-64 and chosen at run time, with vector `log` and `exp` (fdlibm's algorithms, within 1 ulp of libm);
/// Swift cannot compile one function for several instruction sets. All variants give the same bits.
///
/// The numbers are those of ``TrendFitter/fit(_:family:options:)`` and ``TrendFit/forecast(_:)`` to rounding.
/// Series it does not take as they are (gaps, values outside the family's domain, a constant or exactly
/// fitted response) are handed back to the general path, which fits or rejects them as always.
struct FixedDesignForecaster: Sendable {
    let transform: ResponseTransform
    let map: LeastSquaresMap
    /// Upper t quantiles of the interval levels, with `n − p` degrees of freedom.
    let quantiles: [Double]
    /// `√diag((AᵀA)⁻¹)`, and `√(1 + leverage)` per forecast year: standard errors and predictive scales in units of s.
    let rootVariances: [Double]
    let rootInflations: [Double]

    /// Series handled by one task: a fixed split, so no result depends on the number of threads.
    static let seriesPerTask = 2048

    /// Whether `family` with `options` has a design that does not depend on the series.
    static func applies(to family: TrendFamily, options: TrendOptions) -> Bool {
        switch family {
        case .linear, .compound, .polynomial: return true
        case .logistic: return options.cap != nil
        case .damped: return options.dampingFactor != nil
        case .drift, .endpointCAGR: return false
        }
    }

    /// The forecaster for series observed in `years`, or nil when the family's design depends on the series
    /// or the years cannot carry it (too few, not increasing, excluded, a level shift outside them).
    init?(family: TrendFamily, options: TrendOptions, years: [Int], forecastYears: [Int], levels: [Double]) {
        guard Self.applies(to: family, options: options) else { return nil }
        let p = family.coefficientCount(levelShifts: options.levelShiftYears.count)
        guard let first = years.first, let last = years.last, years.count > p, zip(years, years.dropFirst()).allSatisfy(<),
              years.count <= Int(PW_MAX_OBSERVATIONS), p <= Int(PW_MAX_PARAMETERS), forecastYears.count <= Int(PW_MAX_POINTS),
              levels.count <= Int(PW_MAX_LEVELS),
              options.excludedYears.isDisjoint(with: years), options.levelShiftYears.allSatisfy({ first < $0 && $0 <= last })
        else { return nil }
        let shape = TrendModel(family: family, origin: last, firstYear: first, transform: .identity,
                               dampingFactor: family == .damped ? options.dampingFactor : nil, levelShiftYears: options.levelShiftYears)
        guard let regression = try? BatchRegression(shape.design(years)),
              let map = try? LeastSquaresMap(regression, points: forecastYears.map(shape.regressors))
        else { return nil }
        self.transform = family == .logistic ? .logit(cap: options.cap!) : family.transform(cap: nil)
        self.map = map
        rootVariances = map.unscaledVariances.map { $0.squareRoot() }
        rootInflations = map.leverages.map { (1 + $0).squareRoot() }
        quantiles = levels.map { StudentTQuantiles.upper(level: $0, degreesOfFreedom: years.count - p) }
    }

    /// Forecasts every series at `members` (indices into `series`, all observed in the years the forecaster
    /// was made for) that it can take into its columns of `out`; returns the others, in order.
    /// `vectorLevel` chooses the kernel variant (tests compare them); every variant gives the same bits.
    func forecast(_ series: [TrendSeries], members: [Int], into out: ColumnBuffers, vectorLevel: Int = Self.vectorLevel) -> [Int] {
        let tasks = (members.count + Self.seriesPerTask - 1) / Self.seriesPerTask
        let left = UnsafeMutableBufferPointer<[Int]>.allocate(capacity: max(1, tasks))
        left.initialize(repeating: [])
        defer { left.deinitialize(); left.deallocate() }
        nonisolated(unsafe) let leftOut = left
        let n = map.observationCount, lanes = Int(PW_LANES)
        series.withUnsafeBufferPointer { all in
            members.withUnsafeBufferPointer { members in
                nonisolated(unsafe) let all = all, members = members
                DispatchQueue.concurrentPerform(iterations: tasks) { task in
                    withKernel(out) { design, columns in
                        // Observation i of the block's series k at block[i * lanes + k].
                        withUnsafeTemporaryAllocation(of: Double.self, capacity: lanes * n) { block in
                            block.initialize(repeating: 1)
                            withUnsafeTemporaryAllocation(of: CLong.self, capacity: lanes) { ids in
                                let end = min(members.count, (task + 1) * Self.seriesPerTask)
                                for first in stride(from: task * Self.seriesPerTask, to: end, by: lanes) {
                                    let count = min(lanes, end - first)
                                    for k in 0..<count {
                                        let s = members[first + k]
                                        ids[k] = s
                                        all[s].values.withUnsafeBufferPointer { values in
                                            var target = block.baseAddress! + k
                                            for value in values { target.pointee = value; target += lanes }
                                        }
                                    }
                                    let taken = pw_fit_block(design, block.baseAddress!, ids.baseAddress!, Int32(count), columns, Int32(vectorLevel))
                                    for k in 0..<count where taken & (1 << k) == 0 { leftOut[task].append(members[first + k]) }
                                }
                            }
                        }
                    }
                }
            }
        }
        return left.flatMap { $0 }
    }

    /// The widest kernel variant this machine runs (2 AVX-512, 1 AVX2, 0 baseline), found once.
    static let vectorLevel = Int(pw_vector_level())

    /// Calls `body` with the kernel's view of this forecaster and of `out`, valid for the call.
    private func withKernel(_ out: ColumnBuffers, _ body: (UnsafePointer<pw_fixed_design>, UnsafePointer<pw_columns>) -> Void) {
        map.withMaps { solution, working, pointRows, basisMap in
            rootVariances.withUnsafeBufferPointer { rootVariances in
                rootInflations.withUnsafeBufferPointer { rootInflations in
                    quantiles.withUnsafeBufferPointer { quantiles in
                        let lower = out.lower.map { Optional($0.baseAddress!) }, upper = out.upper.map { Optional($0.baseAddress!) }
                        lower.withUnsafeBufferPointer { lower in
                            upper.withUnsafeBufferPointer { upper in
                                let cap: Double
                                if case .logit(let c) = transform { cap = c } else { cap = 1 }
                                let kind: Int32
                                switch transform {
                                case .identity: kind = Int32(PW_IDENTITY)
                                case .log: kind = Int32(PW_LOG)
                                case .logit: kind = Int32(PW_LOGIT)
                                }
                                var design = pw_fixed_design(
                                    observations: Int32(map.observationCount), parameters: Int32(map.parameterCount),
                                    points: Int32(map.pointCount), levels: Int32(quantiles.count), transform: kind, cap: cap,
                                    log_cap: Foundation.log(cap), solution: solution, working: working, point_rows: pointRows,
                                    basis_map: basisMap, root_variances: rootVariances.baseAddress, root_inflations: rootInflations.baseAddress,
                                    quantiles: quantiles.baseAddress)
                                var columns = pw_columns(parameters: out.parameters.baseAddress, standard_errors: out.standardErrors.baseAddress,
                                                         aicc: out.aicc.baseAddress, point: out.point.baseAddress,
                                                         lower: lower.baseAddress, upper: upper.baseAddress)
                                body(&design, &columns)
                            }
                        }
                    }
                }
            }
        }
    }
}
