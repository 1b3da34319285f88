import _TestSupport
import Testing
import LeastSquares
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Student's t against scipy 1.17.1, cross-checked with mpmath at 50 digits (see the script named above
/// each table; rows marked `mpmath` are where scipy was off by more than 1e-14 and mpmath's value is used).
@Suite("Student's t distribution")
struct StudentTTests {
    // python3 Tests/LeastSquaresTests/Fixtures/reference-scripts/distributions.py student-t-cdf
    // (degrees of freedom, t, cdf = scipy.stats.t.cdf, survival = scipy.stats.t.sf); rows whose smaller
    // probability is below 1e-300 are left out.
    static let cdfTable: [(Double, Double, Double, Double)] = [
        (1, -40, 0.007956089912025812, 0.99204391008797421),
        (1, -10, 0.031725517430553567, 0.96827448256944648),
        (1, -3, 0.10241638234956672, 0.89758361765043326),
        (1, -1, 0.25000000000000006, 0.75),
        (1, -0.1, 0.46827448256944648, 0.53172551743055352),
        (1, -1e-8, 0.49999999681690116, 0.5000000031830989),  // cdf mpmath; scipy gave 0.4999999952568131; sf mpmath; scipy gave 0.50000000474318695
        (1, 0.5, 0.64758361765043326, 0.35241638234956674),
        (1, 1.5, 0.81283295818900114, 0.18716704181099886),
        (1, 2, 0.85241638234956674, 0.14758361765043326),
        (1, 5, 0.93716704181099875, 0.062832958189001198),
        (1, 20, 0.98409774874382361, 0.015902251256176374),
        (1, 40, 0.99204391008797421, 0.007956089912025812),
        (2, -40, 0.0003122073360923703, 0.99968779266390762),
        (2, -10, 0.0049262285116628453, 0.9950737714883372),
        (2, -3, 0.047732983133354563, 0.95226701686664539),
        (2, -1, 0.21132486540518711, 0.78867513459481287),
        (2, -0.1, 0.4647327192070701, 0.53526728079292996),
        (2, -1e-8, 0.49999999646446608, 0.50000000353553387),
        (2, 0.5, 0.66666666666666663, 0.33333333333333337),
        (2, 1.5, 0.8638034375544994, 0.13619656244550055),
        (2, 2, 0.90824829046386302, 0.091751709536136983),
        (2, 5, 0.98112522432468818, 0.018874775675311862),
        (2, 20, 0.99875466805381641, 0.0012453319461835485),
        (2, 40, 0.99968779266390762, 0.0003122073360923703),
        (2.5, -40, 7.0978171452466899e-05, 0.99992902182854748),
        (2.5, -10, 0.0022207478836537117, 0.99777925211634633),
        (2.5, -3, 0.036288047774515914, 0.96371195222548411),
        (2.5, -1, 0.20203051363913682, 0.79796948636086318),
        (2.5, -0.1, 0.46390327203124487, 0.53609672796875518),
        (2.5, -1e-8, 0.49999999638191278, 0.50000000361808716),
        (2.5, 0.5, 0.67115104006514259, 0.32884895993485741),
        (2.5, 1.5, 0.8760817734568519, 0.12391822654314809),
        (2.5, 2, 0.92130425212101708, 0.078695747878982952),
        (2.5, 5, 0.98827440501456909, 0.011725594985430925),
        (2.5, 20, 0.99960030587774873, 0.00039969412225121688),
        (2.5, 40, 0.99992902182854748, 7.0978171452466899e-05),
        (3, -40, 1.7190340394579253e-05, 0.9999828096596054),
        (3, -10, 0.0010641995292070751, 0.99893580047079289),
        (3, -3, 0.02883444281121865, 0.97116555718878139),
        (3, -1, 0.19550110947788524, 0.80449889052211476),
        (3, -0.1, 0.46332617440040297, 0.53667382559959709),
        (3, -1e-8, 0.49999999632447401, 0.50000000367552599),
        (3, 0.5, 0.67427601757592448, 0.32572398242407552),
        (3, 1.5, 0.88470806737758856, 0.11529193262241147),
        (3, 2, 0.93033701572057848, 0.069662984279421525),
        (3, 5, 0.99230378096334881, 0.0076962190366511472),
        (3, 20, 0.99986339837487637, 0.0001366016251236558),
        (3, 40, 0.9999828096596054, 1.7190340394579253e-05),
        (5, -40, 9.2059810858864771e-08, 0.99999990794018911),
        (5, -10, 8.5473787871481814e-05, 0.99991452621212851),
        (5, -3, 0.015049623948731293, 0.98495037605126867),
        (5, -1, 0.18160873382456144, 0.81839126617543856),
        (5, -0.1, 0.4621150705773302, 0.53788492942266974),
        (5, -1e-8, 0.49999999620393309, 0.50000000379606691),
        (5, 0.5, 0.68085056417953549, 0.31914943582046457),
        (5, 1.5, 0.90304815987876341, 0.096951840121236643),
        (5, 2, 0.94903026058507078, 0.050969739414929174),
        (5, 5, 0.99794764200997332, 0.0020523579900266617),
        (5, 20, 0.99999711224181342, 2.887758186612087e-06),
        (5, 40, 0.99999990794018911, 9.2059810858864771e-08),
        (10, -40, 1.1404288715428768e-12, 0.99999999999885958),
        (10, -10, 7.9477658779820624e-07, 0.99999920522341224),
        (10, -3, 0.0066718275112847853, 0.99332817248871519),
        (10, -1, 0.17044656615102999, 0.82955343384897007),
        (10, -0.1, 0.46116035928220411, 0.53883964071779589),
        (10, -1e-8, 0.49999999610891616, 0.5000000038910839),
        (10, 0.5, 0.68605319712851354, 0.31394680287148652),
        (10, 1.5, 0.9177463367772799, 0.082253663222720069),
        (10, 2, 0.96330598261462985, 0.036694017385370183),
        (10, 5, 0.99973133319862173, 0.00026866680137822634),
        (10, 20, 0.99999999892696889, 1.0730311586021261e-09),
        (10, 40, 0.99999999999885958, 1.1404288715428768e-12),
        (30, -40, 6.8630225972032086e-28, 1),
        (30, -10, 2.287625704114809e-11, 0.99999999997712374),
        (30, -3, 0.0026949820328259727, 0.99730501796717408),
        (30, -1, 0.16265430771301509, 0.83734569228698486),
        (30, -0.1, 0.46050480589513559, 0.53949519410486446),
        (30, -1e-8, 0.49999999604367817, 0.50000000395632183),
        (30, 0.5, 0.68963849755743634, 0.31036150244256361),
        (30, 1.5, 0.92796703543567705, 0.072032964564322996),
        (30, 2, 0.97268747751850848, 0.027312522481491547),
        (30, 5, 0.99998835165726652, 1.16483427335039e-05),
        (30, 20, 1, 3.3745418328856447e-19),
        (30, 40, 1, 6.8630225972032086e-28),
        (100, -40, 1.2310538010700354e-63, 1),
        (100, -10, 4.9508444922970653e-17, 1),
        (100, -3, 0.0017039576716647233, 0.99829604232833524),
        (100, -1, 0.15986207789206167, 0.84013792210793836),
        (100, -0.1, 0.46027226554792561, 0.53972773445207434),
        (100, -1e-8, 0.49999999602053813, 0.50000000397946187),
        (100, 0.5, 0.69091321708455666, 0.30908678291544328),
        (100, 1.5, 0.93161747093765557, 0.068382529062344419),
        (100, 2, 0.9758939106344332, 0.024106089365566824),
        (100, 5, 0.99999877491329325, 1.225086706751901e-06),
        (100, 20, 1, 4.9971339306685015e-37),
        (100, 40, 1, 1.2310538010700354e-63),
        (1000, -40, 5.2394260775866361e-210, 1),
        (1000, -10, 8.3353514793000687e-23, 1),
        (1000, -3, 0.0013833545221190963, 0.99861664547788087),
        (1000, -1, 0.15877620904233627, 0.84122379095766375),
        (1000, -0.1, 0.46018218451180204, 0.53981781548819796),
        (1000, -1e-8, 0.49999999601157441, 0.50000000398842559),
        (1000, 0.5, 0.6914074595830626, 0.30859254041693734),
        (1000, 1.5, 0.93303498058895684, 0.066965019411043131),
        (1000, 2, 0.97711482675337413, 0.022885173246625829),
        (1000, 5, 0.99999966163718179, 3.3836281823243174e-07),
        (1000, 20, 1, 2.0311442497623856e-75),  // sf mpmath; scipy gave 2.0311442497624087e-75
        (1000, 40, 1, 5.2394260775866361e-210),
        (10000, -10, 9.8164037143319094e-24, 1),
        (10000, -3, 0.0013532240949988329, 0.99864677590500117),
        (10000, -1, 0.15866735216521458, 0.84133264783478545),
        (10000, -0.1, 0.46017316501553751, 0.53982683498446249),
        (10000, -1e-8, 0.49999999601067691, 0.50000000398932309),
        (10000, 0.5, 0.69145696033838311, 0.30854303966161684),
        (10000, 1.5, 0.9331770140881902, 0.066822985911809824),
        (10000, 2, 0.97723636966928229, 0.022763630330717714),
        (10000, 5, 0.99999970848366937, 2.9151633068313295e-07),
        (10000, 20, 1, 1.3823262932703867e-87),  // sf mpmath; scipy gave 1.3823262932703351e-87
    ]

