extension ReplicateDesign {
    /// Tests equal means of `y` in the two levels of `group` as R's `svyttest(y ~ g)` on a replicate design: the
    /// regression slope on the group indicator refitted in every replicate is the replicate difference of the two
    /// domain means, so the SE is that difference's replicate SE; t on R's `degf` − 1 degrees of freedom.
    public func tTest(_ y: [Double], variable: String, group: DataFactor, level: Double = 0.95) -> DesignTTest? {
        guard let (domains, first, second) = DesignTTest.domains(y, group: group) else { return nil }
        let difference = mean(y, variable: variable, domains: domains).difference(second, first, in: self)
        return DesignTTest(difference, degreesOfFreedom: degreesOfFreedom - 1, level: level, groups: [group.levels[first], group.levels[second]])
    }
}
