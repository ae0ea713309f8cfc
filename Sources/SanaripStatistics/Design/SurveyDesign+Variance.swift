/// Taylor-linearisation variance of estimators given as linearised scores summed per unit.
///
/// For each stage s and group g (a stratum at stage 1, a stage s−1 unit later) with n_g units and population N_g:
///
///     V = Σ_s Σ_g F_g · (1 − n_g/N_g) · n_g/(n_g − 1) · Σ_{i∈g} (z_i − z̄_g)(z_i − z̄_g)ᵀ
///
/// where z_i is the unit's score total and F_g = Π n/N of the enclosing units at earlier stages (1 at stage 1),
/// exactly R's `svyrecvar`/`multistage`. Take-all groups (n/N ≈ 1) add nothing at their stage. A group with one unit
/// follows ``LonelyPSUPolicy``. Units without members of a domain simply have score 0, which is how R pads a subset.
extension SurveyDesign {
    /// Variances of `columns` score columns; `scores[unit * columns + j]` is column j's total in deepest unit `unit`.
    /// `present[unit * columns + j]` tells whether the unit has rows of column j's domain; it matters only under
    /// ``LonelyPSUPolicy/average``, which (like R on a subset) averages over the strata where the domain occurs.
    public func variance(ofUnitScores scores: [Double], columns: Int, present: [Bool]? = nil) -> [Double] {
        var result = [Double](repeating: 0, count: columns)
        accumulate(scores: scores, columns: columns, present: present) { weight, centred, _ in
            for j in 0..<columns { result[j] += weight * centred[j] * centred[j] }
        } scaleAverage: { factors in
            for j in 0..<columns { result[j] *= factors[j] }
        }
        return result
    }

    /// The full covariance matrix (row-major, `columns × columns`) of the score columns.
    public func covariance(ofUnitScores scores: [Double], columns: Int) -> [Double] {
        var result = [Double](repeating: 0, count: columns * columns)
        accumulate(scores: scores, columns: columns, present: nil) { weight, centred, _ in
            for a in 0..<columns where centred[a] != 0 {
                let scaled = weight * centred[a]
                for b in 0..<columns { result[a * columns + b] += scaled * centred[b] }
            }
        } scaleAverage: { factors in
            for index in result.indices { result[index] *= factors[0] }
        }
        return result
    }

    /// Walks the stages and groups, handing `add(weight, centredScores, unit)` each unit's centred score vector.
    private func accumulate(
        scores: [Double],
        columns: Int,
        present: [Bool]?,
        add: (Double, UnsafeMutableBufferPointer<Double>, Int) -> Void,
        scaleAverage: ([Double]) -> Void
    ) {
        precondition(scores.count == deepestUnitCount * columns, "one score per deepest unit and column")
        var centred = [Double](repeating: 0, count: columns)
        var mean = [Double](repeating: 0, count: columns)
        for (stageIndex, stage) in stages.enumerated() {
            let stageScores: [Double]
            if stageIndex == stages.count - 1 {
                stageScores = scores
            } else {
                var aggregated = [Double](repeating: 0, count: stage.unitCount * columns)
                for deepest in 0..<deepestUnitCount {
                    let unit = Int(stage.unitOfDeepest[deepest])
                    for j in 0..<columns { aggregated[unit * columns + j] += scores[deepest * columns + j] }
                }
                stageScores = aggregated
            }
            var lonelyAveraged = 0
            let groupCount = stage.groupSizes.count
            for group in 0..<groupCount {
                let size = stage.groupSizes[group]
                let correction = stage.correction(group)
                if correction < 1e-7 || size == 0 { continue }
                let range = stage.memberStart[group]..<stage.memberStart[group + 1]
                if size == 1 {
                    switch lonelyPSU {
                    case .fail, .remove, .certainty:
                        continue
                    case .average:
                        lonelyAveraged += 1
                        continue
                    case .adjust:
                        let unit = Int(stage.members[range.lowerBound])
                        for j in 0..<columns { centred[j] = stageScores[unit * columns + j] }
                        centred.withUnsafeMutableBufferPointer { add(correction * stage.groupFactors[group], $0, unit) }
                        continue
                    }
                }
                for j in 0..<columns { mean[j] = 0 }
                for member in range {
                    let unit = Int(stage.members[member])
                    for j in 0..<columns { mean[j] += stageScores[unit * columns + j] }
                }
                for j in 0..<columns { mean[j] /= Double(size) }
                let weight = stage.groupFactors[group] * correction * Double(size) / Double(size - 1)
                for member in range {
                    let unit = Int(stage.members[member])
                    for j in 0..<columns { centred[j] = stageScores[unit * columns + j] - mean[j] }
                    centred.withUnsafeMutableBufferPointer { add(weight, $0, unit) }
                }
            }
            if stageIndex == 0, lonelyAveraged > 0 {
                scaleAverage(averagingFactors(stage: stage, columns: columns, present: present))
            }
        }
    }

    /// Per column: strata where the column's domain occurs over those among them with more than one PSU.
    private func averagingFactors(stage: DesignStage, columns: Int, present: [Bool]?) -> [Double] {
        var strata = [Int](repeating: 0, count: columns), lonely = [Int](repeating: 0, count: columns)
        var psuPresent: [Bool]?
        if let present {
            var marks = [Bool](repeating: false, count: stage.unitCount * columns)
            for deepest in 0..<deepestUnitCount {
                let psu = Int(stage.unitOfDeepest[deepest])
                for j in 0..<columns where present[deepest * columns + j] { marks[psu * columns + j] = true }
            }
            psuPresent = marks
        }
        var seen = [Bool](repeating: false, count: columns)
        for group in stage.groupSizes.indices {
            for j in 0..<columns { seen[j] = psuPresent == nil }
            if let psuPresent {
                for member in stage.memberStart[group]..<stage.memberStart[group + 1] {
                    let psu = Int(stage.members[member])
                    for j in 0..<columns where psuPresent[psu * columns + j] { seen[j] = true }
                }
            }
            for j in 0..<columns where seen[j] {
                strata[j] += 1
                if stage.groupSizes[group] == 1, stage.correction(group) >= 1e-7 { lonely[j] += 1 }
            }
        }
        return (0..<columns).map { strata[$0] > lonely[$0] ? Double(strata[$0]) / Double(strata[$0] - lonely[$0]) : 1 }
    }
}
