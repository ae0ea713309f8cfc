/// Trimming: weights outside [lower, upper] are set to the bound and the amount cut (or added) is shared
/// equally among the weights inside, so Σw is kept.
///
/// This is R `survey::trimWeights()`: the redistribution is additive (Σ trimmings / number inside), and with
/// `strict` it repeats until no weight is outside (the shares can push inside weights over a bound).
public enum WeightTrimming {
    public static func trim(weights: [Double], lower: Double = -.infinity, upper: Double = .infinity, strict: Bool = false) throws(WeightingError) -> WeightingResult {
        try checkWeights(weights)
        guard lower <= upper else { throw .invalidParameter(name: "trimming bounds", requirement: "must have lower ≤ upper") }
        var current = weights
        var passes = 0
        while true {
            let outside = current.map { $0 < lower || $0 > upper }
            let insideCount = outside.count { !$0 }
            guard outside.contains(true) else { break }
            guard insideCount > 0 else {
                throw .invalidParameter(name: "trimming bounds [\(lower), \(upper)]", requirement: "leave no weight inside to take the trimmed amount; widen them")
            }
            var trimmings = 0.0
            var next = current
            for k in current.indices where outside[k] {
                next[k] = max(lower, min(current[k], upper))
                trimmings += current[k] - next[k]
            }
            let share = trimmings / Double(insideCount)
            for k in current.indices where !outside[k] { next[k] += share }
            current = next
            passes += 1
            if !strict || passes >= 1000 { break }
        }
        let diagnostics = WeightDiagnostics(weights: current, targets: [], iterations: passes, converged: true)
        return WeightingResult(base: weights, weights: current, method: .trimming, variables: [], diagnostics: diagnostics)
    }
}
