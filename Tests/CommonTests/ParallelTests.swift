import Common
import Foundation
import Testing

@Suite("Parallel map")
struct ParallelTests {
    @Test("every index once, in order, for any number of threads", arguments: [1, 2, 3, 7, 64])
    func mapCoversEveryIndex(threads: Int) {
        let squares = Parallel.map(1000, threads: threads) { i in i * i }
        #expect(squares == (0..<1000).map { $0 * $0 })
    }

    @Test("results that own memory (arrays) survive the workers")
    func mapOfArrays() {
        let rows = Parallel.map(257, threads: 4) { i in [Double](repeating: Double(i), count: i % 5) }
        #expect(rows.count == 257)
        #expect(rows.enumerated().allSatisfy { i, row in row.count == i % 5 && row.allSatisfy { $0 == Double(i) } })
    }

    @Test("no work for no indices")
    func empty() {
        #expect(Parallel.map(0) { $0 }.isEmpty)
    }

    @Test("disjoint writes from many workers land where they are aimed")
    func disjointWrites() {
        var out = [Int](repeating: -1, count: 10_000)
        out.withUnsafeMutableBufferPointer { buffer in
            let shared = DisjointWrites(buffer)
            Parallel.forEach(100, threads: 8) { block in
                for i in stride(from: block, to: 10_000, by: 100) { shared[i] = i * 3 }
            }
        }
        #expect(out == (0..<10_000).map { $0 * 3 })
    }
}

@Suite("Compound growth")
struct CompoundGrowthTests {
    @Test("a doubling in five years is 2^(1/5) − 1 a year, and projecting it back gives the double")
    func doubling() {
        let g = CompoundGrowth.rate(from: 100, to: 200, years: 5)
        #expect(abs(g - 0.148698354997035) < 1e-14)   // 2^(1/5) − 1, by hand: 1.148698354997035
        #expect(abs(CompoundGrowth.project(100, rate: g, years: 5) - 200) < 1e-11)
    }

    @Test("no rate between non-positive values")
    func undefined() {
        #expect(CompoundGrowth.rate(from: 0, to: 1, years: 3).isNaN)
        #expect(CompoundGrowth.rate(from: 1, to: 2, years: 0).isNaN)
    }

    @Test("flows growing 10% from 100 over three years sum to 110 + 121 + 133.1")
    func flows() {
        #expect(abs(CompoundGrowth.cumulativeFlows(from: 100, rate: 0.1, years: 3) - 364.1) < 1e-10)
    }
}
