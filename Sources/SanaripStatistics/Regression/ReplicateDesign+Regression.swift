extension ReplicateDesign {
    /// Fits `response ~ predictors` (with an intercept) as R's `svyglm` on a replicate design: the full-sample fit,
    /// then the model refitted with each replicate's weights (from the full-sample coefficients), the covariance of
    /// the coefficients from the replicates, t tests on R's `degf` + 1 − p degrees of freedom. Rows missing any value
    /// are left out. Returns nil when the predictors are collinear or the full-sample logistic fit does not converge.
    public func regression(_ family: DesignRegression.Family, response y: [Double], predictors: [(name: String, values: [Double])], level: Double = 0.95) -> DesignRegression? {
        guard let used = DesignRegression.usableRows(y, predictors, weights: weights),
              let (beta, _) = DesignRegression.fit(family, response: y, predictors: predictors, weights: weights, rows: used)
        else { return nil }
        let p = beta.count
        var values = [Double](repeating: .nan, count: replicateCount * p)
        for replicate in 0..<replicateCount {
            let replicateWeights = rowWeights(replicate: replicate)
            guard let rows = DesignRegression.usableRows(y, predictors, weights: replicateWeights),
                  let (coefficients, _) = DesignRegression.fit(family, response: y, predictors: predictors, weights: replicateWeights, rows: rows, start: beta)
            else { continue }
            for j in 0..<p { values[replicate * p + j] = coefficients[j] }
        }
        return DesignRegression(
            family, terms: ["(Intercept)"] + predictors.map(\.name), coefficients: beta,
            covariance: covariance(replicateValues: values, columns: p),
            degreesOfFreedom: degreesOfFreedom + 1 - p, n: used.count, level: level
        )
    }
}
