import Foundation
import LeastSquares
import Testing
@testable import Trends

/// The bulk forecast equals fit-by-fit forecasts, for every family, with gaps and failures in the batch.
@Suite struct TrendColumnsTests {
    static func series() -> [TrendSeries] {
        var random = RandomStream(seed: 3, stream: 1)
        var out: [TrendSeries] = []
        for k in 0..<60 {
            let years = k % 7 == 0 ? [2010, 2011, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020] : Array(2010...2020)
            let a = 20 + 40 * random.nextUniform(), b = 0.5 + 2 * random.nextUniform()
            var values = years.map { a + b * Double($0 - 2010) + random.nextStandardNormal() }
            if k == 5 { values[3] = -1 }   // compound, damped and logistic cannot apply to this one
            out.append(TrendSeries(id: "s\(k)", years: years, values: values))
        }
        return out
    }

    @Test(arguments: [TrendFamily.linear, .compound, .polynomial(degree: 2), .logistic, .damped, .drift, .endpointCAGR])
    func columnsEqualFitByFit(family: TrendFamily) throws {
        let series = Self.series()
        let options = TrendOptions(capLimit: 100)
        let years = [2021, 2022, 2025]
        let columns = TrendFitter.forecastColumns(series, family: family, options: options, years: years)
        for (s, result) in TrendFitter.fit(series, family: family, options: options).enumerated() {
            guard case .success(let fit) = result else {
                #expect(columns.errors[s] != nil, "series \(s) failed alone but not in bulk")
                continue
            }
            let forecast = fit.forecast(years)
            for t in years.indices {
                #expect(abs(columns.point[s, t] - forecast.point[t]) <= 1e-12 * abs(forecast.point[t]))
                if let i95 = forecast.intervals(level: 0.95) {
                    #expect(abs(columns.upper[1][s, t] - i95[t].upper) <= 1e-11 * abs(i95[t].upper))
                    #expect(abs(columns.lower[0][s, t] - forecast.intervals(level: 0.8)![t].lower) <= 1e-11 * abs(i95[t].lower) + 1e-12)
                }
            }
            // The fixed-design families' bulk path solves with R⁻¹Qᵀ formed once: equal to rounding.
            for (bulk, alone) in zip(columns.parameters.row(s), fit.parameters) { #expect(abs(bulk - alone) <= 1e-10 * abs(alone)) }
            if let aicc = fit.aicc, aicc.isFinite { #expect(abs(columns.aicc[s] - aicc) <= 1e-12 * abs(aicc)) }
        }
        if family == .compound { #expect(columns.errors[5] != nil) }
    }
}

/// A table's rows forecast in place (``TrendFitter/forecastColumns(_:family:options:years:levels:kernel:)`` without the
/// kernel) give every bit that fitting each row alone gives: rows with missing values, failures, excluded years,
/// and tables whose years the in-place reading does not take.
@Suite struct TrendTableColumnsTests {
    /// `count` rows over `years`: trends of several shapes, a fifth with one to three missing values, and rows
    /// that cannot be fitted (all missing, two values, constant, negative).
    static func table(count: Int, years: [Int] = Array(2005...2020), seed: UInt64 = 11) -> TrendTable {
        var random = RandomStream(seed: seed, stream: 2)
        var values = Matrix(rows: count, columns: years.count)
        for s in 0..<count {
            let a = random.nextUniform(), b = random.nextUniform()
            for i in years.indices {
                let t = Double(i) - 7, noise = random.nextStandardNormal()
                switch s % 4 {
                case 0: values[s, i] = (50 + 4950 * a) * Foundation.exp((0.08 * b - 0.01) * t + 0.03 * noise)
                case 1: values[s, i] = 100 / (1 + Foundation.exp(-(-2 + 4 * a + (0.02 + 0.1 * b) * t + 0.05 * noise)))
                case 2: values[s, i] = 3 * noise + b * t
                default: values[s, i] = 10 + a * t + noise
                }
            }
            if random.nextUniform() < 0.2 {
                for _ in 0..<(1 + Int(random.nextUniform() * 3)) { values[s, Int(random.nextUniform() * Double(years.count))] = .nan }
            }
            switch s % 97 {
            case 13: for i in years.indices { values[s, i] = .nan }
            case 29: for i in years.indices.dropFirst(2) { values[s, i] = .nan }
            case 41: for i in years.indices { values[s, i] = 42 }
            case 53: values[s, 3] = -1
            default: break
            }
        }
        return TrendTable(ids: (0..<count).map { "s\($0)" }, years: years, values: values)
    }

    static func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

    /// Every cell of `table`'s columns against its rows fitted one by one.
    static func expectFitByFit(_ table: TrendTable, family: TrendFamily, options: TrendOptions) {
        let years = [2021, 2022, 2025]
        let columns = TrendFitter.forecastColumns(table, family: family, options: options, years: years, kernel: false)
        let alone = TrendFitter.fit((0..<table.count).map(table.series), family: family, options: options)
        var differences = 0
        for (s, result) in alone.enumerated() {
            guard case .success(let fit) = result else {
                if case .failure(let error) = result, columns.errors[s]?.description != error.description { differences += 1 }
                if !(0..<years.count).allSatisfy({ columns.point[s, $0].isNaN }) { differences += 1 }
                continue
            }
            if columns.errors[s] != nil { differences += 1; continue }
            let forecast = fit.forecast(years)
            for t in years.indices {
                if !same(columns.point[s, t], forecast.point[t]) { differences += 1 }
                for (l, level) in columns.levels.enumerated() {
                    let interval = forecast.intervals(level: level)
                    if !same(columns.lower[l][s, t], interval?[t].lower ?? .nan) || !same(columns.upper[l][s, t], interval?[t].upper ?? .nan) {
                        differences += 1
                    }
                }
            }
            for (j, parameter) in fit.parameters.enumerated() {
                if !same(columns.parameters[s, j], parameter) || !same(columns.standardErrors[s, j], fit.standardErrors[j]) { differences += 1 }
            }
            if columns.aicc[s].isFinite, !same(columns.aicc[s], fit.aicc ?? .nan) { differences += 1 }
        }
        #expect(differences == 0, "\(family): \(differences) cells differ from fit-by-fit")
        #expect(columns.errors.count == alone.filter { if case .failure = $0 { true } else { false } }.count)
    }

    static let cases: [(TrendFamily, TrendOptions, Int)] = [
        (.linear, .init(), 4000), (.compound, .init(), 4000), (.polynomial(degree: 2), .init(), 2000), (.logistic, .init(capLimit: 100), 600),
        (.damped, .init(), 600), (.drift, .init(), 2000), (.naive, .init(scale: .log), 2000), (.holt, .init(), 200), (.endpointCAGR, .init(), 2000),
        (.linear, .init(levelShiftYears: [2015]), 2000), (.linear, .init(excludedYears: [2008, 2020]), 2000),
        (.compound, .init(excludedYears: [2005]), 2000), (.logistic, .init(cap: 100), 600),
    ]

    @Test("rows with missing values and failures, fitted in place as alone", arguments: cases.indices)
    func inPlace(_ k: Int) {
        let (family, options, count) = Self.cases[k]
        Self.expectFitByFit(Self.table(count: count), family: family, options: options)
    }

    @Test("years the table cannot be read in place by: out of order, repeated, unsupported, all excluded")
    func otherYears() {
        for years in [[2010, 2012, 2011, 2013, 2014, 2015, 2016, 2017], [2010, 2011, 2011, 2012, 2013, 2014, 2015, 2016],
                      [1, 2, 3, 4, 5, 6, 7, 8], Array(2010...2017)] {
            let options = TrendOptions(excludedYears: years == Array(2010...2017) ? Set(years) : [])
            Self.expectFitByFit(Self.table(count: 300, years: years), family: .linear, options: options)
        }
    }
}
