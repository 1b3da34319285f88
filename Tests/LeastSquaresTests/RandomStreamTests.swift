import Common
import _TestSupport
import Testing
@testable import LeastSquares
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Seeded random streams")
struct RandomStreamTests {
    @Test("xoshiro256** reproduces the reference implementation")
    func xoshiroKnownAnswer() {
        // State (1, 2, 3, 4); outputs of Blackman & Vigna's xoshiro256starstar.c, as published in the
        // test `reference` of rand_xoshiro (rust-random/rngs, src/xoshiro256starstar.rs).
        var generator = RandomStream(state: (1, 2, 3, 4))
        let expected: [UInt64] = [
            11520, 0, 1509978240, 1215971899390074240, 1216172134540287360,
            607988272756665600, 16172922978634559625, 8476171486693032832,
            10595114339597558777, 2904607092377533576,
        ]
        for value in expected {
            #expect(generator.next() == value)
        }
    }

    @Test("SplitMix64 reproduces the reference implementation")
    func splitMixKnownAnswer() {
        // Seed 1477776061723855037; outputs of Vigna's splitmix64.c, as published in the test
        // `reference` of rand_xoshiro (rust-random/rngs, src/splitmix64.rs).
        var seeder = SplitMix64(state: 1_477_776_061_723_855_037)
        let expected: [UInt64] = [
            1985237415132408290, 2979275885539914483, 13511426838097143398,
            8488337342461049707, 15141737807933549159,
        ]
        for value in expected {
            #expect(seeder.next() == value)
        }
    }

    @Test("the same seed and stream give the same sequence")
    func reproducible() {
        var first = RandomStream(seed: 20240917, stream: 3)
        var second = RandomStream(seed: 20240917, stream: 3)
        for _ in 0..<10_000 {
            #expect(first.next() == second.next())
            #expect(first.nextUniform() == second.nextUniform())
            #expect(first.nextStandardNormal().bitPattern == second.nextStandardNormal().bitPattern)
        }
    }

    @Test("different streams and seeds give different, uncorrelated sequences")
    func independentStreams() {
        var firstOutputs = Set<UInt64>()
        for stream in 0..<1000 as Range<UInt64> {
            var generator = RandomStream(seed: 7, stream: stream)
            firstOutputs.insert(generator.next())
        }
        for seed in 0..<1000 as Range<UInt64> {
            var generator = RandomStream(seed: seed, stream: 0)
            firstOutputs.insert(generator.next())
        }
        // Seed 7, stream 0 appears in both loops.
        #expect(firstOutputs.count == 1999)

        // Neighbouring streams and neighbouring seeds: sample correlation of 100,000 uniforms is within
        // 5 standard errors (1/√n) of zero.
        let n = 100_000
        for (a, b) in [((1, 0), (1, 1)), ((1, 0), (2, 0)), ((0, 5), (5, 0))] as [((UInt64, UInt64), (UInt64, UInt64))] {
            var x = RandomStream(seed: a.0, stream: a.1)
            var y = RandomStream(seed: b.0, stream: b.1)
            var sxy = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0
            for _ in 0..<n {
                let u = x.nextUniform(), v = y.nextUniform()
                sx += u; sy += v; sxy += u * v; sxx += u * u; syy += v * v
            }
            let m = Double(n)
            let covariance = sxy / m - (sx / m) * (sy / m)
            let correlation = covariance / ((sxx / m - (sx / m) * (sx / m)) * (syy / m - (sy / m) * (sy / m))).squareRoot()
            #expect(abs(correlation) < 5 / m.squareRoot(), "\(a) vs \(b): \(correlation)")
        }
    }

    @Test("uniforms lie strictly inside (0, 1) with mean ½ and variance 1/12")
    func uniforms() {
        var generator = RandomStream(seed: 99, stream: 0)
        let n = 1_000_000
        var sum = 0.0, sumOfSquares = 0.0
        var inside = true
        for _ in 0..<n {
            let u = generator.nextUniform()
            inside = inside && u > 0 && u < 1
            sum += u
            sumOfSquares += u * u
        }
        let mean = sum / Double(n)
        let variance = sumOfSquares / Double(n) - mean * mean
        #expect(inside)
        #expect(abs(mean - 0.5) < 5 * (1.0 / 12 / Double(n)).squareRoot())
        // Var of U² is 1/5 − 1/9 = 4/45.
        #expect(abs(variance - 1.0 / 12) < 5 * (4.0 / 45 / Double(n)).squareRoot())
    }

