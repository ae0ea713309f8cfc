/// Raking (iterative proportional fitting) of weights to the totals of any number of categorical margins.
///
/// Each pass post-stratifies on every margin in turn, w_k ← w_k · T_{m,c} / Σ_{k∈c} w_k, and the passes
/// stop when the weighted table crossing all margin variables moves by less than ε between two passes:
/// max |N̂_new − N̂_old| < ε, ε in weight units (a value below 1 is multiplied by the initial Σw). This is
/// R `survey::rake()` exactly (with `control = list(maxit, epsilon)`), so weights agree with it to rounding.
///
/// All records in one cell of the crossed margins get the same factor, so the passes run on the cell
/// totals and the records are touched twice: O(n + passes · cells). An empty level with a positive total,
/// a data level missing from the margins, margins with different grand totals and non-convergence are
/// errors that name the margin and level.
public enum Raking {
    /// Convergence control; the defaults converge tightly (R's defaults are `maxIterations: 10, epsilon: 1`).
    public struct Options: Sendable, Hashable {
        public var maxIterations: Int
        public var epsilon: Double

        public init(maxIterations: Int = 100, epsilon: Double = 1e-10) {
            self.maxIterations = maxIterations
            self.epsilon = epsilon
        }
    }

    /// Rakes `weights` to `margins` over `variables` (the variables the margins name must be present).
    public static func rake(
        weights: [Double], variables: [WeightingVariable], margins: [WeightingMargin], options: Options = Options()
    ) throws(WeightingError) -> WeightingResult {
        try checkWeights(weights)
        guard options.maxIterations >= 1 else { throw .invalidParameter(name: "maximum iterations", requirement: "must be ≥ 1") }
        let targets = try MarginTargets.match(margins, variables: variables, recordCount: weights.count)
        guard !targets.isEmpty else { throw .invalidParameter(name: "margins", requirement: "must not be empty") }
        let (cellOf, cellLevels) = crossCells(targets, recordCount: weights.count)
        let cellCount = cellLevels.count / targets.count
        var cellTotal = [Double](repeating: 0, count: cellCount)
        for (k, c) in cellOf.enumerated() { cellTotal[Int(c)] += weights[k] }
        for (m, target) in targets.enumerated() {
            var levelTotal = [Double](repeating: 0, count: target.totals.count)
            for c in 0..<cellCount { levelTotal[Int(cellLevels[c * targets.count + m])] += cellTotal[c] }
            for (code, total) in levelTotal.enumerated() where total <= 0 && target.totals[code] > 0 {
                throw .emptyCell(variable: target.variable.name, level: target.variable.levels[code])
            }
        }
        let epsilon = options.epsilon < 1 ? options.epsilon * weights.reduce(0, +) : options.epsilon
        var factor = [Double](repeating: 1, count: cellCount)
        // Each margin's cell factors right after its step in the latest pass, which R keeps for the variance.
        var stepFactors = [[Double]](repeating: [], count: targets.count)
        var current = cellTotal
        var previous = cellTotal
        var iterations = 0
        var converged = false
        while iterations < options.maxIterations {
            for (m, target) in targets.enumerated() {
                var levelTotal = [Double](repeating: 0, count: target.totals.count)
                for c in 0..<cellCount { levelTotal[Int(cellLevels[c * targets.count + m])] += current[c] }
                let ratio = zip(target.totals, levelTotal).map { $1 == 0 ? 1 : $0 / $1 }
                for c in 0..<cellCount {
                    let r = ratio[Int(cellLevels[c * targets.count + m])]
                    current[c] *= r
                    factor[c] *= r
                }
                stepFactors[m] = factor
            }
            iterations += 1
            var delta = 0.0
            for c in 0..<cellCount { delta = max(delta, abs(current[c] - previous[c])) }
            if delta < epsilon { converged = true; break }
            previous = current
        }
        var raked = [Double](repeating: 0, count: weights.count)
        for (k, c) in cellOf.enumerated() { raked[k] = weights[k] * factor[Int(c)] }
        let diagnostics = WeightDiagnostics(weights: raked, targets: targets, iterations: iterations, converged: converged)
        if !converged, let worst = diagnostics.margins.max(by: { abs($0.relativeError) < abs($1.relativeError) }) {
            throw .notConverged(variable: worst.variable, level: worst.level, relativeError: worst.relativeError, iterations: iterations)
        }
        let step = DesignCalibration.Step.raking(
            base: weights, cells: cellOf, cellLevels: cellLevels, levelCounts: targets.map(\.variable.levels.count), stepFactors: stepFactors)
        return WeightingResult(
            base: weights, weights: raked, method: .raking, variables: targets.map(\.variable.name), diagnostics: diagnostics,
            calibration: DesignCalibration(steps: [step]))
    }

    /// The cell of each record in the crossing of all margin variables (dense ids of the observed
    /// combinations) and, per cell, its level code in each margin (row-major, cells × margins).
    static func crossCells(_ targets: [MarginTargets], recordCount: Int) -> (cellOf: [Int32], cellLevels: [Int32]) {
        var radix: [Int] = []
        var product = 1
        var fits = true
        for target in targets {
            radix.append(product)
            let (p, overflow) = product.multipliedReportingOverflow(by: max(1, target.variable.levels.count))
            if overflow || p > 1 << 40 { fits = false; break }
            product = p
        }
        var cellOf = [Int32](repeating: 0, count: recordCount)
        var cellLevels: [Int32] = []
        if fits && product <= max(4 * recordCount, 1 << 16) {
            var dense = [Int32](repeating: -1, count: product)
            for k in 0..<recordCount {
                var key = 0
                for (m, target) in targets.enumerated() { key += Int(target.variable.codes[k]) * radix[m] }
                if dense[key] < 0 {
                    dense[key] = Int32(cellLevels.count / targets.count)
                    for target in targets { cellLevels.append(target.variable.codes[k]) }
                }
                cellOf[k] = dense[key]
            }
        } else {
            var ids: [[Int32]: Int32] = [:]
            for k in 0..<recordCount {
                let key = targets.map { $0.variable.codes[k] }
                if let id = ids[key] { cellOf[k] = id; continue }
                let id = Int32(ids.count)
                ids[key] = id
                cellLevels.append(contentsOf: key)
                cellOf[k] = id
            }
        }
        return (cellOf, cellLevels)
    }
}
