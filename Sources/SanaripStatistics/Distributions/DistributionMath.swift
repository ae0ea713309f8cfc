import Foundation

/// Special functions behind the distributions: regularized incomplete beta and gamma, and a
/// safeguarded Newton inversion of a tail probability.
enum DistributionMath {
    /// log B(a, b); for large arguments Stirling's series written so the large terms cancel analytically.
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        let large = max(a, b), small = min(a, b)
        if large < 10 { return lgamma(a) + lgamma(b) - lgamma(a + b) }
        let sum = large + small
        if small < 10 {
            // lgamma(large) − lgamma(large + small) without forming either.
            let difference = -(large - 0.5) * log1p(small / large) - small * log(sum) + small + stirlingCorrection(large) - stirlingCorrection(sum)
            return lgamma(small) + difference
        }
        return 0.5 * log(2 * Double.pi) + (large - 0.5) * log(large / sum) + (small - 0.5) * log(small / sum) - 0.5 * log(sum)
            + stirlingCorrection(large) + stirlingCorrection(small) - stirlingCorrection(sum)
    }

    /// lgamma(x) − [(x − ½)log x − x + ½ log 2π] for x ≥ 10.
    private static func stirlingCorrection(_ x: Double) -> Double {
        let inverse = 1 / x, inverse2 = inverse * inverse
        return inverse * (1.0 / 12 - inverse2 * (1.0 / 360 - inverse2 * (1.0 / 1260 - inverse2 * (1.0 / 1680 - inverse2 / 1188))))
    }

    /// Regularized incomplete beta I_x(a, b) and its complement, with `y = 1 − x` given exactly by the caller.
    /// Continued fraction (modified Lentz) on the side where it converges fast.
    static func incompleteBeta(a: Double, b: Double, x: Double, y: Double) -> (lower: Double, upper: Double) {
        if x <= 0 { return (0, 1) }
        if y <= 0 { return (1, 0) }
        let logFront = a * log(x) + b * log(y) - logBeta(a, b)
        if x < (a + 1) / (a + b + 2) {
            let lower = exp(logFront) * betaFraction(a: a, b: b, x: x) / a
            return (lower, 1 - lower)
        }
        let upper = exp(logFront) * betaFraction(a: b, b: a, x: y) / b
        return (1 - upper, upper)
    }

    private static func betaFraction(a: Double, b: Double, x: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...100_000 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }

    /// Regularized incomplete gamma P(a, x) and Q(a, x): series below a + 1, continued fraction above.
    static func incompleteGamma(a: Double, x: Double) -> (lower: Double, upper: Double) {
        if x <= 0 { return (0, 1) }
        if x.isInfinite { return (1, 0) }
        let logFront = a * log(x) - x - lgamma(a)
        if x < a + 1 {
            var term = 1 / a, sum = term, ap = a
            for _ in 0..<100_000 {
                ap += 1
                term *= x / ap
                sum += term
                if abs(term) < abs(sum) * 1e-17 { break }
            }
            let lower = sum * exp(logFront)
            return (lower, 1 - lower)
        }
        let tiny = 1e-300
        var b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d
        for i in 1...100_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        let upper = exp(logFront) * h
        return (1 - upper, upper)
    }

    /// The x in [low, high] whose lower-tail probability is `p`: Newton on the log of the smaller tail,
    /// falling back to bisection (geometric on an infinite side) whenever a step leaves the bracket.
    static func invert(
        p: Double,
        low: Double,
        high: Double,
        start: Double,
        cdf: (Double) -> (lower: Double, upper: Double),
        density: (Double) -> Double
    ) -> Double {
        if p <= 0 { return low }
        if p >= 1 { return high }
        let useLower = p <= 0.5
        let target = useLower ? p : 1 - p
        let logTarget = log(target)
        var lo = low, hi = high
        var x = min(max(start, low), high)
        if !(x > lo && x < hi) { x = hi.isFinite ? (lo.isFinite ? (lo + hi) / 2 : hi - 1) : (lo.isFinite ? lo + 1 : 0) }
        for _ in 0..<400 {
            let tails = cdf(x)
            let lowerTail = tails.lower
            let tail = useLower ? tails.lower : tails.upper
            if tail == target { return x }
            if (useLower ? lowerTail < p : tails.upper > target) { lo = x } else { hi = x }
            let f = density(x)
            var next = Double.nan
            if f > 0, tail > 0 {
                let slope = (useLower ? f : -f) / tail
                next = x - (log(tail) - logTarget) / slope
            }
            if !(next > lo && next < hi) {
                if lo.isFinite && hi.isFinite {
                    next = (lo + hi) / 2
                } else if hi.isInfinite {
                    next = x <= 0 ? (x == 0 ? 1 : x / 2) : x * 2
                    if next <= lo { next = lo <= 0 ? 1 : lo * 2 }
                } else {
                    next = x >= 0 ? (x == 0 ? -1 : x / 2) : x * 2
                    if next >= hi { next = hi >= 0 ? -1 : hi * 2 }
                }
            }
            if abs(next - x) <= 4e-16 * abs(x) || next == x { return next }
            if lo.isFinite, hi.isFinite, hi - lo <= 2e-16 * max(abs(lo), abs(hi)) { return next }
            x = next
        }
        return x
    }
}
