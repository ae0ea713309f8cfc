/// Quantiles by domain with Woodruff intervals (``WoodruffQuantile``), the CDF's SE by linearisation on the
/// domain's degrees of freedom, as R survey 4.1's default `svyquantile`.
extension SurveyDesign {
    public func quantiles(_ y: [Double], probabilities: [Double], variable: String, domains: DomainSet, options: EstimationOptions = .init()) -> [DomainEstimate] {
        WoodruffQuantile.estimates(y, weights: weights, probabilities: probabilities, variable: variable, domains: domains, level: options.level) { indicator in
            linear(kind: .mean, y: indicator, x: nil, variable: variable, level: nil, domains: domains, options: EstimationOptions(level: options.level)).estimates
        }
    }
}
