import Foundation

/// Confidence intervals for a proportion estimated from a complex sample (R's `svyciprop`).
///
/// All use the design variance V of p̂ and t quantiles on the design degrees of freedom `df`:
/// - `logit`: expit(logit p̂ ± t·√V/(p̂(1−p̂))) (R's default, "logit" and "xlogit"); replicate designs use the
///   variance of the logistic intercept refitted in every replicate instead (``logitInterval(logit:logitVariance:degreesOfFreedom:level:)``).
/// - `wald`: p̂ ± t·√V (R's "mean").
/// - `beta`: Korn–Graubard, with effective size n* = p̂(1−p̂)/V·(t_{n−1}/t_df)², the Clopper–Pearson
///   interval [qbeta(α/2; n*p̂, n*(1−p̂)+1), qbeta(1−α/2; n*p̂+1, n*(1−p̂))].
/// - `wilson`: the Wilson score interval on n* = p̂(1−p̂)/V with the t quantile in place of z.
public enum ProportionInterval {
    public enum Method: String, Sendable, CaseIterable {
        case logit, wald, beta, wilson
    }

    /// The interval; `n` is the number of rows behind p̂ (used by `beta`). NaN bounds when undefined.
    public static func interval(
        _ method: Method,
        proportion p: Double,
        variance: Double,
        degreesOfFreedom df: Int,
        n: Int,
        level: Double = 0.95
    ) -> (low: Double, high: Double) {
        let alpha = 1 - level
        guard df > 0 else { return (.nan, .nan) }
        let t = StudentT(degreesOfFreedom: Double(df)).quantile(1 - alpha / 2)
        switch method {
        case .wald:
            let half = t * variance.squareRoot()
            return (p - half, p + half)
        case .logit:
            return logitInterval(logit: log(p / (1 - p)), logitVariance: variance / (p * (1 - p) * p * (1 - p)), degreesOfFreedom: df, level: level)
        case .beta:
            guard n > 1 else { return (.nan, .nan) }
            var effective = p * (1 - p) / variance
            let ratio = StudentT(degreesOfFreedom: Double(n - 1)).quantile(alpha / 2) / StudentT(degreesOfFreedom: Double(df)).quantile(alpha / 2)
            effective *= ratio * ratio
            let low = effective * p > 0 ? BetaDistribution(alpha: effective * p, beta: effective * (1 - p) + 1).quantile(alpha / 2) : 0
            let high = effective * (1 - p) > 0 ? BetaDistribution(alpha: effective * p + 1, beta: effective * (1 - p)).quantile(1 - alpha / 2) : 1
            return (low, high)
        case .wilson:
            let effective = p * (1 - p) / variance
            let t2 = t * t
            let denominator = 1 + t2 / effective
            let centre = (p + t2 / (2 * effective)) / denominator
            let half = t * (p * (1 - p) / effective + t2 / (4 * effective * effective)).squareRoot() / denominator
            return (centre - half, centre + half)
        }
    }

    /// expit(logit ± t·√V_logit) from the variance of the logit (the delta method's V/(p̂(1−p̂))² under linearisation,
    /// the variance of the replicate refits under a replicate design, as R's `svyciprop(method="logit")`).
    static func logitInterval(logit: Double, logitVariance: Double, degreesOfFreedom df: Int, level: Double) -> (low: Double, high: Double) {
        guard df > 0 else { return (.nan, .nan) }
        let t = StudentT(degreesOfFreedom: Double(df)).quantile(1 - (1 - level) / 2)
        let half = t * logitVariance.squareRoot()
        return (expit(logit - half), expit(logit + half))
    }

    private static func expit(_ x: Double) -> Double {
        1 / (1 + exp(-x))
    }
}
