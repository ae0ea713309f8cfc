extension ReplicateDesign {
    /// Balanced repeated replication (Fay's method when `fayRho` > 0) with exactly R's replicate weights
    /// (`as.svrepdesign(design, type="BRR")` or `type="Fay", fay.rho=`, through `brrweights` with its defaults).
    ///
    /// Strata are taken in the order of their labels as text (R's `table` in the C locale); a stratum with more than
    /// two PSUs is split into consecutive pairs of PSUs in order of first appearance and those pairs come first, then
    /// the two-PSU strata. With H the ``HadamardMatrix`` for that many pairs, replicate r keeps the pair's first PSU
    /// (factor 2 − ρ, the other ρ) when H[k + 1, r] = 1 and the second otherwise; scale 1/(R(1 − ρ)²). Finite population
    /// corrections are dropped, as R does. Throws for an unstratified design, a stratum with one PSU, or an odd number.
    public init(balancedRepeatedReplication design: SurveyDesign, fayRho: Double = 0) throws(ReplicateDesignError) {
        let kind: Kind = fayRho == 0 ? .brr : .fay
        guard design.specification.strata != nil else { throw .unstratified(kind) }
        let stage = design.stages[0]
        let labels = stage.groupLabels
        let order = labels.indices.sorted { Array(labels[$0].utf8).lexicographicallyPrecedes(Array(labels[$1].utf8)) }
        for stratum in order where stage.groupSizes[stratum] < 2 {
            throw .fewerThanTwoPSUs(stratum: labels[stratum])
        }
        for stratum in order where stage.groupSizes[stratum] > 2 && stage.groupSizes[stratum] % 2 == 1 {
            throw .oddPSUs(stratum: labels[stratum], count: stage.groupSizes[stratum])
        }
        // Pairs of PSUs (members are in order of first appearance): split large strata first, then the pairs.
        var pairs: [(first: Int, second: Int)] = []
        for large in [true, false] {
            for stratum in order where (stage.groupSizes[stratum] > 2) == large {
                let members = stage.members[stage.memberStart[stratum]..<stage.memberStart[stratum + 1]].map(Int.init)
                for index in stride(from: 0, to: members.count, by: 2) { pairs.append((members[index], members[index + 1])) }
            }
        }
        let hadamard = HadamardMatrix(strata: pairs.count)
        let psus = stage.unitCount
        var factors = [Double](repeating: 0, count: hadamard.size * psus)
        var pairOfUnit = [Int32](repeating: 0, count: psus)
        for (index, pair) in pairs.enumerated() {
            pairOfUnit[pair.first] = Int32(index)
            pairOfUnit[pair.second] = Int32(index)
            for replicate in 0..<hadamard.size {
                let keepFirst = hadamard[index + 1, replicate]
                factors[replicate * psus + pair.first] = keepFirst ? 2 - fayRho : fayRho
                factors[replicate * psus + pair.second] = keepFirst ? fayRho : 2 - fayRho
            }
        }
        self.init(
            kind: kind, weights: design.weights,
            replicates: .unitFactors(unitOfRow: design.psuOfRow, units: psus, factors: factors),
            structure: .pairs(pairOfUnit: pairOfUnit, count: pairs.count),
            count: hadamard.size, scale: 1 / (Double(hadamard.size) * (1 - fayRho) * (1 - fayRho)),
            rscales: [Double](repeating: 1, count: hadamard.size)
        )
    }
}
