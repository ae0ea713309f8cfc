/// Post-stratification: within each cell c of one categorical variable, w_k ← w_k · N_c / Σ_{k∈c} w_k.
///
/// The weighted cell totals then equal the population counts exactly. Equal to R `survey::postStratify()`
/// (and to linear calibration on the cell indicators). To post-stratify on a crossing (sex × age), give a
/// variable whose values are the crossed cells. A cell with a positive total but no respondent is an error.
public enum PostStratification {
    public static func adjust(
        weights: [Double], variables: [WeightingVariable], margins: [WeightingMargin]
    ) throws(WeightingError) -> WeightingResult {
        try checkWeights(weights)
        let targets = try MarginTargets.match(margins, variables: variables, recordCount: weights.count)
        guard targets.count == 1, let target = targets.first else {
            throw .invalidParameter(name: "post-stratification margins", requirement: "must name exactly one variable (cross the variables into one column for several)")
        }
        var cellTotal = [Double](repeating: 0, count: target.totals.count)
        for (k, code) in target.variable.codes.enumerated() { cellTotal[Int(code)] += weights[k] }
        for (code, total) in cellTotal.enumerated() where total <= 0 && target.totals[code] > 0 {
            throw .emptyCell(variable: target.variable.name, level: target.variable.levels[code])
        }
        let adjusted = zip(weights, target.variable.codes).map { w, code in
            let c = Int(code)
            return cellTotal[c] == 0 ? w : w / (cellTotal[c] / target.totals[c])
        }
        let diagnostics = WeightDiagnostics(weights: adjusted, targets: targets, iterations: 1, converged: true)
        return WeightingResult(
            base: weights, weights: adjusted, method: .poststratification, variables: [target.variable.name], diagnostics: diagnostics,
            calibration: DesignCalibration(steps: [.postStratification(cells: target.variable.codes, before: weights, after: adjusted)]))
    }
}
