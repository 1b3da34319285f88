/// SplitMix64 (Steele, Lea & Flood 2014; `splitmix64.c` by Vigna): a Weyl sequence with increment
/// `⌊2⁶⁴/φ⌋` passed through a bijective 64-bit finalizer. It seeds xoshiro256** (`RandomStream`), and its
/// sequence, which depends only on the state, drives the seeded cases of the tests.
package struct SplitMix64: RandomNumberGenerator {
    package var state: UInt64

    package init(state: UInt64) { self.state = state }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// The finalizer (Stafford's "Mix13" variant of MurmurHash3's), a bijection on 64-bit words.
    package static func mix(_ word: UInt64) -> UInt64 {
        var z = word
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
