import Foundation
import Testing
@testable import Trends

/// Every family with an interval against statsmodels OLS on the same transformed data: parameters,
/// standard errors and 80%/95% prediction intervals for 2025-2030, to 1e-9 relative, on real series.
@Suite struct StatsmodelsTrendTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let family: String, series: String, shifts: [Int], cap: Double?, phi: Double?
        let parameters: [Double], standardErrors: [Double], point: [Double]
        let lower80: [Double], upper80: [Double], lower95: [Double], upper95: [Double]
        var testDescription: String { "\(family) on \(series)\(shifts.isEmpty ? "" : " shift \(shifts)")" }
    }

    // Produced by Fixtures/reference-scripts/trend_families.py (statsmodels 0.15.0):
    static let cases: [Case] = [
        Case(family: "linear", series: "zhejiangUrbanization", shifts: [], cap: nil, phi: nil,
             parameters: [76.04571428571424, 1.0922330827067648],
             standardErrors: [0.29976780079840526, 0.026974381967985045],
             point: [77.13794736842101, 78.23018045112777, 79.32241353383453, 80.4146466165413, 81.50687969924806, 82.59911278195483],
             lower80: [76.1175465578061, 77.19598981500904, 78.27338617131001, 79.34977938501797, 80.42521352515523, 81.49973255585536], upper80: [78.15834817903593, 79.26437108724649, 80.37144089635906, 81.47951384806464, 82.58854587334089, 83.6984930080543],
             lower95: [75.5265544442117, 76.59701095930723, 77.66581423315844, 78.73303336785621, 79.79873795616244, 80.86299742520127], upper95: [78.74934029263032, 79.8633499429483, 80.97901283451063, 82.0962598652264, 83.21502144233368, 84.33522813870839]),
        Case(family: "linear", series: "zhejiangUrbanization", shifts: [2020], cap: nil, phi: nil,
             parameters: [76.72135632183907, 1.140724137931035, -0.8599080459770523],
             standardErrors: [0.4984877210950172, 0.03900470992615495, 0.5194123137088997],
             point: [77.00217241379305, 78.14289655172409, 79.28362068965512, 80.42434482758615, 81.5650689655172, 82.70579310344823],
             lower80: [76.0195087476254, 77.15064569593113, 78.27917789843096, 79.40519883173128, 80.52881538608001, 81.65014444933539], upper80: [77.9848360799607, 79.13514740751705, 80.28806348087929, 81.44349082344102, 82.60132254495439, 83.76144175756107],
             lower95: [75.44729678977117, 76.57285105019021, 77.69428380301737, 78.81174295694379, 79.92539764515988, 81.03543282014505], upper95: [78.55704803781492, 79.71294205325798, 80.87295757629288, 82.03694669822852, 83.20474028587452, 84.37615338675141]),
        Case(family: "compound", series: "zhejiangIncome", shifts: [], cap: nil, phi: nil,
             parameters: [11.140140942618597, 0.06928653336026255],
             standardErrors: [0.012864046759873881, 0.0027019902716784666],
             point: [73823.13737199704, 79119.44956743953, 84795.73644114911, 90879.25861349641, 97399.23247050037, 104386.97047682256],
             lower80: [71169.80909400436, 76113.1637194868, 81379.89930047172, 86993.20409974974, 92977.78441649987, 99359.9104633596], upper80: [76575.38611978469, 82244.47643413258, 88354.94981443342, 94938.90622385434, 102030.93723277704, 109668.37182635465],
             lower95: [69442.5882931847, 74159.67402498411, 79164.70094032041, 84478.51589832517, 90123.23749004566, 96122.24370287618], upper95: [78480.01846411033, 84410.93332942206, 90827.31107665473, 97764.97087234579, 105262.6464610794, 113362.31017465291]),
        Case(family: "compound", series: "linhaiGDP", shifts: [], cap: nil, phi: nil,
             parameters: [6.92688697176826, 0.08173819951535854],
             standardErrors: [0.03348442165511159, 0.004991562867206368],
             point: [1106.132716018766, 1200.3438912935596, 1302.5791900917982, 1413.5220404477002, 1533.9140791053321, 1664.5601092518764],
             lower80: [1009.2365523761475, 1090.7194317318801, 1178.3392274362025, 1272.581499061341, 1373.970516041352, 1483.0713968343211], upper80: [1212.3318191026399, 1320.9863283337447, 1439.9185794330763, 1570.0719838416574, 1712.4766322181724, 1868.2582397765368],
             lower95: [942.8916656960253, 1015.9277362864597, 1093.906734938423, 1177.2004579095083, 1266.2093419044832, 1361.3630437769336], upper95: [1297.6353805650247, 1418.236165726159, 1551.0577750997345, 1697.2848977476528, 1858.2175349761794, 2035.2839530780016]),
        Case(family: "polynomial2", series: "zhejiangUrbanization", shifts: [], cap: nil, phi: nil,
             parameters: [75.70594155844157, 0.9789755069490633, -0.005960925039879994],
             standardErrors: [0.41994640997001587, 0.10244793320481968, 0.005205031871519047],
             point: [76.67895614035075, 77.64004887218017, 78.58921975392984, 79.52646878559973, 80.45179596718988, 81.36520129870026],
             lower80: [75.5327921179396, 76.40385621434186, 77.24187875833299, 78.04693148474547, 78.81952480365732, 79.56038894716052], upper80: [77.8251201627619, 78.87624153001849, 79.93656074952669, 81.006006086454, 82.08406713072245, 83.17001365024],
             lower95: [74.86537275374988, 75.68401254312386, 76.45731262901384, 77.18538651794935, 77.86904183538341, 78.50943403268641], upper95: [78.49253952695162, 79.59608520123649, 80.72112687884584, 81.86755105325011, 83.03455009899635, 84.2209685647141]),
        Case(family: "polynomial3", series: "linhaiGDP", shifts: [], cap: nil, phi: nil,
             parameters: [966.5925350699094, 29.00078722063126, -6.823563149607992, -0.44449357004664725],
             standardErrors: [20.186336609884073, 16.833940087597238, 3.588082184699277, 0.2108249389407405],
             point: [988.3252655708861, 993.7439083523668, 980.1815019940718, 944.9710850757212, 885.4456961770351, 798.9383738777335],
             lower80: [918.2379279728976, 882.847696848731, 810.4382571083909, 697.4895179251046, 539.8243643814053, 332.96941885347013], upper80: [1058.4126031688745, 1104.6401198560027, 1149.9247468797528, 1192.452652226338, 1231.0670279726648, 1264.9073289019968],
             lower95: [852.1323438352729, 778.2516443899221, 650.3383483210741, 464.06770279460846, 213.83823319428393, -106.52722943641436], upper95: [1124.5181873064994, 1209.2361723148115, 1310.0246556670695, 1425.874467356834, 1557.0531591597862, 1704.4039771918815]),
        Case(family: "logistic", series: "zhejiangUrbanization", shifts: [], cap: 100.0, phi: nil,
             parameters: [1.1271054409890953, 0.04904140302474407],
             standardErrors: [0.01218645892001301, 0.0010965894164418814],
             point: [76.42542889221143, 77.29752955294508, 78.14659344325648, 78.97254097252052, 79.77535087283826, 80.55505710749135],
             lower80: [75.66986875134995, 76.55128657616399, 77.40956116550463, 78.24465440243551, 79.056583373347, 79.84541682390108], upper80: [77.16460623638677, 78.0268405543153, 78.8661443821437, 79.6823978559667, 80.47554277951147, 81.24557994299543],
             lower95: [75.22482021133553, 76.1113693986497, 76.97471314816518, 77.81483786648378, 78.63178346805284, 79.42563955018751], upper95: [77.5851923515532, 78.44147504959885, 79.27488916176378, 80.08529208968572, 80.87260493467174, 81.63681003466205]),
        Case(family: "damped", series: "zhejiangIncome", shifts: [], cap: nil, phi: 0.9,
             parameters: [10.550670194553895, 0.09779823078698215],
             standardErrors: [0.006337444494542276, 0.001720171066013835],
             point: [69547.28211727021, 72232.91857173016, 74738.54919006134, 77067.8446715118, 79226.21507966732, 81220.38322657533],
             lower80: [68454.48672775867, 71066.17274643012, 73499.1819174737, 75758.02742880679, 77848.7376588867, 79778.46623472826], upper80: [70657.52270022957, 73418.81972463892, 75998.81507942658, 78400.3079791622, 80628.06597266883, 82688.36144408272],
             lower95: [67730.64704909721, 70293.63884747174, 72678.86348399238, 74891.38370264576, 76937.62963425492, 78825.03334602657], upper95: [71412.64199636261, 74225.69966411495, 76856.60544575672, 79307.55700675404, 81582.87674949491, 83688.52344804356]),
        Case(family: "linear", series: "linhaiGDP", shifts: [], cap: nil, phi: nil,
             parameters: [976.4672807017544, 53.7120760233918],
             standardErrors: [17.869577886528848, 2.663839392233702],
             point: [1030.1793567251461, 1083.891432748538, 1137.6035087719297, 1191.3155847953217, 1245.0276608187132, 1298.7397368421052],
             lower80: [981.2549129387805, 1032.7816978693736, 1084.1084392078676, 1135.260668824094, 1186.2611872980815, 1237.1300226389617], upper80: [1079.1038005115117, 1135.0011676277022, 1191.0985783359918, 1247.3705007665494, 1303.794134339345, 1360.3494510452488],
             lower95: [944.9665064229758, 994.8724097370682, 1044.429892438718, 1093.6834239839584, 1142.6727166773637, 1191.4326537718011], upper95: [1115.3922070273163, 1172.9104557600076, 1230.7771251051413, 1288.947745606685, 1347.3826049600627, 1406.0468199124093]),
    ]

    static func check(_ actual: [Double], _ expected: [Double], _ label: String) {
        #expect(actual.count == expected.count, "\(label): length")
        for (a, e) in zip(actual, expected) {
            #expect(abs(a - e) / abs(e) < 1e-9, "\(label): \(a) vs \(e)")
        }
    }

    @Test(arguments: cases)
    func familyMatchesStatsmodels(_ c: Case) throws {
        let series = try RealSeries.named(c.series)
        // statsmodels' intervals are not censored at 0 for positive series.
        let options = TrendOptions(levelShiftYears: c.shifts, cap: c.cap, dampingFactor: c.phi, positiveStaysPositive: false)
        let fit = try TrendFitter.fit(series, family: TrendFamily(name: c.family)!, options: options)
        Self.check(fit.parameters, c.parameters, "parameters")
        Self.check(fit.standardErrors, c.standardErrors, "standard errors")
        let forecast = fit.forecast(Array(2025...2030))
        Self.check(forecast.point, c.point, "point")
        let i80 = try #require(forecast.intervals(level: 0.8)), i95 = try #require(forecast.intervals(level: 0.95))
        Self.check(i80.map(\.lower), c.lower80, "lower 80")
        Self.check(i80.map(\.upper), c.upper80, "upper 80")
        Self.check(i95.map(\.lower), c.lower95, "lower 95")
        Self.check(i95.map(\.upper), c.upper95, "upper 95")
    }

    /// The endpoint rate is the two-point CAGR: Linhai GDP 420.4 (2013) → 971.68 (2024).
    @Test func endpointGrowthIsTheTwoPointRate() throws {
        let fit = try TrendFitter.fit(try RealSeries.named("linhaiGDP"), family: .endpointCAGR)
        let expected = pow(971.68 / 420.4, 1.0 / 11) - 1
        #expect(abs(fit.growthRate! - expected) < 1e-15)
        #expect(abs(fit.forecast([2025]).point[0] - 971.68 * (1 + expected)) < 1e-9)
        #expect(fit.forecast([2025]).intervals(level: 0.95) == nil)
    }
}

