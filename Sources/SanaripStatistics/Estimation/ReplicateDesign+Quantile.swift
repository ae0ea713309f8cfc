/// Quantiles by domain under a replicate design as R's `svyquantile` on a `svyrep.design` with its defaults
/// (`interval.type="mean"`): the Woodruff interval of ``WoodruffQuantile`` with the CDF's SE from the replicates and
/// R's `degf` of the domain's rows with y present.
extension ReplicateDesign {
    public func quantiles(_ y: [Double], probabilities: [Double], variable: String, domains: DomainSet, options: EstimationOptions = .init()) -> [DomainEstimate] {
        WoodruffQuantile.estimates(y, weights: weights, probabilities: probabilities, variable: variable, domains: domains, level: options.level) { indicator in
            mean(indicator, variable: variable, domains: domains, options: EstimationOptions(level: options.level)).estimates
        }
    }
}
