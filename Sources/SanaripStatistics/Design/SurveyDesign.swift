/// A stratified multistage sample design bound to a ``DataTable``: weights, strata and clusters per row,
/// ready for Taylor-linearisation variances (``SurveyDesign/variance(ofUnitScores:columns:)``).
///
/// Built like R's `svydesign`: stage-k ids are nested in stage k−1 units; with `nest` PSU ids are nested
/// in strata, otherwise a PSU id found in two strata is an error. Weights come from `weights`, else
/// 1/Π`probabilities`, else from the fpcs (Π n/N per stage), else 1. The multistage variance (fpc at every
/// stage) is used when fpcs are given for several stages, the ultimate-cluster one otherwise.
public struct SurveyDesign: Sendable {
    public let specification: SurveyDesignSpecification
    public let rowCount: Int
    /// Sampling weight of each row (zero weights keep the row in the design but out of every estimate).
    public internal(set) var weights: [Double]
    /// The calibration behind the weights, if any (see ``calibrated(by:)``).
    var calibration: CalibrationProjection?
    /// The deepest variance stage's unit of each row.
    let unitOfRow: [Int32]
    /// The PSU of each row.
    let psuOfRow: [Int32]
    let stages: [DesignStage]
    /// Stratum of each PSU (stage 1 group).
    public var strataCount: Int { stages[0].groupSizes.count }
    public var psuCount: Int { stages[0].unitCount }
    /// Design degrees of freedom: PSUs minus strata, counting only those with a nonzero weight.
    public let degreesOfFreedom: Int
    public var lonelyPSU: LonelyPSUPolicy { specification.lonelyPSU }
    var deepestUnitCount: Int { stages[stages.count - 1].unitCount }

