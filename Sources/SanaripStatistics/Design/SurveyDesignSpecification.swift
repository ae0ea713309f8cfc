/// The columns that describe how a sample was drawn, as in R's `svydesign(ids=, strata=, weights=|probs=, fpc=, nest=)`.
public struct SurveyDesignSpecification: Sendable, Equatable {
    /// Cluster ids per stage, PSU first; empty means every row is its own PSU.
    public var ids: [String]
    /// The first-stage strata column, if stratified.
    public var strata: String?
    /// Sampling weights (1/π). Exclusive with `probabilities`.
    public var weights: String?
    /// Inclusion probabilities per stage (their product is π).
    public var probabilities: [String]
    /// Finite population corrections per stage: population counts (all > 1) or sampling fractions (all ≤ 1).
    public var fpc: [String]
    /// PSU ids restart within strata (R's `nest=TRUE`).
    public var nest: Bool
    public var lonelyPSU: LonelyPSUPolicy
    /// With fpcs on several stages, use only the first stage (R's `survey.ultimate.cluster`).
    public var ultimateCluster: Bool

    public init(
        ids: [String] = [],
        strata: String? = nil,
        weights: String? = nil,
        probabilities: [String] = [],
        fpc: [String] = [],
        nest: Bool = false,
        lonelyPSU: LonelyPSUPolicy = .fail,
        ultimateCluster: Bool = false
    ) {
        self.ids = ids
        self.strata = strata
        self.weights = weights
        self.probabilities = probabilities
        self.fpc = fpc
        self.nest = nest
        self.lonelyPSU = lonelyPSU
        self.ultimateCluster = ultimateCluster
    }
}