    @Test("cdf and survival match the references to 1e-12 relative error", arguments: cdfTable)
    func cdfAndSurvival(_ row: (Double, Double, Double, Double)) {
        let (df, t, cdf, survival) = row
        let distribution = StudentT(degreesOfFreedom: df)
        #expect(relativeError(distribution.cdf(t), cdf) < DistributionCheck.tolerance)
        #expect(relativeError(distribution.survival(t), survival) < DistributionCheck.tolerance)
    }

    // python3 Tests/LeastSquaresTests/Fixtures/reference-scripts/distributions.py student-t-deep-tail
    // (degrees of freedom, t near the point where P(T > t) = 1e-300, P(T > t) = scipy.stats.t.sf).
    static let deepTailTable: [(Double, Double, Double)] = [
        (1, 3.183e+299, 1.0000310593270206e-300),  // mpmath; scipy gave 0
        (2, 7.071e+149, 1.0000191803678795e-300),
        (2.5, 8.765e+119, 1.0001248997966162e-300),
        (3, 1.033e+100, 1.0003219204373616e-300),
        (5, 1.568e+60, 1.0012524097833292e-300),
        (10, 2.562e+30, 1.009902237462644e-300),
        (30, 50130000000, 1.0294817911842183e-300),
        (100, 9673, 1.1058152890599398e-300),
        (1000, 54.29, 1.0192872279139099e-300),  // mpmath; scipy gave 1.0192872279139578e-300
        (10000, 38.32, 3.3769821908426156e-300),  // mpmath; scipy gave 3.3769821908427562e-300
    ]

