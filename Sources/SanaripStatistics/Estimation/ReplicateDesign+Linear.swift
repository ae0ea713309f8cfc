/// Means, totals, ratios and proportions by domain under a ``ReplicateDesign``: the statistic recomputed with
/// each replicate's weights, variance from the spread of the replicate values (R's `svymean` etc. on `svyrep.design`).
public struct ReplicateEstimates: Sendable {
    public let estimates: [DomainEstimate]
    public let domains: DomainSet
    /// `values[r * domains.count + d]`: replicate r's estimate in domain d.
    let values: [Double]
    let level: Double

    /// Domain `a` minus domain `b`, its variance from the replicate differences (covariance included).
    public func difference(_ a: Int, _ b: Int, in design: ReplicateDesign) -> DomainEstimate {
        let columns = domains.count
        let differences = (0..<design.replicateCount).map { values[$0 * columns + a] - values[$0 * columns + b] }
        let se = design.variance(replicateValues: differences).squareRoot()
        let first = estimates[a], second = estimates[b]
        let estimate = first.estimate - second.estimate
        let interval = LinearEstimates.tInterval(estimate, se, design.degreesOfFreedom, level)
        return DomainEstimate(
            statistic: "difference", variable: first.variable, level: first.level, domainNames: domains.names,
            domainValues: zip(first.domainValues, second.domainValues).map { $0 == $1 ? $0 : "\($0)-\($1)" },
            estimate: estimate, standardError: se, ciLow: interval.low, ciHigh: interval.high,
            deff: nil, n: first.n + second.n, degreesOfFreedom: design.degreesOfFreedom
        )
    }
}

extension ReplicateDesign {
    public func mean(_ y: [Double], variable: String, domains: DomainSet, options: EstimationOptions = .init()) -> ReplicateEstimates {
        linear(kind: .mean, y: y, x: nil, variable: variable, domains: domains, options: options)
    }

    public func total(_ y: [Double], variable: String, domains: DomainSet, options: EstimationOptions = .init()) -> ReplicateEstimates {
        linear(kind: .total, y: y, x: nil, variable: variable, domains: domains, options: options)
    }

    public func ratio(_ numerator: [Double], _ denominator: [Double], variable: String, domains: DomainSet, options: EstimationOptions = .init()) -> ReplicateEstimates {
        linear(kind: .ratio, y: numerator, x: denominator, variable: variable, domains: domains, options: options)
    }

    public func proportion(_ y: [Double], variable: String, domains: DomainSet, options: EstimationOptions = .init()) -> ReplicateEstimates {
        linear(kind: .proportion, y: y, x: nil, variable: variable, domains: domains, options: options)
    }

