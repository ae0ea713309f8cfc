/// One estimate for one domain, with its design-based standard error and interval.
public struct DomainEstimate: Sendable, Equatable {
    /// "mean", "total", "ratio", "proportion", "quantile" or "difference".
    public var statistic: String
    /// The variable (for a ratio "num/den", for a level proportion "var", for a quantile "var").
    public var variable: String
    /// The level of a categorical variable for its proportion, or the probability of a quantile.
    public var level: String?
    /// Grouping column names and this domain's values (for a difference, "A-B").
    public var domainNames: [String]
    public var domainValues: [String]
    public var estimate: Double
    public var standardError: Double
    public var ciLow: Double
    public var ciHigh: Double
    /// Design effect against simple random sampling without replacement of the same size, when asked for.
    public var deff: Double?
    /// Rows that contributed (in the domain, value present, weight nonzero).
    public var n: Int
    /// Degrees of freedom used for the interval: PSUs − strata among the domain's rows under linearisation, R's
    /// `degf` of the domain's rows (the rank of their replicate weights − 1) under replicates.
    public var degreesOfFreedom: Int

    public var deft: Double? { deff.map { $0.squareRoot() } }
}
