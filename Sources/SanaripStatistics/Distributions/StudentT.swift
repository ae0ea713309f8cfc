import Foundation

/// Student's t distribution with `degreesOfFreedom` (R's `pt`, `qt`, `dt`); infinite df is the normal.
public struct StudentT: Sendable {
    public let degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0, "t needs positive degrees of freedom")
        self.degreesOfFreedom = degreesOfFreedom
    }

    public func density(_ t: Double) -> Double {
        let nu = degreesOfFreedom
        if nu.isInfinite { return NormalDistribution.density(t) }
        let constant: Double = lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * log(nu * Double.pi)
        let kernel: Double = -(nu + 1) / 2 * log1p(t * t / nu)
        return exp(constant + kernel)
    }

    /// P(T ≤ t), or P(T > t) when `lowerTail` is false; I_{ν/(ν+t²)}(ν/2, 1/2)/2 is the far tail.
    public func cdf(_ t: Double, lowerTail: Bool = true) -> Double {
        let nu = degreesOfFreedom
        if nu.isInfinite { return NormalDistribution.cdf(t, lowerTail: lowerTail) }
        if t.isInfinite { return (t > 0) == lowerTail ? 1 : 0 }
        let t2 = t * t
        let farTail = 0.5 * DistributionMath.incompleteBeta(a: nu / 2, b: 0.5, x: nu / (nu + t2), y: t2 / (nu + t2)).lower
        return (t > 0) == lowerTail ? 1 - farTail : farTail
    }

    public func quantile(_ p: Double, lowerTail: Bool = true) -> Double {
        if degreesOfFreedom.isInfinite { return NormalDistribution.quantile(p, lowerTail: lowerTail) }
        let lower = lowerTail ? p : 1 - p
        if lower == 0.5 { return 0 }
        let z = NormalDistribution.quantile(lower)
        return DistributionMath.invert(
            p: lower, low: -.infinity, high: .infinity, start: z,
            cdf: { (cdf($0), cdf($0, lowerTail: false)) },
            density: density
        )
    }
}
