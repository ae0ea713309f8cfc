import Foundation

/// The number of completed interviews — and of units to issue — needed to estimate a proportion or a mean
/// with a given margin of error, with every factor kept so it can be shown to the methodologist.
///
/// n₀ = z²·p(1 − p)/e² (proportion) or z²·S²/e² (mean), z = Φ⁻¹(1 − α/2);
/// n₁ = n₀ · deff, deff given or 1 + (m̄ − 1)·ρ (clusters of m̄ interviews, intra-class correlation ρ),
/// times the weighting design effect 1 + CV²_w;
/// n₂ = n₁ / (1 + (n₁ − 1)/N) when the population size N is known;
/// issued = n₂ / (response rate · eligibility rate). Interviews and issued units are rounded up.
public struct SampleSize: Sendable, Hashable {
    /// What is estimated.
    public enum Estimate: Sendable, Hashable {
        /// A proportion, with the anticipated value p (0.5 is the safe choice).
        case proportion(Double)
        /// A mean, with the anticipated population standard deviation S.
        case mean(standardDeviation: Double)
    }

    /// The design effect due to clustering.
    public enum DesignEffect: Sendable, Hashable {
        case given(Double)
        /// 1 + (m̄ − 1)·ρ for m̄ interviews per cluster and intra-class correlation ρ.
        case clustering(clusterSize: Double, intraclassCorrelation: Double)

        public var value: Double {
            switch self {
            case let .given(deff): deff
            case let .clustering(m, rho): 1 + (m - 1) * rho
            }
        }
    }

    public var estimate: Estimate
    /// The half-width e of the confidence interval, in the units of the estimate (0.05 = ±5 points).
    public var marginOfError: Double
    public var confidenceLevel: Double
    public var designEffect: DesignEffect
    /// 1 + CV² of the expected weights (Kish); 1 when weights are about equal.
    public var weightingEffect: Double
    /// N, the population (or domain) size, for the finite-population correction; nil to ignore it.
    public var populationSize: Double?
    public var responseRate: Double
    public var eligibilityRate: Double

    public init(
        estimate: Estimate, marginOfError: Double, confidenceLevel: Double = 0.95,
        designEffect: DesignEffect = .given(1), weightingEffect: Double = 1, populationSize: Double? = nil,
        responseRate: Double = 1, eligibilityRate: Double = 1
    ) {
        self.estimate = estimate
        self.marginOfError = marginOfError
        self.confidenceLevel = confidenceLevel
        self.designEffect = designEffect
        self.weightingEffect = weightingEffect
        self.populationSize = populationSize
        self.responseRate = responseRate
        self.eligibilityRate = eligibilityRate
    }

    /// Every factor of the computation, in order.
    public struct Result: Sendable, Hashable {
        public var z: Double
        /// p(1 − p) or S².
        public var variance: Double
        public var simpleRandom: Double
        public var designEffect: Double
        public var weightingEffect: Double
        public var afterDesignEffect: Double
        public var finitePopulationFactor: Double
        public var afterFinitePopulation: Double
        public var interviews: Int
        public var issued: Int
    }

    /// Computes n, or throws naming the parameter out of range.
    public func compute() throws(SamplingError) -> Result {
        guard marginOfError > 0 else { throw .invalidParameter(name: "margin of error", requirement: "must be > 0") }
        guard confidenceLevel > 0, confidenceLevel < 1 else { throw .invalidParameter(name: "confidence level", requirement: "must be between 0 and 1 (e.g. 0.95)") }
        guard designEffect.value > 0 else { throw .invalidParameter(name: "design effect", requirement: "must be > 0") }
        guard weightingEffect >= 1 else { throw .invalidParameter(name: "weighting effect", requirement: "must be ≥ 1 (it is 1 + CV² of the weights)") }
        for (name, rate) in [("response rate", responseRate), ("eligibility rate", eligibilityRate)] where !(rate > 0 && rate <= 1) {
            throw .invalidParameter(name: name, requirement: "must be in (0, 1]")
        }
        let variance: Double
        switch estimate {
        case let .proportion(p):
            guard p > 0, p < 1 else { throw .invalidParameter(name: "anticipated proportion", requirement: "must be between 0 and 1") }
            variance = p * (1 - p)
        case let .mean(s):
            guard s > 0 else { throw .invalidParameter(name: "standard deviation", requirement: "must be > 0") }
            variance = s * s
        }
        if let N = populationSize, !(N >= 1) { throw .invalidParameter(name: "population size", requirement: "must be ≥ 1") }
        let z = NormalDistribution.quantile(1 - (1 - confidenceLevel) / 2)
        let n0 = z * z * variance / (marginOfError * marginOfError)
        let deff = designEffect.value
        let n1 = n0 * deff * weightingEffect
        let factor = populationSize.map { 1 / (1 + (n1 - 1) / $0) } ?? 1
        let n2 = n1 * factor
        let interviews = Int((n2 - 1e-9).rounded(.up))
        let issued = Int((Double(interviews) / (responseRate * eligibilityRate) - 1e-9).rounded(.up))
        return Result(
            z: z, variance: variance, simpleRandom: n0, designEffect: deff, weightingEffect: weightingEffect,
            afterDesignEffect: n1, finitePopulationFactor: factor, afterFinitePopulation: n2,
            interviews: interviews, issued: issued)
    }

    /// A reporting domain (e.g. rural women 15–28) with its own requirement and its share of the sample.
    public struct Domain: Sendable, Hashable {
        public var name: String
        public var requirement: SampleSize
        /// The domain's expected share of interviews (its population share under proportional allocation), in (0, 1].
        public var share: Double

        public init(name: String, requirement: SampleSize, share: Double) {
            self.name = name
            self.requirement = requirement
            self.share = share
        }
    }

    /// The total driven by the most demanding domain: max over domains of ⌈interviews_d / share_d⌉.
    public struct DomainPlan: Sendable, Hashable {
        public var names: [String]
        public var results: [Result]
        /// The total interviews each domain alone would need.
        public var totals: [Int]
        public var drivingDomain: String
        public var interviews: Int
        public var issued: Int
    }

    /// Sizes every domain and returns the total the smallest (most demanding) domain implies.
    public static func plan(domains: [Domain]) throws(SamplingError) -> DomainPlan {
        guard !domains.isEmpty else { throw .invalidParameter(name: "domains", requirement: "must not be empty") }
        var results: [Result] = [], totals: [Int] = []
        var issuedMax = 0
        for domain in domains {
            guard domain.share > 0, domain.share <= 1 else {
                throw .invalidParameter(name: "share of domain '\(domain.name)'", requirement: "must be in (0, 1]")
            }
            let result = try domain.requirement.compute()
            results.append(result)
            totals.append(Int((Double(result.interviews) / domain.share - 1e-9).rounded(.up)))
            issuedMax = max(issuedMax, Int((Double(result.issued) / domain.share - 1e-9).rounded(.up)))
        }
        let driving = totals.indices.max { totals[$0] < totals[$1] }!
        return DomainPlan(
            names: domains.map(\.name), results: results, totals: totals,
            drivingDomain: domains[driving].name, interviews: totals[driving], issued: issuedMax)
    }
}
