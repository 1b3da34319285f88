import _TestSupport
import Testing
import LeastSquares
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The normal distribution against scipy 1.17.1, cross-checked with mpmath at 50 digits (see the script
/// named above each table; rows marked `mpmath` are where scipy was off by more than 1e-14 and mpmath's
/// value is used).
@Suite("Normal distribution")
struct NormalTests {
    // python3 Tests/LeastSquaresTests/Fixtures/reference-scripts/distributions.py normal-cdf
    // (x, cdf = scipy.stats.norm.cdf, survival = scipy.stats.norm.sf).
    static let cdfTable: [(Double, Double, Double)] = [
        (-37, 5.7255712225245771e-300, 1),  // cdf mpmath; scipy gave 5.7255712225239266e-300
        (-30, 4.9067139271481872e-198, 1),  // cdf mpmath; scipy gave 4.906713927147908e-198
        (-20, 2.7536241186062337e-89, 1),  // cdf mpmath; scipy gave 2.7536241186061556e-89
        (-10, 7.6198530241604696e-24, 1),
        (-5, 2.8665157187919328e-07, 0.99999971334842808),
        (-3, 0.0013498980316300933, 0.9986501019683699),
        (-1.96, 0.024997895148220435, 0.97500210485177952),
        (-1, 0.15865525393145707, 0.84134474606854293),
        (-0.5, 0.30853753872598688, 0.69146246127401312),
        (-0.001, 0.49960105778608893, 0.50039894221391101),
        (0, 0.5, 0.5),
        (1e-8, 0.50000000398942279, 0.49999999601057721),
        (0.3, 0.61791142218895256, 0.38208857781104738),
        (1, 0.84134474606854293, 0.15865525393145707),
        (1.96, 0.97500210485177952, 0.024997895148220435),
        (3, 0.9986501019683699, 0.0013498980316300933),
        (8, 0.99999999999999933, 6.2209605742717405e-16),
        (15, 1, 3.6709661993127508e-51),  // sf mpmath; scipy gave 3.6709661993126986e-51
        (25, 1, 3.056696706382561e-138),
        (37, 1, 5.7255712225245771e-300),  // sf mpmath; scipy gave 5.7255712225239266e-300
    ]

    @Test("standard cdf and survival match the references to 1e-12 relative error", arguments: cdfTable)
    func cdfAndSurvival(_ row: (Double, Double, Double)) {
        let (x, cdf, survival) = row
        #expect(relativeError(Normal.standard.cdf(x), cdf) < DistributionCheck.tolerance)
        #expect(relativeError(Normal.standard.survival(x), survival) < DistributionCheck.tolerance)
    }

    // python3 Tests/LeastSquaresTests/Fixtures/reference-scripts/distributions.py normal-quantile
    // (p, quantile = scipy.stats.norm.ppf).
    static let quantileTable: [(Double, Double)] = [
        (1e-300, -37.047096299361201),
        (1e-100, -21.273453560965322),
        (1e-20, -9.2623400897984087),
        (1e-12, -7.0344838253011313),
        (1e-6, -4.7534243088228987),
        (0.001, -3.0902323061678132),
        (0.025, -1.9599639845400545),
        (0.1, -1.2815515655446004),
        (0.4, -0.25334710313579972),
        (0.4999999, -2.5066282747031068e-07),
        (0.5, 0),
        (0.6, 0.25334710313579972),
        (0.975, 1.959963984540054),
        (0.999999, 4.7534243088170873),
        (0.9999999999999999, 8.2095361516013874),
    ]

    @Test("standard quantile matches the references to 1e-12 relative error", arguments: quantileTable)
    func quantile(_ row: (Double, Double)) {
        let (p, expected) = row
        let actual = Normal.standard.quantile(p)
        if expected == 0 {
            #expect(actual == 0)
        } else {
            #expect(relativeError(actual, expected) < DistributionCheck.tolerance)
        }
    }

    // python3 Tests/LeastSquaresTests/Fixtures/reference-scripts/distributions.py normal-density
    // (x, density = scipy.stats.norm.pdf).
    static let densityTable: [(Double, Double)] = [
        (0, 0.3989422804014327),
        (0.5, 0.35206532676429947),
        (-1, 0.24197072451914337),
        (2.5, 0.017528300493568537),
        (-10, 7.6945986267064199e-23),
        (20, 5.5209483621597635e-88),
        (37, 2.120006551524606e-298),
    ]

    @Test("standard density matches the references to 1e-12 relative error", arguments: densityTable)
    func density(_ row: (Double, Double)) {
        let (x, expected) = row
        #expect(relativeError(Normal.standard.density(x), expected) < DistributionCheck.tolerance)
    }

    // python3 Tests/LeastSquaresTests/Fixtures/reference-scripts/distributions.py normal-shifted
    // (mean, standard deviation, x, cdf, survival, density = scipy.stats.norm.cdf/.sf/.pdf(x, mean, sd));
    // (x − mean)/sd is exact in every row.
    static let shiftedTable: [(Double, Double, Double, Double, Double, Double)] = [
        (100, 16, 20, 2.8665157187919328e-07, 0.99999971334842808, 9.2919969670893618e-08),
        (100, 16, 180, 0.99999971334842808, 2.8665157187919328e-07, 9.2919969670893618e-08),
        (-3, 0.5, -2.25, 0.93319279873114191, 0.066807201268858071, 0.25903519133178349),
        (1000000, 1024, 990784, 1.1285884059538324e-19, 1, 1.0038841378582926e-21),
    ]

    @Test("mean and standard deviation shift and scale", arguments: shiftedTable)
    func shiftedAndScaled(_ row: (Double, Double, Double, Double, Double, Double)) {
        let (mean, sd, x, cdf, survival, density) = row
        let distribution = Normal(mean: mean, standardDeviation: sd)
        #expect(relativeError(distribution.cdf(x), cdf) < DistributionCheck.tolerance)
        #expect(relativeError(distribution.survival(x), survival) < DistributionCheck.tolerance)
        #expect(relativeError(distribution.density(x), density) < DistributionCheck.tolerance)
        let p = min(cdf, survival)
        let back = cdf < survival ? distribution.quantile(p) : 2 * mean - distribution.quantile(p)
        #expect(relativeError(back, x) < DistributionCheck.tolerance)
    }

    @Test("quantile inverts cdf from 1e-300 to the centre")
    func quantileInvertsCdf() {
        for x in stride(from: -37.0, through: -0.05, by: 0.0731) {
            let back = Normal.standard.quantile(Normal.standard.cdf(x))
            #expect(relativeError(back, x) < DistributionCheck.tolerance, "x \(x)")
        }
    }

    @Test("symmetry and monotonicity")
    func symmetryAndMonotonicity() {
        var previous = 0.0
        for x in stride(from: -38.0, through: 38, by: 0.0173) {
            let value = Normal.standard.cdf(x)
            #expect(value >= previous, "cdf(\(x)) = \(value) < \(previous)")
            previous = value
            #expect(Normal.standard.cdf(-x) == Normal.standard.survival(x))
            #expect(abs(Normal.standard.cdf(x) + Normal.standard.cdf(-x) - 1) <= 2 * Double.ulpOfOne)
        }
        var previousQuantile = -Double.infinity
        for exponent in stride(from: -300.0, through: -0.302, by: 0.1) {
            let value = Normal.standard.quantile(pow(10.0, exponent))
            #expect(value > previousQuantile, "quantile(1e\(exponent)) = \(value)")
            previousQuantile = value
        }
    }

    @Test("edge values")
    func edges() {
        #expect(Normal.standard.cdf(.infinity) == 1)
        #expect(Normal.standard.cdf(-.infinity) == 0)
        #expect(Normal.standard.quantile(0) == -.infinity)
        #expect(Normal.standard.quantile(1) == .infinity)
        #expect(Normal(mean: 3, standardDeviation: 2).quantile(0.5) == 3)
        #expect(Normal.standard.cdf(0) == 0.5)
        #expect(Normal.standard.cdf(.nan).isNaN)
    }
}