    @Test("tail probabilities near 1e-300 keep 1e-12 relative accuracy", arguments: deepTailTable)
    func deepTail(_ row: (Double, Double, Double)) {
        let (df, t, survival) = row
        let distribution = StudentT(degreesOfFreedom: df)
        #expect(relativeError(distribution.survival(t), survival) < DistributionCheck.tolerance)
        #expect(relativeError(distribution.cdf(-t), survival) < DistributionCheck.tolerance)
    }

    // python3 Tests/LeastSquaresTests/Fixtures/reference-scripts/distributions.py student-t-quantile
    // (degrees of freedom, p, quantile = scipy.stats.t.ppf).
    static let quantileTable: [(Double, Double, Double)] = [
        (1, 1e-12, -318309886183.79071),
        (1, 1e-6, -318309.88618274347),
        (1, 0.001, -318.30883898555044),
        (1, 0.025, -12.706204736174705),
        (1, 0.1, -3.0776835371752536),
        (1, 0.4, -0.32491969623290634),
        (1, 0.4999999, -3.1415926536802352e-07),  // mpmath; scipy gave -3.1415926533014119e-07
        (1, 0.5, 0),
        (1, 0.6, 0.32491969623290634),
        (1, 0.975, 12.706204736174694),
        (1, 0.999999, 318309.88617359026),
        (2, 1e-12, -707106.78118548694),
        (2, 1e-6, -707.10572052593386),
        (2, 0.001, -22.327124770119873),
        (2, 0.025, -4.3026527297494637),
        (2, 0.1, -1.8856180831641267),
        (2, 0.4, -0.28867513459481281),
        (2, 0.4999999, -2.8284271248275796e-07),
        (2, 0.5, 0),
        (2, 0.6, 0.28867513459481281),
        (2, 0.975, 4.3026527297494619),
        (2, 0.999999, 707.10572051576719),
        (2.5, 1e-12, -55306.174076515817),
        (2.5, 1e-6, -220.17342917823686),
        (2.5, 0.001, -13.822193110865964),
        (2.5, 0.025, -3.5746548420036834),
        (2.5, 0.1, -1.7302509288071761),
        (2.5, 0.4, -0.28145951274854769),
        (2.5, 0.4999999, -2.7638913426174296e-07),
        (2.5, 0.5, 0),
        (2.5, 0.6, 0.28145951274854769),
        (2.5, 0.975, 3.5746548420036817),
        (2.5, 0.999999, 220.17342917570426),
        (3, 1e-12, -10331.108244292487),
        (3, 1e-6, -103.29946778041935),
        (3, 0.001, -10.214531852407385),
        (3, 0.025, -3.1824463052837086),
        (3, 0.1, -1.6377443536962089),
        (3, 0.4, -0.27667066233268978),
        (3, 0.4999999, -2.7206990464296068e-07),  // mpmath; scipy gave -2.7206990461823971e-07
        (3, 0.5, 0),
        (3, 0.6, 0.27667066233268978),
        (3, 0.975, 3.1824463052837078),
        (3, 0.999999, 103.29946777942898),
        (5, 1e-12, -393.95695957760375),
        (5, 1e-6, -24.771029720515948),
        (5, 0.001, -5.8934295313560092),
        (5, 0.025, -2.5705818356363155),
        (5, 0.1, -1.4758840488244813),
        (5, 0.4, -0.26718086570414512),
        (5, 0.4999999, -2.6343055242160601e-07),  // mpmath; scipy gave -2.6343055238472466e-07
        (5, 0.5, 0),
        (5, 0.6, 0.26718086570414512),
        (5, 0.975, 2.5705818356363146),
        (5, 0.999999, 24.771029720372493),
        (10, 1e-12, -40.532096178662599),
        (10, 1e-6, -9.7519954909405815),
        (10, 0.001, -4.1437004940465894),
        (10, 0.025, -2.2281388519862753),
        (10, 0.1, -1.3721836411103359),
        (10, 0.4, -0.26018482949208033),
        (10, 0.4999999, -2.5699780350044248e-07),  // mpmath; scipy gave -2.5699780353074418e-07
        (10, 0.5, 0),
        (10, 0.6, 0.26018482949208033),
        (10, 0.975, 2.2281388519862739),
        (10, 0.999999, 9.7519954909098558),
        (30, 1e-12, -11.397217523311413),
        (30, 1e-6, -5.8711171204188819),
        (30, 0.001, -3.385184866829305),
        (30, 0.025, -2.0422724563012382),
        (30, 0.1, -1.3104150253913955),
        (30, 0.4, -0.25560536495191277),
        (30, 0.4999999, -2.5276002261960695e-07),  // mpmath; scipy gave -2.5276002261957815e-07
        (30, 0.5, 0),
        (30, 0.6, 0.25560536495191277),
        (30, 0.975, 2.0422724563012378),
        (30, 0.999999, 5.8711171204086243),
        (100, 1e-12, -8.0258255944932504),
        (100, 1e-6, -5.0488308772283457),
        (100, 0.001, -3.1737394937387831),
        (100, 0.025, -1.983971518523552),
        (100, 0.1, -1.290074761346516),
        (100, 0.4, -0.25402218245822766),
        (100, 0.4999999, -2.5129025804432667e-07),
        (100, 0.5, 0),
        (100, 0.6, 0.25402218245822766),
        (100, 0.975, 1.9839715185235518),
        (100, 0.999999, 5.0488308772214463),
        (1000, 1e-12, -7.1242289253144087),
        (1000, 1e-6, -4.7816086204583508),
        (1000, 0.001, -3.0984021639129233),
        (1000, 0.025, -1.9623390808264085),
        (1000, 0.1, -1.2823987214609245),
        (1000, 0.4, -0.25341451583949876),
        (1000, 0.4999999, -2.5072550100059754e-07),
        (1000, 0.5, 0),
        (1000, 0.6, 0.25341451583949876),
        (1000, 0.975, 1.9623390808264083),
        (1000, 0.999999, 4.7816086204524391),
        (10000, 1e-12, -7.0433716020557755),
        (10000, 1e-6, -4.7562296850567796),
        (10000, 0.001, -3.0910475160306121),
        (10000, 0.025, -1.9602012398906263),
        (10000, 0.1, -1.2816362297304775),
        (10000, 0.4, -0.25335384344572698),
        (10000, 0.4999999, -2.5066909411931979e-07),
        (10000, 0.5, 0),
        (10000, 0.6, 0.25335384344572698),
        (10000, 0.975, 1.9602012398906259),
        (10000, 0.999999, 4.7562296850509576),
    ]

