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
