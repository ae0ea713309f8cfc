/// Equal-probability selection of n units from a list of N (households from a listing, a random-walk start).
///
/// Both designs give every unit π = n/N.
public enum EqualProbabilitySelection {
    /// Simple random sampling without replacement: returns n distinct indices in `0..<N`, ascending.
    ///
    /// Uses a partial Fisher–Yates shuffle with ``SeededGenerator/nextInt(below:)``, so a seed fixes the sample.
    public static func simpleRandom(populationSize N: Int, sampleSize n: Int, using generator: inout SeededGenerator) throws(SamplingError) -> [Int] {
        try check(N: N, n: n)
        var indices = Array(0..<N)
        for i in 0..<n {
            let j = i + generator.nextInt(below: N - i)
            indices.swapAt(i, j)
        }
        return indices[0..<n].sorted()
    }

    /// Systematic sampling with a fractional interval k = N/n and start r = u·k, u uniform on [0, 1):
    /// the units at positions ⌊r + j·k⌋, j = 0…n − 1 (0-based, in list order).
    public static func systematic(populationSize N: Int, sampleSize n: Int, start u: Double) throws(SamplingError) -> [Int] {
        try check(N: N, n: n)
        guard n > 0 else { return [] }
        let k = Double(N) / Double(n)
        return (0..<n).map { j in min(N - 1, Int((u * k + Double(j) * k).rounded(.down))) }
    }

    private static func check(N: Int, n: Int) throws(SamplingError) {
        guard N >= 0, n >= 0 else { throw .invalidParameter(name: "population and sample sizes", requirement: "must be ≥ 0") }
        guard n <= N else { throw .sampleTooLarge(requested: n, available: N, stratum: nil) }
    }
}
