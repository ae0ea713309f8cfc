import Foundation

/// Snedecor's F distribution (R's `pf`, `qf`, `df`), through the incomplete beta.
public struct FDistribution: Sendable {
    public let numeratorDF: Double
    public let denominatorDF: Double

    public init(numeratorDF: Double, denominatorDF: Double) {
        precondition(numeratorDF > 0 && denominatorDF > 0, "F needs positive degrees of freedom")
        self.numeratorDF = numeratorDF
        self.denominatorDF = denominatorDF
    }

    public func density(_ f: Double) -> Double {
        guard f > 0 else { return 0 }
        let d1 = numeratorDF, d2 = denominatorDF
        let x = d1 * f / (d1 * f + d2)
        let logBetaDensity = (d1 / 2 - 1) * log(x) + (d2 / 2 - 1) * log(d2 / (d1 * f + d2)) - DistributionMath.logBeta(d1 / 2, d2 / 2)
        return exp(logBetaDensity) * d1 * d2 / ((d1 * f + d2) * (d1 * f + d2))
    }

    public func cdf(_ f: Double, lowerTail: Bool = true) -> Double {
        guard f > 0 else { return lowerTail ? 0 : 1 }
        if f.isInfinite { return lowerTail ? 1 : 0 }
        let d1 = numeratorDF, d2 = denominatorDF
        let tails = DistributionMath.incompleteBeta(a: d1 / 2, b: d2 / 2, x: d1 * f / (d1 * f + d2), y: d2 / (d1 * f + d2))
        return lowerTail ? tails.lower : tails.upper
    }

    public func quantile(_ p: Double, lowerTail: Bool = true) -> Double {
        let lower = lowerTail ? p : 1 - p
        return DistributionMath.invert(
            p: lower, low: 0, high: .infinity, start: 1,
            cdf: { (cdf($0), cdf($0, lowerTail: false)) },
            density: density
        )
    }
}
