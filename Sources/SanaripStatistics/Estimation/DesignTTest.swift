/// A design-based t test (R's `svyttest`).
public struct DesignTTest: Sendable, Equatable {
    /// The difference of means (second group minus first) or, for one sample, the mean.
    public var estimate: Double
    public var standardError: Double
    public var t: Double
    public var degreesOfFreedom: Int
    public var pValue: Double
    public var ciLow: Double
    public var ciHigh: Double
    /// The two groups compared, in the order of the difference (second − first).
    public var groups: [String]
}

extension DesignTTest {
    /// The two levels of `group` among rows with `y` present, as domains; nil unless there are exactly two.
    static func domains(_ y: [Double], group: DataFactor) -> (domains: DomainSet, first: Int, second: Int)? {
        let present = Set(group.codes.enumerated().filter { $0.element >= 0 && !y[$0.offset].isNaN }.map(\.element)).sorted()
        guard present.count == 2 else { return nil }
        return (DomainSet(codes: group.codes, names: ["group"], labels: group.levels.map { [$0] }), Int(present[0]), Int(present[1]))
    }

    /// The test of a domain difference (second − first) on `df` degrees of freedom.
    init(_ difference: DomainEstimate, degreesOfFreedom df: Int, level: Double, groups: [String]) {
        let t = difference.estimate / difference.standardError
        let distribution = StudentT(degreesOfFreedom: Double(df))
        let quantile = distribution.quantile(1 - (1 - level) / 2)
        self.init(
            estimate: difference.estimate, standardError: difference.standardError, t: t, degreesOfFreedom: df,
            pValue: 2 * distribution.cdf(-abs(t)),
            ciLow: difference.estimate - quantile * difference.standardError,
            ciHigh: difference.estimate + quantile * difference.standardError,
            groups: groups
        )
    }
}

extension SurveyDesign {
    /// Tests equal means of `y` in the two levels of `group` (second level minus first, as R's `svyttest(y ~ g)`):
    /// the domain difference with its covariance-aware SE, t on design df − 1 degrees of freedom.
    public func tTest(_ y: [Double], variable: String, group: DataFactor, level: Double = 0.95) -> DesignTTest? {
        guard let (domains, first, second) = DesignTTest.domains(y, group: group) else { return nil }
        let difference = mean(y, variable: variable, domains: domains).difference(second, first, in: self)
        return DesignTTest(difference, degreesOfFreedom: degreesOfFreedom - 1, level: level, groups: [group.levels[first], group.levels[second]])
    }
}