    @Test("quantile matches the references to 1e-12 relative error", arguments: quantileTable)
    func quantile(_ row: (Double, Double, Double)) {
        let (df, p, expected) = row
        let actual = StudentT(degreesOfFreedom: df).quantile(p)
        if expected == 0 {
            #expect(actual == 0)
        } else {
            #expect(relativeError(actual, expected) < DistributionCheck.tolerance)
        }
    }

    // python3 Tests/LeastSquaresTests/Fixtures/reference-scripts/distributions.py student-t-density
    // (degrees of freedom, t, density = scipy.stats.t.pdf).
    static let densityTable: [(Double, Double, Double)] = [
        (1, 0, 0.31830988618379075),
        (1, 1.5, 0.097941503441166353),
        (1, -7, 0.0063661977236758186),
        (1, 30, 0.00035328511230165463),
        (2, 0, 0.35355339059327379),
        (2, 1.5, 0.11413441178180372),
        (2, -7, 0.0027456472235843337),
        (2, 30, 3.6913922295566895e-05),
        (2.5, 0, 0.36180872402956499),
        (2.5, 1.5, 0.11766850421719717),
        (2.5, -7, 0.0018163996051834177),
        (2.5, 30, 1.2101562027119746e-05),
        (3, 0, 0.36755259694786135),
        (3, 1.5, 0.12001717451358736),
        (3, -7, 0.0012233629336282368),
        (3, 30, 4.0568271536502007e-06),
        (5, 0, 0.3796066898224944),
        (5, 1.5, 0.12451734464635511),
        (5, -7, 0.00030134402928803911),
        (5, 30, 6.4017414895944683e-08),
        (10, 0, 0.38910838396603115),
        (10, 1.5, 0.12744479428709171),
        (10, -7, 2.2407041806035441e-05),
        (10, 30, 6.536464859315812e-12),
        (30, 0, 0.39563218489409685),
        (30, 1.5, 0.1289616017396715),
        (30, -7, 1.2007459973560769e-07),
        (30, 30, 3.0282056123691717e-24),
        (100, 0, 0.39794618693589379),  // mpmath; scipy gave 0.39794618693590594
        (100, 1.5, 0.12936799740683036),  // mpmath; scipy gave 0.12936799740683433
        (100, -7, 7.1436109267529917e-10),  // mpmath; scipy gave 7.1436109267531944e-10
        (100, 30, 1.2584163368965668e-51),  // mpmath; scipy gave 1.258416336896589e-51
        (1000, 0, 0.39884255731385815),  // mpmath; scipy gave 0.39884255731370682
        (1000, 1.5, 0.12950334867626564),  // mpmath; scipy gave 0.12950334867621652
        (1000, -7, 1.594665693926889e-11),  // mpmath; scipy gave 1.5946656939262796e-11
        (1000, 30, 1.2151341190135477e-140),  // mpmath; scipy gave 1.2151341190130729e-140
        (10000, 0, 0.3989323069691077),  // mpmath; scipy gave 0.39893230696993565
        (10000, 1.5, 0.12951617825551595),  // mpmath; scipy gave 0.12951617825578479
        (10000, -7, 9.674012841343161e-12),  // mpmath; scipy gave 9.6740128413632104e-12
        (10000, 30, 2.8164124559252912e-188),  // mpmath; scipy gave 2.8164124559311704e-188
    ]

