import Foundation
import LeastSquares
import Testing
@testable import Trends

/// The fast path of `forecastColumns` against `TrendFitter.fit` + `forecast` series by series, for every family
/// whose design does not depend on the series, on a batch that also holds series the fast path must leave to
/// the general one (gaps, other years, values outside the domain, constant and exactly linear series).
@Suite struct FixedDesignForecasterTests {
    /// 300 series over 2006-2020 from a fixed seed: two in three are shares below 100 on a logistic curve, the
    /// rest levels of 50 to 5,000 growing by up to 8% a year; a few are irregular, at the indices below.
    static func series() -> [TrendSeries] {
        var random = RandomStream(seed: 20_250_607, stream: 4)
        var out: [TrendSeries] = []
        for k in 0..<300 {
            var years = Array(2006...2020)
            if irregular.otherYears.contains(k) { years.remove(at: 4) }
            let a = random.nextUniform(), b = random.nextUniform()
            var values = years.map { year -> Double in
                let t = Double(year - 2013), noise = random.nextStandardNormal()
                return k % 3 == 2 ? (50 + 4950 * a) * exp((0.08 * b - 0.01) * t + 0.02 * noise)
                    : 100 / (1 + exp(-(-3 + 5 * a + (0.02 + 0.15 * b) * t + 0.08 * noise)))
            }
            if irregular.gap.contains(k) { values[6] = .nan }
            if irregular.nonPositive.contains(k) { values[3] = k % 2 == 0 ? 0 : -2 }
            if irregular.atOrAboveCap.contains(k) { values[9] = k % 2 == 0 ? 100 : 130 }
            if irregular.constant.contains(k) { values = values.map { _ in 42 } }
            if irregular.exactlyLinear.contains(k) { values = years.map { Double($0 - 2000) } }
            out.append(TrendSeries(id: "s\(k)", years: years, values: values))
        }
        return out
    }

    static let irregular = (otherYears: [4, 150], gap: [10, 151], nonPositive: [20, 153], atOrAboveCap: [30, 155],
                            constant: [40, 157], exactlyLinear: [50])

    static let cases: [(TrendFamily, TrendOptions)] = [
        (.linear, .init()), (.compound, .init()), (.polynomial(degree: 2), .init()), (.polynomial(degree: 3), .init()),
        (.logistic, .init(cap: 100)), (.damped, .init(dampingFactor: 0.85)),
        (.linear, .init(levelShiftYears: [2015])), (.compound, .init(levelShiftYears: [2012])),
        (.logistic, .init(levelShiftYears: [2016], cap: 100)), (.damped, .init(levelShiftYears: [2014], dampingFactor: 0.7)),
    ]

    static let forecastYears = [2018, 2021, 2022, 2025]

    @Test(arguments: cases.indices)
    func columnsEqualFitByFit(_ c: Int) throws {
        let (family, options) = Self.cases[c]
        let series = Self.series()
        let columns = TrendFitter.forecastColumns(series, family: family, options: options, years: Self.forecastYears)
        func compare(_ fast: Double, _ reference: Double, _ what: String, _ s: Int) {
            if fast == reference { return }  // also infinite AICc of an exact fit, fitted by the general path
            #expect(abs(fast - reference) <= 1e-10 * abs(reference), "series \(s): \(what) \(fast) against \(reference)")
        }
        for (s, one) in series.enumerated() {
            let fit: TrendFit
            do { fit = try TrendFitter.fit(one, family: family, options: options) } catch {
                #expect(columns.errors[s] == error, "series \(s)")
                #expect(columns.aicc[s].isNaN && columns.point.row(s).allSatisfy(\.isNaN))
                continue
            }
            #expect(columns.errors[s] == nil, "series \(s): \(String(describing: columns.errors[s]))")
            for j in fit.parameters.indices {
                compare(columns.parameters[s, j], fit.parameters[j], "parameter \(j)", s)
                compare(columns.standardErrors[s, j], fit.standardErrors[j], "standard error \(j)", s)
            }
            compare(columns.aicc[s], fit.aicc ?? .nan, "AICc", s)
            let forecast = fit.forecast(Self.forecastYears)
            for (l, level) in columns.levels.enumerated() {
                let intervals = try #require(forecast.intervals(level: level))
                for t in Self.forecastYears.indices {
                    compare(columns.point[s, t], forecast.point[t], "point \(t)", s)
                    compare(columns.lower[l][s, t], intervals[t].lower, "lower \(level) \(t)", s)
                    compare(columns.upper[l][s, t], intervals[t].upper, "upper \(level) \(t)", s)
                }
            }
        }
        #expect(columns.errors.count >= 2, "the batch must hold failures")
    }

