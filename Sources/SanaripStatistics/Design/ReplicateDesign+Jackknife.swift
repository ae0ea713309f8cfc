extension ReplicateDesign {
    /// How a stratum enters the jackknife replicates (R's `jknweights`).
    enum JackknifeStratum: Sendable, Equatable {
        /// One replicate per PSU, deleting it and reweighting the rest of its stratum by n_h/(n_h − 1).
        case deleteOne
        /// No replicate: a take-all stratum (fpc equal to the sample size), or a lonely PSU under remove,
        /// certainty or average.
        case none
        /// A lonely PSU under adjust: one replicate deleting it and reweighting every other stratum by H/(H − 1).
        case adjusted
    }

    /// Delete-one-PSU jackknife as R's `as.svrepdesign(design, type="JK1")` for an unstratified design and
    /// `type="JKn"` for a stratified one: strata in order of first appearance, one replicate per PSU deleting it and
    /// reweighting its stratum by n_h/(n_h − 1), rscale (1 − n_h/N_h)(n_h − 1)/n_h with the stage-1 fpc.
    ///
    /// As R does, take-all strata get no replicates, and a stratum with one PSU follows the design's lonely-PSU
    /// policy the way `options(survey.lonely.psu=)` steers `jknweights`: no replicate under remove and certainty,
    /// none under average but the scale multiplied by #PSUs/#replicates, and under adjust one replicate deleting the
    /// stratum and reweighting the others by H/(H − 1) with rscale (H − 1)/H.
    public init(jackknife design: SurveyDesign) throws(ReplicateDesignError) {
        let stage = design.stages[0]
        let psus = stage.unitCount
        let strataCount = stage.groupSizes.count
        let stratified = design.specification.strata != nil
        let order = (0..<strataCount).sorted { stage.members[stage.memberStart[$0]] < stage.members[stage.memberStart[$1]] }
        var kinds = [JackknifeStratum](repeating: .none, count: strataCount)
        var factors: [Double] = []
        var rscales: [Double] = []
        for stratum in order {
            let size = stage.groupSizes[stratum]
            let correction = stage.correction(stratum)
            let members = stage.members[stage.memberStart[stratum]..<stage.memberStart[stratum + 1]]
            if correction == 0 { continue }
            if size == 1, stratified {
                switch design.lonelyPSU {
                case .fail:
                    throw .lonelyPSU(stratum: stage.groupLabels[stratum])
                case .remove, .certainty, .average:
                    continue
                case .adjust:
                    kinds[stratum] = .adjusted
                    let others = Double(strataCount) / Double(strataCount - 1)
                    var column = [Double](repeating: others, count: psus)
                    for unit in members { column[Int(unit)] = 0 }
                    factors += column
                    rscales.append(Double(strataCount - 1) / Double(strataCount))
                    continue
                }
            }
            kinds[stratum] = .deleteOne
            let reweight = Double(size) / Double(size - 1)
            for deleted in members {
                var column = [Double](repeating: 1, count: psus)
                for unit in members { column[Int(unit)] = reweight }
                column[Int(deleted)] = 0
                factors += column
                rscales.append(stratified ? correction * Double(size - 1) / Double(size) : 1)
            }
        }
        let count = rscales.count
        guard count > 0 else { throw .allStrataTakeAll }
        var scale = 1.0
        if !stratified {
            let size = Double(psus)
            scale = stage.correction(0) * (size - 1) / size
        } else if design.lonelyPSU == .average, count < psus {
            scale = Double(psus) / Double(count)
        }
        self.init(
            kind: stratified ? .jkn : .jk1, weights: design.weights,
            replicates: .unitFactors(unitOfRow: design.psuOfRow, units: psus, factors: factors),
            structure: .jackknife(stratumOfUnit: stage.groupOfUnit, strata: kinds),
            count: count, scale: scale, rscales: rscales
        )
    }
}