/// Real series for the reference tests (sources: Fixtures/panels/SOURCES.md; Linhai GDP from Linhai's
/// government work reports and 2018 statistical bulletin, as in Scenarios/linhai-2025/history.csv).
enum RealSeries {
    static func named(_ name: String) throws -> TrendSeries {
        switch name {
        case "zhejiangUrbanization": return try ProvincePanel.series(region: "浙江", indicator: "urbanization_rate")
        case "zhejiangIncome": return try ProvincePanel.series(region: "浙江", indicator: "all_residents_per_capita_disposable_income")
        case "linhaiGDP": return TrendSeries(id: "linhai gdp", years: [2013, 2015, 2016, 2018, 2021, 2022, 2024],
                                             values: [420.4, 463.5, 515.6, 670.92, 819.9, 878.5, 971.68])
        default: fatalError("unknown series \(name)")
        }
    }
}

/// The provincial panel fixture (sources in Fixtures/panels/SOURCES.md); each indicator is a panel of 31 provinces.
enum ProvincePanel {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/panels/province-panel.csv")

    static func series(indicator: String) throws -> [TrendSeries] {
        var byRegion: [String: [(Int, Double)]] = [:]
        for line in try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields[1] == indicator else { continue }
            byRegion[String(fields[0]), default: []].append((Int(fields[2])!, Double(fields[3])!))
        }
        return byRegion.keys.sorted().map { region in
            let rows = byRegion[region]!.sorted { $0.0 < $1.0 }
            return TrendSeries(id: region, years: rows.map(\.0), values: rows.map(\.1), panel: indicator)
        }
    }

    static func series(region: String, indicator: String) throws -> TrendSeries {
        try #require(try series(indicator: indicator).first { $0.id == region })
    }
}
