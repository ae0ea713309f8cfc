/// The population variance of a variable by domain, as R's `svyvar` (and `svyby(..., svyvar)`) estimates it.
extension SurveyDesign {
    /// In domain d, the weighted mean of z = (y − ȳ_d)² · n_d/(n_d − 1), with n_d the rows of the domain with a
    /// non-zero weight (missing y included, as R counts them) and ȳ_d held fixed in the linearisation, as R does.
    public func populationVariance(_ y: [Double], variable: String, domains: DomainSet, options: EstimationOptions = .init()) -> LinearEstimates {
        var plain = options
        plain.deff = false
        let means = mean(y, variable: variable, domains: domains, options: plain).estimates.map(\.estimate)
        var n = [Int](repeating: 0, count: domains.count)
        for (row, domain) in domains.codes.enumerated() where domain >= 0 && weights[row] != 0 { n[Int(domain)] += 1 }
        let z = y.indices.map { row -> Double in
            let domain = Int(domains.codes[row])
            guard domain >= 0, !y[row].isNaN else { return .nan }
            let deviation = y[row] - means[domain], count = Double(n[domain])
            return deviation * deviation * count / (count - 1)
        }
        return linear(kind: .variance, y: z, x: nil, variable: variable, level: nil, domains: domains, options: plain)
    }
}
