import Common
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
/// A ``TrendTable`` is read in place (a year's values of eight neighbouring series are one vector); series
/// given one by one are first gathered into a block of that shape. Results go to matrices with a row per
/// series, so eight neighbouring series also write one vector per cell.
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
        case .drift, .endpointCAGR, .naive, .ses, .theta, .holt, .dampedTrend, .combination: return false
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

    /// Forecasts the series at `members` (indices into `series`, all observed in the years the forecaster was
    /// made for) that it can take into their rows of `out`; returns the positions in `members` of the others,
    /// in order. `vectorLevel` chooses the kernel variant (tests compare them); every variant gives the same bits.
    func forecast(_ members: [Int], of series: [TrendSeries], into out: ColumnBuffers, vectorLevel: Int = Self.vectorLevel) -> [Int] {
        series.withUnsafeBufferPointer { all in
            members.withUnsafeBufferPointer { members in
                let all = ReadOnlyShare(all), members = ReadOnlyShare(members)
                return forecast(count: members.buffer.count, into: out, vectorLevel: vectorLevel) { first, count, scratch, rows in
                    for k in 0..<count {
                        let s = members[first + k]
                        rows[k] = s
                        all[s].values.withUnsafeBufferPointer { values in
                            var target = scratch + k
                            for value in values { target.pointee = value; target += Int(PW_LANES) }
                        }
                    }
                    return (UnsafePointer(scratch), Int(PW_LANES))
                }
            }
        }
    }

    /// Forecasts the rows of `table` (observed in the years the forecaster was made for) that it can take into
    /// the same rows of `out`, reading the table in place; returns the others, in order.
    func forecast(_ table: TrendTable, into out: ColumnBuffers, vectorLevel: Int = Self.vectorLevel) -> [Int] {
        let m = table.count, n = map.observationCount, lanes = Int(PW_LANES)
        guard m > 0 else { return [] }
        return table.values.storage.withUnsafeBufferPointer { values in
            let base = ReadOnlyShare(values)
            return forecast(count: m, into: out, vectorLevel: vectorLevel) { first, count, scratch, rows in
                for k in 0..<count { rows[k] = first + k }
                // A whole block is read where it is; the last, short one is copied, so nothing past the table is read.
                guard count < lanes else { return (base.address(first), m) }
                for i in 0..<n { for k in 0..<count { scratch[i * lanes + k] = base[i * m + first + k] } }
                return (UnsafePointer(scratch), lanes)
            }
        }
    }

    /// Runs the kernel over `count` series in blocks of eight, in parallel over fixed tasks: `load(first, count,
    /// scratch, rows)` puts the rows of series `first..<first + count` into `rows` and returns where their values
    /// are (observation i of series k at `values[i * stride + k]`; `scratch` holds eight series of the
    /// forecaster's length). Returns the series it left, in order.
    private func forecast(count: Int, into out: ColumnBuffers, vectorLevel: Int,
                          load: @Sendable (_ first: Int, _ count: Int, _ scratch: UnsafeMutablePointer<Double>, _ rows: UnsafeMutablePointer<CLong>)
                              -> (values: UnsafePointer<Double>, stride: Int)) -> [Int] {
        let tasks = (count + Self.seriesPerTask - 1) / Self.seriesPerTask
        let n = map.observationCount, lanes = Int(PW_LANES)
        let left = Parallel.map(tasks) { task -> [Int] in
            var left: [Int] = []
            withKernel(out) { design, columns in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: lanes * n) { scratch in
                    scratch.initialize(repeating: 1)
                    withUnsafeTemporaryAllocation(of: CLong.self, capacity: lanes) { rows in
                        let end = min(count, (task + 1) * Self.seriesPerTask)
                        for first in stride(from: task * Self.seriesPerTask, to: end, by: lanes) {
                            let blockCount = min(lanes, end - first)
                            let (values, stride) = load(first, blockCount, scratch.baseAddress!, rows.baseAddress!)
                            let taken = pw_fit_block(design, values, stride, rows.baseAddress!, Int32(blockCount), columns, Int32(vectorLevel))
                            for k in 0..<blockCount where taken & (1 << k) == 0 { left.append(first + k) }
                        }
                    }
                }
            }
            return left
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
                                var columns = pw_columns(rows: out.seriesCount, parameters: out.parameters.baseAddress, standard_errors: out.standardErrors.baseAddress,
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
