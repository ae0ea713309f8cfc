import Foundation

/// Allocation of a total sample size n across strata, with bounds per stratum and integer rounding that keeps n.
///
/// Shares: proportional N_h/N; equal 1/H; Neyman N_h·S_h/Σ N_h·S_h; power N_h^q/Σ N_h^q (Bankier 1988:
/// q = 1 is proportional, q = 0 equal, q ≈ 0.5 a compromise between national and stratum precision).
/// Bounds: every stratum gets at least `minimum` and at most `maximum` units and never more than N_h;
/// strata that hit a bound are fixed there and the rest of n is re-shared among the others, until no
/// bound is violated. Rounding: largest remainders (Hamilton), so the integers sum to n exactly; ties go
/// to the stratum listed first.
public struct Allocation: Sendable, Hashable {
    /// How n is shared before bounds and rounding.
    public enum Method: Sendable, Hashable {
        case proportional
        case equal
        /// Needs `standardDeviations`, one per stratum.
        case neyman
        /// n_h ∝ N_h^q, 0 ≤ q ≤ 1.
        case power(Double)
    }

    /// A stratum: its name, population size N_h and (for Neyman) its standard deviation S_h.
    public struct Stratum: Sendable, Hashable {
        public var name: String
        public var populationSize: Double
        public var standardDeviation: Double?

        public init(name: String, populationSize: Double, standardDeviation: Double? = nil) {
            self.name = name
            self.populationSize = populationSize
            self.standardDeviation = standardDeviation
        }
    }

    /// The result: the exact (real) allocation after bounds and its rounded version.
    public var strata: [Stratum]
    public var exact: [Double]
    public var sizes: [Int]

    /// Allocates `total` units across `strata`.
    ///
    /// - Parameters:
    ///   - minimum: lower bound per stratum (capped at N_h); e.g. 2 so every stratum supports a variance estimate.
    ///   - maximum: upper bound per stratum (in addition to N_h).
    /// - Throws: when n cannot be reached within the bounds, or a stratum lacks what the method needs.
    public static func allocate(
        total n: Int, strata: [Stratum], method: Method, minimum: Int = 0, maximum: Int? = nil
    ) throws(SamplingError) -> Allocation {
        guard !strata.isEmpty else { throw .invalidParameter(name: "strata", requirement: "must not be empty") }
        guard n >= 0 else { throw .invalidParameter(name: "total sample size", requirement: "must be ≥ 0") }
        var measure: [Double] = []
        for stratum in strata {
            guard stratum.populationSize.isFinite, stratum.populationSize >= 0 else {
                throw .invalidParameter(name: "population size of stratum '\(stratum.name)'", requirement: "must be ≥ 0")
            }
            let N = stratum.populationSize
            switch method {
            case .proportional: measure.append(N)
            case .equal: measure.append(N > 0 ? 1 : 0)
            case .neyman:
                guard let s = stratum.standardDeviation, s.isFinite, s >= 0 else {
                    throw .invalidParameter(name: "standard deviation of stratum '\(stratum.name)'", requirement: "is needed for Neyman allocation (≥ 0)")
                }
                measure.append(N * s)
            case let .power(q):
                guard q >= 0, q <= 1 else { throw .invalidParameter(name: "power q", requirement: "must be in [0, 1]") }
                measure.append(N > 0 ? pow(N, q) : 0)
            }
        }
        let upper = strata.map { s -> Double in
            let cap = s.populationSize.rounded(.down)
            return maximum.map { min(Double($0), cap) } ?? cap
        }
        let lower = upper.map { min(Double(minimum), $0) }
        guard Double(n) <= upper.reduce(0, +) + 1e-9 else {
            throw .invalidParameter(name: "total sample size \(n)", requirement: "exceeds what the strata can take (\(Int(upper.reduce(0, +))) with the maximum and N_h)")
        }
        guard Double(n) >= lower.reduce(0, +) - 1e-9 else {
            throw .invalidParameter(name: "total sample size \(n)", requirement: "is below the sum of the minimums (\(Int(lower.reduce(0, +))))")
        }
        let exact = boundedShares(total: Double(n), measure: measure, lower: lower, upper: upper)
        let sizes = roundKeepingTotal(exact, total: n, upper: upper)
        return Allocation(strata: strata, exact: exact, sizes: sizes)
    }

    static func boundedShares(total: Double, measure: [Double], lower: [Double], upper: [Double]) -> [Double] {
        var fixed = [Double?](repeating: nil, count: measure.count)
        while true {
            let free = measure.indices.filter { fixed[$0] == nil }
            let remaining = total - fixed.compactMap { $0 }.reduce(0, +)
            let mass = free.reduce(0.0) { $0 + measure[$1] }
            var share = [Double](repeating: 0, count: measure.count)
            for i in free {
                share[i] = mass > 0 ? remaining * measure[i] / mass : remaining / Double(free.count)
            }
            let over = free.filter { share[$0] > upper[$0] + 1e-12 }
            let under = free.filter { share[$0] < lower[$0] - 1e-12 }
            if over.isEmpty && under.isEmpty {
                return measure.indices.map { fixed[$0] ?? share[$0] }
            }
            let excess = over.reduce(0.0) { $0 + share[$1] - upper[$1] }
            let deficit = under.reduce(0.0) { $0 + lower[$1] - share[$1] }
            if excess >= deficit {
                for i in over { fixed[i] = upper[i] }
            } else {
                for i in under { fixed[i] = lower[i] }
            }
        }
    }

    static func roundKeepingTotal(_ exact: [Double], total: Int, upper: [Double]) -> [Int] {
        var sizes = exact.map { Int(($0 + 1e-9).rounded(.down)) }
        var missing = total - sizes.reduce(0, +)
        let order = exact.indices.sorted { a, b in
            let ra = exact[a] - Double(sizes[a]), rb = exact[b] - Double(sizes[b])
            return ra != rb ? ra > rb : a < b
        }
        while missing > 0 {
            var progressed = false
            for i in order where missing > 0 && Double(sizes[i] + 1) <= upper[i] + 1e-9 {
                sizes[i] += 1
                missing -= 1
                progressed = true
            }
            if !progressed { break }
        }
        return sizes
    }
}
