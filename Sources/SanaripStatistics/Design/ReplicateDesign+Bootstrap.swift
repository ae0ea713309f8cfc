extension ReplicateDesign {
    /// Rao–Wu bootstrap as R's `bootweights`: in each stratum draw n_h PSUs with replacement (factor = times drawn),
    /// or, with a stage-1 fpc, n_h without replacement from the N_h PSUs of the stratum repeated to the population
    /// size; scale m/((m − 1)(R − 1)) with m the harmonic mean of the n_h. Reproducible for a given `seed` (``SeededGenerator``)
    /// (R's draws come from its own generator, so the replicates are not R's).
    public init(bootstrap design: SurveyDesign, replicates: Int, seed: UInt64) {
        let stage = design.stages[0]
        let psus = stage.unitCount
        var random = SeededGenerator(seed: seed)
        var factors = [Double](repeating: 0, count: replicates * psus)
        for replicate in 0..<replicates {
            for stratum in stage.groupSizes.indices {
                let start = stage.memberStart[stratum], size = stage.groupSizes[stratum]
                let population = stage.groupPopulations[stratum]
                if population.isInfinite {
                    for _ in 0..<size {
                        factors[replicate * psus + Int(stage.members[start + random.nextInt(below: size)])] += 1
                    }
                } else {
                    // Floyd's sample of `size` distinct positions of the stratum's PSUs repeated to N_h.
                    let positions = max(size, Int(min(population, 1e15)))
                    var chosen = Set<Int>()
                    for bound in (positions - size)..<positions {
                        let draw = random.nextInt(below: bound + 1)
                        chosen.insert(chosen.contains(draw) ? bound : draw)
                    }
                    for position in chosen {
                        factors[replicate * psus + Int(stage.members[start + position % size])] += 1
                    }
                }
            }
        }
        let harmonic = Double(stage.groupSizes.count) / stage.groupSizes.reduce(0) { $0 + 1 / Double($1) }
        self.init(
            kind: .bootstrap, weights: design.weights,
            replicates: .unitFactors(unitOfRow: design.psuOfRow, units: psus, factors: factors), structure: .general,
            count: replicates, scale: harmonic / ((harmonic - 1) * Double(replicates - 1)),
            rscales: [Double](repeating: 1, count: replicates)
        )
    }
}
