/// First-order inclusion probabilities proportional to size, with certainty units.
///
/// π_i = n·x_i / Σx. Units whose π reaches 1 are taken with certainty (π = 1) and the remaining
/// n − c selections are spread over the other units in proportion to size; this repeats until no
/// new unit reaches 1. Zero sizes get π = 0. The arithmetic follows R `sampling::inclusionprobabilities`
/// step by step, so results agree with it to rounding (tested to 1e-12).
public enum InclusionProbabilities {
    /// Inclusion probabilities for a sample of `sampleSize` units from units of the given sizes.
    ///
    /// - Parameters:
    ///   - sizes: the size measure x_i of each unit (population, households, …); finite and ≥ 0.
    ///   - sampleSize: n, at most the number of units with a positive size.
    /// - Returns: π_i in the order of `sizes`; Σπ_i = n.
    public static func compute(sizes: [Double], sampleSize n: Int) throws(SamplingError) -> [Double] {
        for (index, x) in sizes.enumerated() where !(x.isFinite && x >= 0) {
            throw .invalidSize(index: index, value: x)
        }
        guard n >= 0 else { throw .invalidParameter(name: "sample size", requirement: "must be ≥ 0") }
        let positive = sizes.indices.filter { sizes[$0] > 0 }
        guard n <= positive.count else { throw .sampleTooLarge(requested: n, available: positive.count, stratum: nil) }
        let total = sizes.reduce(0, +)
        guard total > 0 else { return sizes.map { _ in 0 } }
        let nn = Double(n)
        var pik1 = sizes.map { nn * $0 / total }
        var pik = positive.map { pik1[$0] }
        var certain = pik.map { $0 >= 1 }
        var l = certain.count { $0 }
        if l > 0 {
            var l1 = 0
            while l != l1 {
                var sum = 0.0
                for i in pik.indices where !certain[i] { sum += pik[i] }
                for i in pik.indices {
                    pik[i] = certain[i] ? 1 : (nn - Double(l)) * (pik[i] / sum)
                }
                l1 = l
                certain = pik.map { $0 >= 1 }
                l = certain.count { $0 }
            }
            for (k, i) in positive.enumerated() { pik1[i] = pik[k] }
        }
        return pik1
    }
}
