import Foundation

/// The beta distribution (R's `pbeta`, `qbeta`), used by the Korn–Graubard proportion interval.
public struct BetaDistribution: Sendable {
    public let alpha: Double
    public let beta: Double

    public init(alpha: Double, beta: Double) {
        precondition(alpha > 0 && beta > 0, "beta needs positive shape parameters")
        self.alpha = alpha
        self.beta = beta
    }

    public func density(_ x: Double) -> Double {
        guard x > 0, x < 1 else { return 0 }
        return exp((alpha - 1) * log(x) + (beta - 1) * log1p(-x) - DistributionMath.logBeta(alpha, beta))
    }

    public func cdf(_ x: Double, lowerTail: Bool = true) -> Double {
        let tails = DistributionMath.incompleteBeta(a: alpha, b: beta, x: x, y: 1 - x)
        return lowerTail ? tails.lower : tails.upper
    }

    public func quantile(_ p: Double, lowerTail: Bool = true) -> Double {
        let lower = lowerTail ? p : 1 - p
        return DistributionMath.invert(
            p: lower, low: 0, high: 1, start: alpha / (alpha + beta),
            cdf: { (cdf($0), cdf($0, lowerTail: false)) },
            density: density
        )
    }
}
