/// Design (base) weights and the nonresponse adjustment that precedes calibration.
public enum BaseWeights {
    /// w_k = 1 / Π_s π_{s,k}: the inverse of the product of the stages' inclusion probabilities
    /// (e.g. municipality π, household n/N in the municipality, person 1/m or the Kish probability).
    ///
    /// - Parameter stageProbabilities: one array per stage, each with one probability per record, in (0, 1].
    public static func compute(stageProbabilities: [[Double]]) throws(WeightingError) -> [Double] {
        guard let first = stageProbabilities.first else { return [] }
        var weights = [Double](repeating: 1, count: first.count)
        for (s, stage) in stageProbabilities.enumerated() {
            guard stage.count == first.count else { throw .lengthMismatch(what: "stage \(s + 1) probabilities", expected: first.count, found: stage.count) }
            for (k, p) in stage.enumerated() {
                guard p > 0, p <= 1 else {
                    throw .invalidParameter(name: "stage \(s + 1) probability of record \(k + 1)", requirement: "is \(p); it must be in (0, 1]")
                }
                weights[k] /= p
            }
        }
        return weights
    }

    /// Weighting-class nonresponse adjustment: within each class, respondents' weights are multiplied by
    /// Σ w (all eligible units) / Σ w (respondents) and nonrespondents get 0, so each class keeps its weighted total.
    ///
    /// A class with eligible units but no respondent is an error naming it (merge it with a similar class).
    public static func adjustForNonresponse(
        weights: [Double], responded: [Bool], classes: WeightingVariable? = nil
    ) throws(WeightingError) -> WeightingResult {
        try checkWeights(weights)
        guard responded.count == weights.count else { throw .lengthMismatch(what: "response indicator", expected: weights.count, found: responded.count) }
        let variable = classes ?? WeightingVariable(name: "all", levels: ["all"], codes: [Int32](repeating: 0, count: weights.count))
        guard variable.codes.count == weights.count else { throw .lengthMismatch(what: "variable '\(variable.name)'", expected: weights.count, found: variable.codes.count) }
        var all = [Double](repeating: 0, count: variable.levels.count)
        var respondents = all
        for k in weights.indices {
            let c = Int(variable.codes[k])
            all[c] += weights[k]
            if responded[k] { respondents[c] += weights[k] }
        }
        for c in all.indices where all[c] > 0 && respondents[c] == 0 {
            throw .emptyCell(variable: variable.name, level: variable.levels[c])
        }
        let adjusted = weights.indices.map { k -> Double in
            let c = Int(variable.codes[k])
            return responded[k] ? weights[k] * all[c] / respondents[c] : 0
        }
        let diagnostics = WeightDiagnostics(weights: adjusted)
        return WeightingResult(base: weights, weights: adjusted, method: .nonresponse, variables: classes.map { [$0.name] } ?? [], diagnostics: diagnostics)
    }
}
