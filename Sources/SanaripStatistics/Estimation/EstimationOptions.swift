/// Options shared by the estimators.
public struct EstimationOptions: Sendable, Equatable {
    /// Confidence level of the intervals.
    public var level: Double
    /// Compute design effects.
    public var deff: Bool
    /// Interval method for proportions.
    public var proportionInterval: ProportionInterval.Method

    public init(level: Double = 0.95, deff: Bool = false, proportionInterval: ProportionInterval.Method = .logit) {
        self.level = level
        self.deff = deff
        self.proportionInterval = proportionInterval
    }
}