    /// Of the series sharing the first one's years, the fast path takes all but the irregular ones.
    @Test(arguments: cases.indices)
    func fastPathLeavesOnlyIrregularSeries(_ c: Int) throws {
        let (family, options) = Self.cases[c]
        let series = Self.series()
        let forecaster = try #require(FixedDesignForecaster(family: family, options: options, years: series[0].years,
                                                            forecastYears: Self.forecastYears, levels: [0.95]))
        let members = series.indices.filter { series[$0].years == series[0].years }
        var left: [Int] = []
        _ = ColumnBuffers.filled(parameters: forecaster.map.parameterCount, years: Self.forecastYears.count, levels: 1, series: series.count) { out in
            left = forecaster.forecast(members, of: series, into: out).map { members[$0] }
            for s in series.indices where !members.contains(s) || left.contains(s) { out.clear(s) }
        }
        let i = Self.irregular
        #expect(members.count == series.count - i.otherYears.count)
        var expected = Set(i.gap + i.constant)
        if family == .linear || family.degree > 1 { expected.formUnion(i.exactlyLinear) }  // an exact fit
        if family == .compound || family == .damped { expected.formUnion(i.nonPositive) }
        if family == .logistic {
            expected.formUnion(i.nonPositive + i.atOrAboveCap)
            expected.formUnion(series.indices.filter { s in series[s].values.contains { $0 >= 100 } })
        }
        #expect(Set(left) == expected)
        #expect(left == left.sorted())
    }

    /// Results do not depend on how series are split over tasks and threads: a batch gives the same bits
    /// twice, and each series the same bits alone as in the batch.
    @Test func resultsAreReproducible() {
        let series = Self.series()
        for (family, options) in [(TrendFamily.compound, TrendOptions()), (.logistic, .init(cap: 100))] {
            let first = TrendFitter.forecastColumns(series, family: family, options: options, years: Self.forecastYears)
            let second = TrendFitter.forecastColumns(series, family: family, options: options, years: Self.forecastYears)
            #expect(Self.bits(first) == Self.bits(second))
            for s in stride(from: 0, to: series.count, by: 7) {
                let alone = TrendFitter.forecastColumns([series[s]], family: family, options: options, years: Self.forecastYears)
                #expect(Self.bits(alone) == Self.bits(first, row: s), "series \(s)")
            }
        }
    }

    /// The kernel's variants (AVX-512, AVX2, baseline x86-64; those this machine runs) write the same bits and
    /// leave the same series to the general path.
    @Test(arguments: [0, 1, 4, 5])
    func kernelVariantsAgreeBitForBit(_ c: Int) throws {
        let (family, options) = Self.cases[c]
        let series = Self.series()
        let forecaster = try #require(FixedDesignForecaster(family: family, options: options, years: series[0].years,
                                                            forecastYears: Self.forecastYears, levels: [0.8, 0.95]))
        let members = series.indices.filter { series[$0].years == series[0].years }
        var results: [(left: [Int], bits: [UInt64])] = []
        for level in 0...FixedDesignForecaster.vectorLevel {
            var left: [Int] = []
            let columns = ColumnBuffers.filled(parameters: forecaster.map.parameterCount, years: Self.forecastYears.count, levels: 2,
                                               series: series.count) { out in
                left = forecaster.forecast(members, of: series, into: out, vectorLevel: level).map { members[$0] }
                for s in series.indices where !members.contains(s) || left.contains(s) { out.clear(s) }
            }
            let all = [columns.parameters, columns.standardErrors, columns.aicc, columns.point] + columns.lower + columns.upper
            results.append((left, all.flatMap { $0 }.map(\.bitPattern)))
        }
        for other in results.dropFirst() {
            #expect(other.left == results[0].left)
            #expect(other.bits == results[0].bits)
        }
    }

    /// The series sharing the first one's years as a table: 298 rows, so the last block is short, with rows the
    /// fast path must leave (a gap, values outside the domain, a constant, an exact line).
    static func table() -> TrendTable {
        let rows = series().filter { $0.years == series()[0].years }
        var values = Matrix(rows: rows.count, columns: rows[0].years.count)
        for (s, one) in rows.enumerated() { for i in one.years.indices { values[s, i] = one.values[i] } }
        return TrendTable(ids: rows.map(\.id), years: rows[0].years, values: values)
    }

    /// A table read in place gives the same bits, the same errors and the same ids as its rows given as series,
    /// for the fast families and for two that take the general path (drift, a profiled logistic cap).
    @Test(arguments: cases.map { Optional($0) } + [nil])
    func tableEqualsItsSeriesBitForBit(_ c: (TrendFamily, TrendOptions)?) {
        let table = Self.table()
        #expect(table.count == 298 && table.count % 8 != 0)
        let rows = (0..<table.count).map(table.series)
        let generalPath: [(TrendFamily, TrendOptions)] = [(.drift, TrendOptions()), (.logistic, TrendOptions(capLimit: 100))]
        for (family, options) in c.map({ [$0] }) ?? generalPath {
            let fromTable = TrendFitter.forecastColumns(table, family: family, options: options, years: Self.forecastYears)
            let fromSeries = TrendFitter.forecastColumns(rows, family: family, options: options, years: Self.forecastYears)
            #expect(Self.bits(fromTable) == Self.bits(fromSeries), "\(family)")
            #expect(fromTable.errors == fromSeries.errors, "\(family)")
            #expect(fromTable.seriesIDs == table.ids && fromSeries.seriesIDs == table.ids)
            #expect(!fromTable.errors.isEmpty, "the constant rows cannot be fitted")
        }
    }

    /// No series, no forecast years or no levels give columns of the right, possibly empty, shape.
    @Test func emptyShapes() throws {
        let series = Array(Self.series().prefix(20))
        #expect(TrendFitter.forecastColumns([], family: .linear, years: [2021]).point.rows == 0)
        let noRows = TrendTable(ids: [], years: Array(2006...2020), values: Matrix(rows: 0, columns: 15))
        #expect(TrendFitter.forecastColumns(noRows, family: .linear, years: [2021]).point.rows == 0)
        let noYears = TrendFitter.forecastColumns(series, family: .compound, years: [], levels: [])
        #expect(noYears.point.columns == 0 && noYears.lower.isEmpty && noYears.aicc.count == 20)
        let fit = try TrendFitter.fit(series[0], family: .compound)
        #expect(zip(noYears.parameters.row(0), fit.parameters).allSatisfy { abs($0 - $1) <= 1e-10 * abs($1) })
    }

    /// Every number of `columns` (or of one of its series), as bit patterns, so NaN compares equal to NaN.
    static func bits(_ columns: TrendColumns, row: Int? = nil) -> [UInt64] {
        let matrices = [columns.parameters, columns.standardErrors, columns.point] + columns.lower + columns.upper
        let aicc = row.map { [columns.aicc[$0]] } ?? columns.aicc
        return (matrices.flatMap { m in row.map { m.row($0) } ?? m.storage } + aicc).map(\.bitPattern)
    }
}
