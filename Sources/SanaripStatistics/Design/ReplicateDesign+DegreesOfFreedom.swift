extension ReplicateDesign {
    /// R's `degf(design[rows, ])` for each domain: the rank of the replicate weights of the domain's rows that
    /// `including` accepts, minus one (R recomputes it for every subset, so `svyby` and `na.rm` use it).
    ///
    /// For the jackknife and BRR the rank follows from which PSUs the rows reach (see ``jackknifeRank`` and
    /// ``pairsRank``); for a bootstrap or given weights it is the numerical rank, as R's `qr(weights, tol=1e-5)`.
    func degreesOfFreedom(domains: DomainSet, including: (Int) -> Bool) -> [Int] {
        let count = domains.count
        switch replicates {
        case .unitFactors(let unitOfRow, let units, let factors):
            var present = [Bool](repeating: false, count: units * count)
            var weighted = [Bool](repeating: false, count: units)
            for row in weights.indices where weights[row] != 0 {
                weighted[Int(unitOfRow[row])] = true
                if domains.codes[row] >= 0, including(row) { present[Int(unitOfRow[row]) * count + Int(domains.codes[row])] = true }
            }
            let everyUnit = weighted.filter { $0 }.count
            return (0..<count).map { domain in
                let reached = (0..<units).filter { present[$0 * count + domain] }
                let rank: Int = switch structure {
                case .jackknife(let stratumOfUnit, let strata): Self.jackknifeRank(reached, stratumOfUnit: stratumOfUnit, strata: strata)
                case .pairs(let pairOfUnit, let pairs): Self.pairsRank(reached, pairOfUnit: pairOfUnit, pairs: pairs)
                case .general where reached.count == everyUnit && fullRank != nil: fullRank!
                case .general: DenseMatrix.rank(rows: reached.count, columns: replicateCount) { factors[$1 * units + reached[$0]] }
                }
                return rank - 1
            }
        case .rowWeights(let replicateWeights):
            var rowsOf = [[Int]](repeating: [], count: count)
            for row in weights.indices where domains.codes[row] >= 0 && including(row) { rowsOf[Int(domains.codes[row])].append(row) }
            return rowsOf.map { rows in
                if rows.count == weights.count, let fullRank { return fullRank - 1 }
                return DenseMatrix.rank(rows: rows.count, columns: replicateCount) { replicateWeights[$1][rows[$0]] } - 1
            }
        }
    }

    /// Rank of the jackknife factors of the PSUs `reached`. A delete-one stratum's replicates span the constant
    /// and the within-stratum contrasts of its reached PSUs (n_h − 1 of them when all are reached, else one per
    /// reached PSU); an adjust replicate adds its lonely PSU. The constant adds one unless every reached PSU lies in
    /// a partly reached delete-one stratum or an adjusted one. Without delete-one strata only adjust replicates
    /// c(1 − e_u) remain.
    static func jackknifeRank(_ reached: [Int], stratumOfUnit: [Int32], strata: [JackknifeStratum]) -> Int {
        guard !reached.isEmpty else { return 0 }
        var sizes = [Int](repeating: 0, count: strata.count), counts = sizes
        for stratum in stratumOfUnit { sizes[Int(stratum)] += 1 }
        for unit in reached { counts[Int(stratumOfUnit[unit])] += 1 }
        guard strata.contains(.deleteOne) else {
            let adjusted = strata.indices.filter { strata[$0] == .adjusted }
            let lonelyReached = adjusted.reduce(0) { $0 + counts[$1] }
            let lonelyMissed = adjusted.contains { counts[$0] == 0 } ? 1 : 0
            if reached.count > lonelyReached { return lonelyReached + lonelyMissed }
            return lonelyReached >= 2 ? lonelyReached : lonelyMissed
        }
        var rank = 0
        var constantSpanned = true
        for stratum in strata.indices where counts[stratum] > 0 {
            switch strata[stratum] {
            case .deleteOne where counts[stratum] == sizes[stratum]:
                rank += counts[stratum] - 1
                constantSpanned = false
            case .deleteOne, .adjusted:
                rank += counts[stratum]
            case .none:
                constantSpanned = false
            }
        }
        return rank + (constantSpanned ? 0 : 1)
    }

    /// Rank of BRR factors of the PSUs `reached`: a PSU's factors are a + b·h_k with h_k the Hadamard row of its
    /// pair, and the rows are independent of each other and of the constant, so one per reached pair plus the
    /// constant when both PSUs of some pair are reached.
    static func pairsRank(_ reached: [Int], pairOfUnit: [Int32], pairs: Int) -> Int {
        var counts = [Int](repeating: 0, count: pairs)
        for unit in reached { counts[Int(pairOfUnit[unit])] += 1 }
        return counts.filter { $0 > 0 }.count + (counts.contains(2) ? 1 : 0)
    }
}
