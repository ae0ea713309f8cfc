/// Estimates of one linear statistic (mean, total, ratio, proportion) in every domain, with the per-unit
/// linearised scores kept so that differences between domains get their covariance right.
public struct LinearEstimates: Sendable {
    public let estimates: [DomainEstimate]
    public let domains: DomainSet
    /// Score totals per deepest design unit: `scores[unit * domains.count + domain]`.
    let scores: [Double]
    let level: Double
    let designDegreesOfFreedom: Int

    /// The estimate of domain `a` minus that of domain `b`, its standard error from var(z_a − z_b) on the
    /// full design (so it includes −2 cov(a, b)), and a t interval on the design degrees of freedom.
    public func difference(_ a: Int, _ b: Int, in design: SurveyDesign) -> DomainEstimate {
        let columns = domains.count
        let units = scores.count / max(columns, 1)
        var contrast = [Double](repeating: 0, count: units)
        for unit in 0..<units { contrast[unit] = scores[unit * columns + a] - scores[unit * columns + b] }
        let variance = design.variance(ofUnitScores: contrast, columns: 1)[0]
        let first = estimates[a], second = estimates[b]
        let estimate = first.estimate - second.estimate
        let se = variance.squareRoot()
        let interval = LinearEstimates.tInterval(estimate, se, design.degreesOfFreedom, level)
        return DomainEstimate(
            statistic: "difference", variable: first.variable, level: first.level,
            domainNames: domains.names,
            domainValues: zip(first.domainValues, second.domainValues).map { $0 == $1 ? $0 : "\($0)-\($1)" },
            estimate: estimate, standardError: se, ciLow: interval.low, ciHigh: interval.high,
            deff: nil, n: first.n + second.n, degreesOfFreedom: design.degreesOfFreedom
        )
    }

    /// The covariance of two domains' estimates.
    public func covariance(_ a: Int, _ b: Int, in design: SurveyDesign) -> Double {
        let columns = domains.count
        let units = scores.count / max(columns, 1)
        var pair = [Double](repeating: 0, count: units * 2)
        for unit in 0..<units {
            pair[unit * 2] = scores[unit * columns + a]
            pair[unit * 2 + 1] = scores[unit * columns + b]
        }
        return design.covariance(ofUnitScores: pair, columns: 2)[1]
    }

    static func tInterval(_ estimate: Double, _ se: Double, _ df: Int, _ level: Double) -> (low: Double, high: Double) {
        guard df > 0 else { return (.nan, .nan) }
        let t = StudentT(degreesOfFreedom: Double(df)).quantile(1 - (1 - level) / 2)
        return (estimate - t * se, estimate + t * se)
    }
}

extension LinearEstimates {
    /// For each pair of domains that differ only in grouping column `column`, value `a` minus value `b`.
    public func differences(in column: String, _ a: String, _ b: String, design: SurveyDesign) -> [DomainEstimate] {
        domains.pairs(differingIn: column, a, b).map { difference($0, $1, in: design) }
    }

    /// This statistic minus `other`'s in domain `domain` of the same domain set, with the covariance of the two
    /// (they are estimated on the same respondents), e.g. the gap between two barriers' shares.
    public func difference(_ other: LinearEstimates, domain: Int, in design: SurveyDesign) -> DomainEstimate {
        let columns = domains.count
        let units = scores.count / max(columns, 1)
        var contrast = [Double](repeating: 0, count: units)
        for unit in 0..<units { contrast[unit] = scores[unit * columns + domain] - other.scores[unit * columns + domain] }
        let se = design.variance(ofUnitScores: contrast, columns: 1)[0].squareRoot()
        let first = estimates[domain], second = other.estimates[domain]
        let estimate = first.estimate - second.estimate
        let interval = LinearEstimates.tInterval(estimate, se, design.degreesOfFreedom, level)
        return DomainEstimate(
            statistic: "difference", variable: "\(first.variable)-\(second.variable)", level: nil,
            domainNames: first.domainNames, domainValues: first.domainValues,
            estimate: estimate, standardError: se, ciLow: interval.low, ciHigh: interval.high,
            deff: nil, n: max(first.n, second.n), degreesOfFreedom: design.degreesOfFreedom
        )
    }
}