    @Test("density matches the references to 1e-12 relative error", arguments: densityTable)
    func density(_ row: (Double, Double, Double)) {
        let (df, t, expected) = row
        let actual = StudentT(degreesOfFreedom: df).density(t)
        #expect(relativeError(actual, expected) < DistributionCheck.tolerance)
    }

    static let degreesOfFreedom: [Double] = [0.5, 1, 1.5, 2, 2.5, 3, 5, 10, 30, 100, 1000, 10000, 1e6]

    @Test("quantile inverts cdf and survival", arguments: degreesOfFreedom)
    func quantileInvertsCdf(_ df: Double) {
        let distribution = StudentT(degreesOfFreedom: df)
        for t in [-1e6, -300.0, -40, -12.5, -3, -1.25, -0.5, -0.1] {
            // Only where the probability is a normal double (with 10,000 degrees of freedom,
            // P(T < −40) is already about 1e-322).
            guard distribution.cdf(t) >= 1e-300 else { continue }
            let backFromLower = distribution.quantile(distribution.cdf(t))
            #expect(relativeError(backFromLower, t) < DistributionCheck.tolerance, "df \(df), t \(t)")
            // The upper tail through survival: quantile(1 − p) = −quantile(p) when 1 − p is exact.
            let upper = distribution.survival(-t)
            #expect(relativeError(-distribution.quantile(upper), -t) < DistributionCheck.tolerance, "df \(df), −t \(-t)")
        }
    }