    /// One million standard normals from a fixed stream, sorted.
    static let sortedNormals: [Double] = {
        var generator = RandomStream(seed: 12345, stream: 1)
        var values = [Double](repeating: 0, count: 1_000_000)
        generator.fillStandardNormal(&values)
        return values.sorted()
    }()

    @Test("normal sampler: mean, variance and fourth moment within 5 standard errors")
    func normalMoments() {
        let values = Self.sortedNormals
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let secondMoment = values.reduce(0) { $0 + $1 * $1 } / n
        let fourthMoment = values.reduce(0) { $0 + $1 * $1 * $1 * $1 } / n
        // SE of the mean 1/√n; of the second moment √(2/n); of the fourth √((105 − 9)/n).
        #expect(abs(mean) < 5 / n.squareRoot())
        #expect(abs(secondMoment - 1) < 5 * (2 / n).squareRoot())
        #expect(abs(fourthMoment - 3) < 5 * (96 / n).squareRoot())
    }

    @Test("normal sampler: Kolmogorov–Smirnov distance to Φ below the 1% critical value")
    func normalKolmogorovSmirnov() {
        let values = Self.sortedNormals
        let n = Double(values.count)
        var distance = 0.0
        for (index, x) in values.enumerated() {
            let f = Normal.standard.cdf(x)
            distance = max(distance, Double(index + 1) / n - f, f - Double(index) / n)
        }
        #expect(distance < 1.63 / n.squareRoot())
    }

    @Test("normal sampler: tail frequencies and the tail beyond the ziggurat base")
    func normalTails() {
        let values = Self.sortedNormals
        let n = Double(values.count)
        // python3 Tests/LeastSquaresTests/Fixtures/reference-scripts/distributions.py normal-tail-frequencies
        let beyondThree = 0.0026997960632601892
        let beyondBase = 0.00025803248765390087
        let conditionalMean = 3.8970390716484729
        let r = ZigguratTables.standardNormal.tailStart
        let countBeyondThree = Double(values.filter { abs($0) > 3 }.count)
        let tail = values.filter { abs($0) > r }.map(abs)
        let frequencyThree = countBeyondThree / n
        let frequencyBase = Double(tail.count) / n
        #expect(abs(frequencyThree - beyondThree) < 5 * (beyondThree * (1 - beyondThree) / n).squareRoot())
        #expect(abs(frequencyBase - beyondBase) < 5 * (beyondBase * (1 - beyondBase) / n).squareRoot())
        // Sampled exactly, |Z| beyond r has mean φ(r)/Q(r); its standard deviation is below 0.27.
        let tailMean = tail.reduce(0, +) / Double(tail.count)
        #expect(abs(tailMean - conditionalMean) < 5 * 0.27 / Double(tail.count).squareRoot())
        // Both signs appear equally often in the tail.
        let negativeTail = Double(values.filter { $0 < -r }.count)
        #expect(abs(negativeTail / Double(tail.count) - 0.5) < 5 * 0.5 / Double(tail.count).squareRoot())
    }

    @Test("filling a buffer gives the same values as single draws")
    func fillMatchesSingleDraws() {
        var single = RandomStream(seed: 5, stream: 9)
        var filled = RandomStream(seed: 5, stream: 9)
        var buffer = [Double](repeating: .nan, count: 4097)
        filled.fillStandardNormal(&buffer)
        for value in buffer {
            #expect(single.nextStandardNormal().bitPattern == value.bitPattern)
        }
        #expect(single.next() == filled.next())
    }

    @Test("ziggurat tables solve Marsaglia & Tsang's equations")
    func zigguratConstruction() {
        let tables = ZigguratTables.standardNormal
        // python3 Tests/LeastSquaresTests/Fixtures/reference-scripts/distributions.py ziggurat
        // (mpmath, 50 digits): r = 3.6541528853610087716, v = 0.0049286732339746553474
        #expect(relativeError(tables.tailStart, 3.6541528853610087716) < 1e-14)
        #expect(relativeError(tables.layerArea, 0.0049286732339746553474) < 1e-14)
        // Every rectangle above the base has area v: x_i (f(x_{i+1}) − f(x_i)) with x_i = scale · 2⁵³.
        for i in 1..<256 {
            let width = tables.layers[i].scale * 0x1p53
            let area = width * (tables.heights[i + 1] - tables.heights[i])
            #expect(relativeError(area, tables.layerArea) < 1e-9, "layer \(i)")
        }
        #expect(tables.heights[256] == 1)
        #expect(tables.layers[255].threshold == 0)
    }
}