    public init(_ table: DataTable, _ specification: SurveyDesignSpecification) throws(SurveyDesignError) {
        self.specification = specification
        let rows = table.rowCount
        rowCount = rows
        func numbers(_ column: String) throws(SurveyDesignError) -> [Double] {
            let values: [Double]
            do { values = try table.numbers(column) } catch { throw .data(error) }
            if let row = values.firstIndex(where: \.isNaN) { throw .missingDesignValue(column: column, row: row + 1) }
            return values
        }
        func factor(_ column: String) throws(SurveyDesignError) -> DataFactor {
            let factor: DataFactor
            do { factor = try table.column(column).factor() } catch { throw .data(error) }
            if let row = factor.codes.firstIndex(of: -1) { throw .missingDesignValue(column: column, row: row + 1) }
            return factor
        }
        if specification.weights != nil, !specification.probabilities.isEmpty { throw .weightsAndProbabilities }
        if specification.fpc.count > max(specification.ids.count, 1) {
            throw .fpcStages(ids: specification.ids.count, fpc: specification.fpc.count)
        }

        // Strata and ids per stage as codes.
        let strata: DataFactor = try specification.strata.map { column throws(SurveyDesignError) in try factor(column) }
            ?? DataFactor(codes: [Int32](repeating: 0, count: rows), levels: ["1"])
        var idFactors: [DataFactor] = []
        for column in specification.ids { idFactors.append(try factor(column)) }
        if idFactors.isEmpty {
            idFactors = [DataFactor(codes: (0..<rows).map { Int32($0) }, levels: (1...max(rows, 1)).map(String.init))]
        }
        let stageCount = (!specification.ultimateCluster && specification.fpc.count >= 2) ? specification.fpc.count : 1

        // Units of each id stage: stage 1 keyed by (stratum if nested, id), stage k by (unit k−1, id).
        var unitOfRowByStage: [[Int32]] = []
        var unitLabels: [[String]] = []
        var previous: [Int32] = specification.nest ? strata.codes : [Int32](repeating: 0, count: rows)
        var previousLabels: [String] = specification.nest ? strata.levels : [""]
        for (stage, ids) in idFactors.enumerated() {
            var unitOfRow = [Int32](repeating: 0, count: rows)
            var labels: [String] = []
            let levelCount = Int64(ids.levels.count)
            let keySpace = Int64(previousLabels.count) * levelCount
            func label(_ row: Int) -> String {
                let parent = previousLabels[Int(previous[row])]
                let id = ids.levels[Int(ids.codes[row])]
                return parent.isEmpty || (stage == 0 && !specification.nest) ? id : parent + "." + id
            }
            if keySpace <= Int64(max(4 * rows, 1 << 20)) {
                var table = [Int32](repeating: -1, count: Int(keySpace))
                for row in 0..<rows {
                    let key = Int(Int64(previous[row]) * levelCount + Int64(ids.codes[row]))
                    if table[key] < 0 {
                        table[key] = Int32(labels.count)
                        labels.append(label(row))
                    }
                    unitOfRow[row] = table[key]
                }
            } else {
                var lookup: [Int64: Int32] = [:]
                for row in 0..<rows {
                    let key = Int64(previous[row]) * levelCount + Int64(ids.codes[row])
                    if let unit = lookup[key] {
                        unitOfRow[row] = unit
                    } else {
                        let unit = Int32(labels.count)
                        lookup[key] = unit
                        labels.append(label(row))
                        unitOfRow[row] = unit
                    }
                }
            }
            unitOfRowByStage.append(unitOfRow)
            unitLabels.append(labels)
            previous = unitOfRow
            previousLabels = labels
        }

        // Stage-1 PSUs must lie in one stratum.
        var stratumOfPSU = [Int32](repeating: -1, count: unitLabels[0].count)
        for row in 0..<rows {
            let psu = Int(unitOfRowByStage[0][row])
            if stratumOfPSU[psu] < 0 {
                stratumOfPSU[psu] = strata.codes[row]
            } else if stratumOfPSU[psu] != strata.codes[row] {
                throw .notNested(psu: unitLabels[0][psu])
            }
        }
        if specification.strata == nil, unitLabels[0].count == 1 { throw .singlePSU }

        // Group of each unit per stage and sample sizes.
        var groupOfUnitByStage: [[Int32]] = [stratumOfPSU]
        var groupCounts = [strata.levels.count]
        var groupLabels: [[String]] = [strata.levels]
        for stage in 1..<idFactors.count {
            var parent = [Int32](repeating: 0, count: unitLabels[stage].count)
            for row in 0..<rows { parent[Int(unitOfRowByStage[stage][row])] = unitOfRowByStage[stage - 1][row] }
            groupOfUnitByStage.append(parent)
            groupCounts.append(unitLabels[stage - 1].count)
            groupLabels.append(unitLabels[stage - 1])
        }
        var groupSizes: [[Int]] = []
        for stage in idFactors.indices {
            var sizes = [Int](repeating: 0, count: groupCounts[stage])
            for group in groupOfUnitByStage[stage] { sizes[Int(group)] += 1 }
            groupSizes.append(sizes)
        }

        // Population sizes per stage group from the fpc columns.
        var populations: [[Double]] = []
        var fpcValues: [[Double]] = []
        for column in specification.fpc { fpcValues.append(try numbers(column)) }
        let fractions = !fpcValues.isEmpty && fpcValues.allSatisfy { $0.allSatisfy { $0 <= 1 } }
        if !fpcValues.isEmpty, !fractions, fpcValues.contains(where: { $0.contains { $0 < 1 } }) {
            throw .mixedFPC(column: specification.fpc[fpcValues.firstIndex { $0.contains { $0 < 1 } }!])
        }
        for stage in idFactors.indices {
            var population = [Double](repeating: .infinity, count: groupCounts[stage])
            if stage < fpcValues.count {
                let groupOfRow: [Int32] = stage == 0 ? strata.codes : unitOfRowByStage[stage - 1]
                var seen = [Bool](repeating: false, count: groupCounts[stage])
                for row in 0..<rows {
                    let group = Int(groupOfRow[row])
                    guard !seen[group] else { continue }
                    seen[group] = true
                    let value = fpcValues[stage][row]
                    let size = groupSizes[stage][group]
                    population[group] = fractions ? Double(size) / value : value
                    if population[group] < Double(size) * (1 - 1e-12) {
                        throw .fpcBelowSample(column: specification.fpc[stage], group: groupLabels[stage][group], population: population[group], sample: size)
                    }
                }
            }
            populations.append(population)
        }

        // Weights.
        var weights: [Double]
        if let column = specification.weights {
            weights = try numbers(column)
            if let row = weights.firstIndex(where: { $0 < 0 }) { throw .negativeWeight(column: column, row: row + 1, value: weights[row]) }
        } else if !specification.probabilities.isEmpty {
            weights = [Double](repeating: 1, count: rows)
            for column in specification.probabilities {
                let probabilities = try numbers(column)
                for row in 0..<rows { weights[row] /= probabilities[row] }
            }
            if let row = weights.firstIndex(where: { $0 < 0 }) { throw .negativeWeight(column: specification.probabilities[0], row: row + 1, value: weights[row]) }
        } else if !fpcValues.isEmpty {
            weights = [Double](repeating: 1, count: rows)
            for stage in fpcValues.indices {
                let groupOfRow: [Int32] = stage == 0 ? strata.codes : unitOfRowByStage[stage - 1]
                for row in 0..<rows {
                    let group = Int(groupOfRow[row])
                    weights[row] *= populations[stage][group] / Double(groupSizes[stage][group])
                }
            }
        } else {
            weights = [Double](repeating: 1, count: rows)
        }
        self.weights = weights

        // Variance stages, indexed by the deepest variance stage's units.
        let deepest = stageCount - 1
        let deepestUnits = unitLabels[deepest].count
        unitOfRow = unitOfRowByStage[deepest]
        psuOfRow = unitOfRowByStage[0]
        var stages: [DesignStage] = []
        var factorOfUnit = [Double](repeating: 1, count: unitLabels[0].count)
        for stage in 0..<stageCount {
            var unitOfDeepest = [Int32](repeating: 0, count: deepestUnits)
            for row in 0..<rows { unitOfDeepest[Int(unitOfRowByStage[deepest][row])] = unitOfRowByStage[stage][row] }
            let groupFactors: [Double]
            if stage == 0 {
                groupFactors = [Double](repeating: 1, count: groupCounts[0])
            } else {
                groupFactors = factorOfUnit
            }
            let designStage = DesignStage(
                unitCount: unitLabels[stage].count, unitOfDeepest: unitOfDeepest, groupOfUnit: groupOfUnitByStage[stage],
                groupCount: groupCounts[stage], populations: populations[stage], factors: groupFactors, labels: groupLabels[stage]
            )
            stages.append(designStage)
            // Factor carried to the next stage's groups (this stage's units): n/N of the unit's group times the group's factor.
            var next = [Double](repeating: 1, count: unitLabels[stage].count)
            for unit in 0..<unitLabels[stage].count {
                let group = Int(groupOfUnitByStage[stage][unit])
                let population = populations[stage][group]
                next[unit] = groupFactors[group] * (population.isInfinite ? 0 : Double(groupSizes[stage][group]) / population)
            }
            factorOfUnit = next
        }
        self.stages = stages

        if specification.lonelyPSU == .fail {
            for (index, stage) in stages.enumerated() {
                for group in stage.groupSizes.indices where stage.groupSizes[group] == 1 && stage.correction(group) >= 1e-7 {
                    throw .lonelyPSU(stratum: stage.groupLabels[group], stage: index + 1)
                }
            }
        }

        var psuWeighted = [Bool](repeating: false, count: unitLabels[0].count)
        for row in 0..<rows where weights[row] != 0 { psuWeighted[Int(unitOfRowByStage[0][row])] = true }
        var strataWeighted = Set<Int32>()
        for psu in psuWeighted.indices where psuWeighted[psu] { strataWeighted.insert(stratumOfPSU[psu]) }
        degreesOfFreedom = psuWeighted.lazy.filter { $0 }.count - strataWeighted.count
    }
}
