import Common
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A seeded, reproducible random number generator for Monte Carlo, with independent numbered streams.
///
/// The generator is xoshiro256** 1.0 (Blackman & Vigna, "Scrambled linear pseudorandom number
/// generators", ACM TOMS 47(4), 2021; reference code `xoshiro256starstar.c` at prng.di.unimi.it):
/// 256 bits of state, period 2²⁵⁶ − 1, about 1 ns per 64-bit output, and it passes BigCrush and
/// PractRand. Its state is seeded, as its authors recommend, from SplitMix64 (Steele, Lea & Flood,
/// "Fast splittable pseudorandom number generators", OOPSLA 2014): word `i` is the SplitMix64 finalizer
/// applied to (SplitMix64 output `i` of `seed`) XOR `stream`. For one seed the map from stream number to
/// state is one-to-one, so streams never coincide; with a period of 2²⁵⁶ − 1 the chance that two
/// streams of any practical length overlap is negligible (below 2⁻¹⁰⁰ for a million streams of 2⁶⁴
/// draws each). Give each parallel task, scenario or replicate its own `stream`.
///
/// Every output is a pure function of `(seed, stream)` and the number of draws, on every run.
public struct RandomStream: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64
    /// The shared ziggurat, fetched once here so the hot path skips the lazy-global check on each draw.
    @usableFromInline let ziggurat: ZigguratTables

    /// The stream numbered `stream` of the family selected by `seed`.
    public init(seed: UInt64, stream: UInt64) {
        var seeder = SplitMix64(state: seed)
        let words = (0..<4).map { _ in SplitMix64.mix(seeder.next() ^ stream) }
        self.init(state: (words[0], words[1], words[2], words[3]))
    }

    /// A generator with the given xoshiro256** state (not all zero), for reproducing published sequences.
    init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "the xoshiro256** state must not be all zero")
        (s0, s1, s2, s3) = state
        ziggurat = ZigguratTables.standardNormal
    }

    /// The next 64 uniformly distributed bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = Self.rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotateLeft(s3, 45)
        return result
    }

    @inlinable @inline(__always)
    static func rotateLeft(_ word: UInt64, _ count: UInt64) -> UInt64 {
        (word << count) | (word >> (64 - count))
    }

    /// A uniform double in the open interval (0, 1): `(k + ½)/2⁵²` for a uniform 52-bit `k`.
    ///
    /// Never 0 or 1, so `log(u)` and `log(1 − u)` are always finite; the grid is symmetric, so `1 − u`
    /// has the same distribution as `u`.
    @inlinable
    public mutating func nextUniform() -> Double {
        (Double(Int64(bitPattern: next() >> 12)) + 0.5) * 0x1p-52
    }

    /// A standard normal variate, by the ziggurat method of Marsaglia & Tsang (2000).
    ///
    /// One 64-bit draw supplies the layer (8 bits), the sign (1 bit) and the abscissa (53 bits), all
    /// from different bits, avoiding the index/value correlation Doornik (2005) found in the original
    /// 32-bit code. About 99% of draws end after one multiply and one comparison; the rest test the
    /// wedge against `exp(−x²/2)` or draw from the tail beyond `r ≈ 3.654` exactly, by Marsaglia's (1964)
    /// method. See `ZigguratTables` for the construction.
    @inlinable
    public mutating func nextStandardNormal() -> Double {
        ziggurat.sample(using: &self)
    }

    /// Fills `buffer` with independent standard normal variates; the same values, in the same order,
    /// as that many calls of `nextStandardNormal()`.
    public mutating func fillStandardNormal(_ buffer: UnsafeMutableBufferPointer<Double>) {
        let tables = ziggurat
        for index in buffer.indices {
            buffer[index] = tables.sample(using: &self)
        }
    }

    /// Fills the array with independent standard normal variates (its count is kept).
    public mutating func fillStandardNormal(_ buffer: inout [Double]) {
        buffer.withUnsafeMutableBufferPointer { fillStandardNormal($0) }
    }
}