    func linear(kind: SurveyDesign.LinearKind, y: [Double], x: [Double]?, variable: String, domains: DomainSet, options: EstimationOptions) -> ReplicateEstimates {
        let domainCount = domains.count
        let rows = weights.count
        var fullY = [Double](repeating: 0, count: domainCount), fullX = fullY
        var n = [Int](repeating: 0, count: domainCount)
        var replicateY = [Double](repeating: 0, count: replicateCount * domainCount), replicateX = replicateY
        func included(_ row: Int) -> Int? {
            let domain = Int(domains.codes[row])
            guard domain >= 0, !y[row].isNaN, !(x?[row].isNaN ?? false) else { return nil }
            return domain
        }
        switch replicates {
        case .unitFactors(let unitOfRow, let units, let factors):
            var sumY = [Double](repeating: 0, count: units * domainCount), sumX = sumY
            for row in 0..<rows {
                guard let domain = included(row) else { continue }
                let weight = weights[row]
                let cell = Int(unitOfRow[row]) * domainCount + domain
                sumY[cell] += weight * y[row]
                sumX[cell] += weight * (x?[row] ?? 1)
                if weight != 0 { n[domain] += 1 }
            }
            for unit in 0..<units {
                for domain in 0..<domainCount {
                    fullY[domain] += sumY[unit * domainCount + domain]
                    fullX[domain] += sumX[unit * domainCount + domain]
                }
            }
            for replicate in 0..<replicateCount {
                for unit in 0..<units {
                    let factor = factors[replicate * units + unit]
                    if factor == 0 { continue }
                    for domain in 0..<domainCount {
                        replicateY[replicate * domainCount + domain] += factor * sumY[unit * domainCount + domain]
                        replicateX[replicate * domainCount + domain] += factor * sumX[unit * domainCount + domain]
                    }
                }
            }
        case .rowWeights(let replicateWeights):
            for row in 0..<rows {
                guard let domain = included(row) else { continue }
                fullY[domain] += weights[row] * y[row]
                fullX[domain] += weights[row] * (x?[row] ?? 1)
                if weights[row] != 0 { n[domain] += 1 }
            }
            for (replicate, weightsOfReplicate) in replicateWeights.enumerated() {
                for row in 0..<rows {
                    guard let domain = included(row) else { continue }
                    replicateY[replicate * domainCount + domain] += weightsOfReplicate[row] * y[row]
                    replicateX[replicate * domainCount + domain] += weightsOfReplicate[row] * (x?[row] ?? 1)
                }
            }
        }
        let isTotal = kind == .total
        let values = (0..<(replicateCount * domainCount)).map { isTotal ? replicateY[$0] : replicateY[$0] / replicateX[$0] }
        let degrees = degreesOfFreedom(domains: domains) { included($0) != nil }
        let logits = kind == .proportion && options.proportionInterval == .logit ? logitFits(y, domains: domains) : nil
        var results: [DomainEstimate] = []
        for domain in 0..<domainCount {
            let estimate = isTotal ? fullY[domain] : fullY[domain] / fullX[domain]
            let replicateValues = (0..<replicateCount).map { values[$0 * domainCount + domain] }
            let variance = variance(replicateValues: replicateValues)
            let interval: (low: Double, high: Double)
            if let logits {
                // R's svyciprop refits the logistic model in every replicate: the variance is that of the intercepts.
                let intercept = logits[domain].intercept
                let refits = replicateValues.map { InterceptOnlyLogit.refit(share: $0, start: intercept) }
                interval = ProportionInterval.logitInterval(logit: intercept, logitVariance: self.variance(replicateValues: refits), degreesOfFreedom: degrees[domain], level: options.level)
            } else if kind == .proportion {
                interval = ProportionInterval.interval(options.proportionInterval, proportion: estimate, variance: variance, degreesOfFreedom: degrees[domain], n: n[domain], level: options.level)
            } else {
                interval = LinearEstimates.tInterval(estimate, variance.squareRoot(), degrees[domain], options.level)
            }
            results.append(DomainEstimate(
                statistic: kind.rawValue, variable: variable, level: nil, domainNames: domains.names, domainValues: domains.labels[domain],
                estimate: estimate, standardError: variance.squareRoot(), ciLow: interval.low, ciHigh: interval.high,
                deff: nil, n: n[domain], degreesOfFreedom: degrees[domain]
            ))
        }
        return ReplicateEstimates(estimates: results, domains: domains, values: values, level: options.level)
    }

    /// The full-sample logistic fits of a 0/1 `y` per domain, with R's `svyglm` weights: over their mean in the domain.
    private func logitFits(_ y: [Double], domains: DomainSet) -> [InterceptOnlyLogit] {
        var total = [Double](repeating: 0, count: domains.count), count = total
        for (row, domain) in domains.codes.enumerated() where domain >= 0 {
            total[Int(domain)] += weights[row]
            count[Int(domain)] += 1
        }
        var fits = [InterceptOnlyLogit](repeating: InterceptOnlyLogit(), count: domains.count)
        for (row, domain) in domains.codes.enumerated() where domain >= 0 && !y[row].isNaN {
            fits[Int(domain)].add(y: y[row], weight: weights[row] * count[Int(domain)] / total[Int(domain)])
        }
        return fits
    }
}