    @Test("cdf is symmetric about zero and quantile antisymmetric", arguments: degreesOfFreedom)
    func symmetry(_ df: Double) {
        let distribution = StudentT(degreesOfFreedom: df)
        for t in [1e-9, 0.3, 1, 1.7, 2, 7, 55] {
            #expect(abs(distribution.cdf(t) + distribution.cdf(-t) - 1) <= 2 * Double.ulpOfOne)
            #expect(relativeError(distribution.density(-t), distribution.density(t)) == 0)
        }
        for p in [1e-200, 1e-9, 0.01, 0.3, 0.49] {
            let q = 1 - p
            if 1 - q == p {
                #expect(distribution.quantile(q) == -distribution.quantile(p))
            }
        }
    }

    @Test("cdf increases with t and quantile with p", arguments: degreesOfFreedom)
    func monotonicity(_ df: Double) {
        let distribution = StudentT(degreesOfFreedom: df)
        // A grid that crosses the switch between the tail and the centred computation (t² = 3ν/(ν + 2)).
        var previous = 0.0
        var t = -60.0
        while t <= 60 {
            let value = distribution.cdf(t)
            #expect(value >= previous, "df \(df): cdf(\(t)) = \(value) < \(previous)")
            previous = value
            t += 0.0137
        }
        var previousQuantile = -Double.infinity
        for exponent in stride(from: -300.0, through: -0.302, by: 0.25) {
            let p = pow(10.0, exponent)
            let value = distribution.quantile(p)
            // With ν < 1 the smallest quantiles are beyond the largest double and come out as −∞.
            let bothInfinite = value == -.infinity && previousQuantile == -.infinity
            #expect(value > previousQuantile || bothInfinite, "df \(df): quantile(\(p)) = \(value)")
            previousQuantile = value
        }
    }

