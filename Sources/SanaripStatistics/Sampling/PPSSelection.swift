/// Without-replacement selection with unequal inclusion probabilities π_i (fixed size n = Σπ_i).
///
/// Units with π_i ≥ 1 − ε are always selected and units with π_i ≤ ε never (ε = 1e-6, as in R
/// `sampling`); the methods below apply to the rest. All three respect the π_i exactly:
/// - ``Method/systematic``: one uniform start u; unit i is selected when the cumulated π crosses
///   u, u + 1, …  Fast and simple, but some joint probabilities π_ij are 0 (no unbiased
///   Horvitz–Thompson variance); the order of the list is an implicit stratification.
/// - ``Method/brewer``: Brewer's draw-by-draw method, n draws with changing probabilities; π_ij > 0.
/// - ``Method/sampford``: Sampford's rejective method (first draw ∝ π_i, the other n − 1 with
///   replacement ∝ π_i/(1 − π_i), accepted when all distinct); π_ij > 0 and known exactly. Needs
///   many attempts when the sampling fraction is high.
public enum PPSSelection {
    /// A without-replacement unequal-probability method.
    public enum Method: String, Sendable, Hashable, CaseIterable {
        case systematic, brewer, sampford
    }

    /// Inclusion probabilities closer than this to 0 or 1 are treated as 0 or 1 (R `sampling`'s `eps`).
    public static let epsilon = 1e-6

    /// Selects a sample; returns the selected indices into `probabilities` in ascending order.
    ///
    /// Σπ_i must be an integer (to 1e-6): it is the sample size.
    public static func select(
        probabilities pik: [Double], method: Method, using source: inout some UniformSource
    ) throws(SamplingError) -> [Int] {
        let flags: [Bool]
        switch method {
        case .systematic: flags = try systematicFlags(pik, start: source.nextUniform())
        case .brewer: flags = try brewerFlags(pik, using: &source)
        case .sampford: flags = try sampfordFlags(pik, using: &source)
        }
        return flags.indices.filter { flags[$0] }
    }

    /// Systematic PPS with a given start u ∈ [0, 1) (R `UPsystematic` with `runif(1)` = u).
    ///
    /// Exposed so a selection can be reproduced from its recorded start.
    public static func systematicFlags(_ pik: [Double], start u: Double) throws(SamplingError) -> [Bool] {
        try validate(pik)
        var flags = pik.map { $0 >= 1 - epsilon }
        var previous = (0 - u).truncatingRemainder(dividingBy: 1)
        if previous < 0 { previous += 1 }
        var cumulative = 0.0
        for i in pik.indices where pik[i] > epsilon && pik[i] < 1 - epsilon {
            cumulative += pik[i]
            var next = (cumulative - u).truncatingRemainder(dividingBy: 1)
            if next < 0 { next += 1 }
            flags[i] = previous > next
            previous = next
        }
        return flags
    }

    static func brewerFlags(_ pik: [Double], using source: inout some UniformSource) throws(SamplingError) -> [Bool] {
        try validate(pik)
        var flags = pik.map { $0 >= 1 - epsilon }
        let inner = pik.indices.filter { pik[$0] > epsilon && pik[$0] < 1 - epsilon }
        let p = inner.map { pik[$0] }
        let n = p.reduce(0, +)
        let draws = Int(n.rounded())
        var taken = [Bool](repeating: false, count: p.count)
        var probability = [Double](repeating: 0, count: p.count)
        var a = 0.0
        for i in stride(from: 1, through: draws, by: 1) {
            let remaining = n - a
            var sum = 0.0
            for j in p.indices {
                probability[j] = taken[j] ? 0 : p[j] * (remaining - p[j]) / (remaining - p[j] * (n - Double(i) + 1))
                sum += probability[j]
            }
            let u = source.nextUniform()
            var cumulative = 0.0
            var chosen = p.count - 1
            for j in p.indices {
                cumulative += probability[j] / sum
                if u < cumulative { chosen = j; break }
            }
            taken[chosen] = true
            a += p[chosen]
        }
        for (k, i) in inner.enumerated() where taken[k] { flags[i] = true }
        return flags
    }

    static func sampfordFlags(
        _ pik: [Double], using source: inout some UniformSource, maxAttempts: Int = 100_000
    ) throws(SamplingError) -> [Bool] {
        try validate(pik)
        var flags = pik.map { $0 >= 1 - epsilon }
        let inner = pik.indices.filter { pik[$0] > epsilon && pik[$0] < 1 - epsilon }
        let p = inner.map { pik[$0] }
        let draws = Int(p.reduce(0, +).rounded())
        guard draws > 0 else { return flags }
        let first = cumulativeDistribution(p)
        let rest = cumulativeDistribution(p.map { $0 / (1 - $0) })
        var taken = [Bool](repeating: false, count: p.count)
        for _ in 0..<maxAttempts {
            for j in taken.indices { taken[j] = false }
            taken[draw(from: first, u: source.nextUniform())] = true
            var accepted = true
            for _ in 1..<draws {
                let j = draw(from: rest, u: source.nextUniform())
                if taken[j] { accepted = false; break }
                taken[j] = true
            }
            if accepted {
                for (k, i) in inner.enumerated() where taken[k] { flags[i] = true }
                return flags
            }
        }
        throw .sampfordDidNotAccept(attempts: maxAttempts)
    }

    private static func cumulativeDistribution(_ weights: [Double]) -> [Double] {
        let total = weights.reduce(0, +)
        var running = 0.0
        return weights.map { running += $0 / total; return running }
    }

    private static func draw(from cumulative: [Double], u: Double) -> Int {
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if u < cumulative[mid] { high = mid } else { low = mid + 1 }
        }
        return low
    }

    @discardableResult
    private static func validate(_ pik: [Double]) throws(SamplingError) -> Int {
        for (index, p) in pik.enumerated() where !(p.isFinite && p >= 0 && p <= 1 + epsilon) {
            throw .invalidParameter(name: "inclusion probability of unit \(index + 1)", requirement: "is \(p); it must be in [0, 1]")
        }
        let n = pik.reduce(0, +)
        guard abs(n - n.rounded()) < epsilon else {
            throw .invalidParameter(name: "sum of inclusion probabilities", requirement: "is \(n); it must be a whole number (the sample size)")
        }
        return Int(n.rounded())
    }
}
