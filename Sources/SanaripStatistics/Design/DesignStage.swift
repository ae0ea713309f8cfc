/// One sampling stage of a ``SurveyDesign``: its units, the group each was drawn within (a stratum at
/// stage 1, the parent unit later), and per group the sample size n, population size N and the product
/// of the earlier stages' sampling fractions that multiplies its variance term.
struct DesignStage: Sendable {
    /// For each deepest-stage unit, the unit of this stage containing it.
    var unitOfDeepest: [Int32]
    var unitCount: Int
    var groupOfUnit: [Int32]
    var groupSizes: [Int]
    var groupPopulations: [Double]
    var groupFactors: [Double]
    var groupLabels: [String]
    /// Units of each group, contiguous: `members[memberStart[g]..<memberStart[g+1]]`.
    var memberStart: [Int]
    var members: [Int32]

    init(unitCount: Int, unitOfDeepest: [Int32], groupOfUnit: [Int32], groupCount: Int, populations: [Double], factors: [Double], labels: [String]) {
        self.unitCount = unitCount
        self.unitOfDeepest = unitOfDeepest
        self.groupOfUnit = groupOfUnit
        var sizes = [Int](repeating: 0, count: groupCount)
        for group in groupOfUnit { sizes[Int(group)] += 1 }
        var start = [Int](repeating: 0, count: groupCount + 1)
        for group in 0..<groupCount { start[group + 1] = start[group] + sizes[group] }
        var fill = start
        var members = [Int32](repeating: 0, count: unitCount)
        for (unit, group) in groupOfUnit.enumerated() {
            members[fill[Int(group)]] = Int32(unit)
            fill[Int(group)] += 1
        }
        self.groupSizes = sizes
        self.memberStart = start
        self.members = members
        self.groupPopulations = populations
        self.groupFactors = factors
        self.groupLabels = labels
    }

    /// The finite population correction 1 − n/N of a group (1 without fpc).
    func correction(_ group: Int) -> Double {
        let population = groupPopulations[group]
        return population.isInfinite ? 1 : (population - Double(groupSizes[group])) / population
    }
}