    @Test("density integrates to the cdf increment")
    func densityAgreesWithCdf() {
        // Simpson's rule over [a, b] with 2000 panels; its error is far below the tolerance used here.
        for df in [1.0, 2.5, 30] {
            let distribution = StudentT(degreesOfFreedom: df)
            let (a, b) = (-0.7, 1.9)
            let n = 2000
            let h = (b - a) / Double(n)
            var sum = distribution.density(a) + distribution.density(b)
            for i in 1..<n {
                sum += Double(i % 2 == 0 ? 2 : 4) * distribution.density(a + Double(i) * h)
            }
            let integral = sum * h / 3
            #expect(relativeError(integral, distribution.cdf(b) - distribution.cdf(a)) < 1e-12)
        }
    }

    @Test("edge values: ±∞, p of 0, ½ and 1")
    func edges() {
        for df in [1.0, 2, 7.5, 1000] {
            let distribution = StudentT(degreesOfFreedom: df)
            #expect(distribution.cdf(-.infinity) == 0)
            #expect(distribution.cdf(.infinity) == 1)
            #expect(distribution.survival(.infinity) == 0)
            #expect(distribution.cdf(0) == 0.5)
            #expect(distribution.quantile(0) == -.infinity)
            #expect(distribution.quantile(1) == .infinity)
            #expect(distribution.quantile(0.5) == 0)
            #expect(distribution.cdf(.nan).isNaN)
        }
    }

    @Test("very many degrees of freedom approach the normal", arguments: [1e8, 1e12, 1e16, 1e20, 1e30, 1e300])
    func approachesNormal(_ df: Double) {
        // cdf_t(x) − Φ(x) ≈ −φ(x)(x³ + x)/(4ν); relative to Φ(x), (x⁴ + 1)/ν bounds it for these x.
        let distribution = StudentT(degreesOfFreedom: df)
        for x in [-30.0, -3, 0.5, 1.8] {
            let bound = (x * x * x * x + 1) / df + 1e-13
            #expect(relativeError(distribution.cdf(x), Normal.standard.cdf(x)) < bound, "x \(x)")
        }
        let quantile = distribution.quantile(1e-10)
        #expect(relativeError(quantile, Normal.standard.quantile(1e-10)) < 1e3 / df + 1e-13)
    }

    @Test("infinite degrees of freedom give the standard normal")
    func infiniteDegreesOfFreedom() {
        let distribution = StudentT(degreesOfFreedom: .infinity)
        for x in [-30.0, -2, 0.25, 4] {
            #expect(distribution.cdf(x) == Normal.standard.cdf(x))
            #expect(distribution.density(x) == Normal.standard.density(x))
        }
        #expect(distribution.quantile(0.975) == Normal.standard.quantile(0.975))
    }
}
