import Foundation

/// The chi-square distribution (R's `pchisq`, `qchisq`), through the incomplete gamma.
public struct ChiSquareDistribution: Sendable {
    public let degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0, "chi-square needs positive degrees of freedom")
        self.degreesOfFreedom = degreesOfFreedom
    }

    public func density(_ x: Double) -> Double {
        guard x > 0 else { return 0 }
        let k = degreesOfFreedom / 2
        let logDensity: Double = (k - 1) * log(x) - x / 2 - k * log(2.0) - lgamma(k)
        return exp(logDensity)
    }

    public func cdf(_ x: Double, lowerTail: Bool = true) -> Double {
        let tails = DistributionMath.incompleteGamma(a: degreesOfFreedom / 2, x: x / 2)
        return lowerTail ? tails.lower : tails.upper
    }

    public func quantile(_ p: Double, lowerTail: Bool = true) -> Double {
        let lower = lowerTail ? p : 1 - p
        return DistributionMath.invert(
            p: lower, low: 0, high: .infinity, start: degreesOfFreedom,
            cdf: { (cdf($0), cdf($0, lowerTail: false)) },
            density: density
        )
    }
}
