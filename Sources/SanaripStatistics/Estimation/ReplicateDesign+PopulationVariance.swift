/// The population variance of a variable by domain under a ``ReplicateDesign`` (R's `svyvar` on `svyrep.design`).
extension ReplicateDesign {
    /// In each domain and each replicate, n/(n − 1) · (weighted mean of y² − (weighted mean of y)²), n the domain's
    /// rows with y present; the variance comes from the spread of the replicate values.
    public func populationVariance(_ y: [Double], variable: String, domains: DomainSet, options: EstimationOptions = .init()) -> ReplicateEstimates {
        let first = mean(y, variable: variable, domains: domains, options: options)
        let second = mean(y.map { $0 * $0 }, variable: variable, domains: domains, options: options)
        var n = [Int](repeating: 0, count: domains.count)
        for (row, domain) in domains.codes.enumerated() where domain >= 0 && !y[row].isNaN { n[Int(domain)] += 1 }
        func variance(_ meanOfSquares: Double, _ mean: Double, _ domain: Int) -> Double {
            let count = Double(n[domain])
            return count / (count - 1) * (meanOfSquares - mean * mean)
        }
        let domainCount = domains.count
        let values = first.values.indices.map { index in variance(second.values[index], first.values[index], index % domainCount) }
        let estimates = first.estimates.enumerated().map { domain, estimateOfMean -> DomainEstimate in
            let estimate = variance(second.estimates[domain].estimate, estimateOfMean.estimate, domain)
            let se = self.variance(replicateValues: (0..<replicateCount).map { values[$0 * domainCount + domain] }).squareRoot()
            let interval = LinearEstimates.tInterval(estimate, se, estimateOfMean.degreesOfFreedom, options.level)
            var result = estimateOfMean
            result.statistic = "variance"
            (result.estimate, result.standardError, result.ciLow, result.ciHigh) = (estimate, se, interval.low, interval.high)
            return result
        }
        return ReplicateEstimates(estimates: estimates, domains: domains, values: values, level: options.level)
    }
}
