/// A source of uniform numbers in [0, 1) that the selection algorithms draw from.
///
/// The algorithms take this protocol rather than `RandomNumberGenerator` so that tests can replay
/// the exact uniforms R drew (`set.seed(1); runif(n)`) and compare selections one to one.
public protocol UniformSource {
    /// The next number, uniform on [0, 1).
    mutating func nextUniform() -> Double
}

/// A portable, seeded pseudo-random generator: xoshiro256** seeded through SplitMix64.
///
/// The same seed gives the same stream on every platform and Swift version (unlike
/// `SystemRandomNumberGenerator` or the standard library's unspecified algorithms), so a sample
/// drawn with seed `S` can be redrawn and audited by anyone. Uniforms use the top 53 bits.
public struct SeededGenerator: RandomNumberGenerator, UniformSource, Sendable, Hashable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// Creates a generator whose whole stream is determined by `seed`.
    public init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound` without modulo bias (Lemire's method).
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0)
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.state.0 == rhs.state.0 && lhs.state.1 == rhs.state.1 && lhs.state.2 == rhs.state.2 && lhs.state.3 == rhs.state.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(state.0); hasher.combine(state.1); hasher.combine(state.2); hasher.combine(state.3)
    }
}
