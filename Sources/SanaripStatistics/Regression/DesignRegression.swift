import Foundation

/// A linear or logistic regression fitted with the sampling weights, with design-based (sandwich) standard errors
/// as R's `svyglm`: the estimating-function scores x_k·w_k(y_k − μ_k) times (Σ w v x xᵀ)⁻¹, summed per unit,
/// through ``SurveyDesign/covariance(ofUnitScores:columns:)``. t tests on design df + 1 − p degrees of freedom.
public struct DesignRegression: Sendable, Equatable {
    public enum Family: String, Sendable, CaseIterable {
        case linear, logistic
    }

    public var family: Family
    /// "(Intercept)" then the predictors.
    public var terms: [String]
    public var coefficients: [Double]
    public var standardErrors: [Double]
    public var tValues: [Double]
    public var pValues: [Double]
    public var ciLow: [Double]
    public var ciHigh: [Double]
    /// Row-major covariance of the coefficients.
    public var covariance: [Double]
    public var degreesOfFreedom: Int
    /// Rows used (all values present, weight nonzero).
    public var n: Int
}

extension DesignRegression {
    /// The rows with the response, every predictor and a nonzero weight; nil when they are no more than the terms.
    static func usableRows(_ y: [Double], _ predictors: [(name: String, values: [Double])], weights: [Double]) -> [Int]? {
        let used = y.indices.filter { row in weights[row] != 0 && !y[row].isNaN && predictors.allSatisfy { !$0.values[row].isNaN } }
        return used.count > predictors.count + 1 ? used : nil
    }

    /// Fits the model by Newton–Raphson (IRLS) with `weights` on `rows`, from `start` (zero when nil): the coefficients
    /// and the inverse information (Σ w v x xᵀ)⁻¹. Nil when the predictors are collinear or a logistic fit does not
    /// converge; a linear model needs one step, the second refines it numerically.
    static func fit(
        _ family: Family,
        response y: [Double],
        predictors: [(name: String, values: [Double])],
        weights: [Double],
        rows used: [Int],
        start: [Double]? = nil
    ) -> (coefficients: [Double], inverseInformation: DenseMatrix)? {
        let p = predictors.count + 1
        func x(_ row: Int, _ j: Int) -> Double { j == 0 ? 1 : predictors[j - 1].values[row] }
        var beta = start ?? [Double](repeating: 0, count: p)
        var information = DenseMatrix(rows: p, columns: p)
        for iteration in 0..<100 {
            information = DenseMatrix(rows: p, columns: p)
            var gradient = DenseMatrix(rows: p, columns: 1)
            for row in used {
                var eta = 0.0
                for j in 0..<p { eta += beta[j] * x(row, j) }
                let mu = family == .linear ? eta : 1 / (1 + exp(-eta))
                let variance = family == .linear ? 1 : mu * (1 - mu)
                let weight = weights[row]
                for a in 0..<p {
                    let xa = x(row, a)
                    gradient[a, 0] += weight * xa * (y[row] - mu)
                    for b in 0..<p { information[a, b] += weight * variance * xa * x(row, b) }
                }
            }
            guard let step = information.solve(gradient) else { return nil }
            var change = 0.0
            for j in 0..<p {
                beta[j] += step[j, 0]
                change = max(change, abs(step[j, 0]) / max(abs(beta[j]), 1e-8))
            }
            if (family == .linear && iteration == 1) || (family == .logistic && change < 1e-13) {
                return information.inverse.map { (beta, $0) }
            }
        }
        return nil
    }

    /// The fitted model's table: SEs from `covariance`, t tests and intervals on `df` degrees of freedom.
    init(_ family: Family, terms: [String], coefficients beta: [Double], covariance: [Double], degreesOfFreedom df: Int, n: Int, level: Double) {
        let p = beta.count
        let standardErrors = (0..<p).map { covariance[$0 * p + $0].squareRoot() }
        let tValues = (0..<p).map { beta[$0] / standardErrors[$0] }
        let distribution = df > 0 ? StudentT(degreesOfFreedom: Double(df)) : nil
        let quantile = distribution?.quantile(1 - (1 - level) / 2) ?? .nan
        self.init(
            family: family, terms: terms, coefficients: beta,
            standardErrors: standardErrors, tValues: tValues,
            pValues: tValues.map { t in distribution.map { 2 * $0.cdf(-abs(t)) } ?? .nan },
            ciLow: (0..<p).map { beta[$0] - quantile * standardErrors[$0] },
            ciHigh: (0..<p).map { beta[$0] + quantile * standardErrors[$0] },
            covariance: covariance, degreesOfFreedom: df, n: n
        )
    }
}

extension SurveyDesign {
    /// Fits `response ~ predictors` (with an intercept); rows missing any value are left out, the design kept.
    /// Returns nil when the predictors are collinear or a logistic fit does not converge.
    public func regression(_ family: DesignRegression.Family, response y: [Double], predictors: [(name: String, values: [Double])], level: Double = 0.95) -> DesignRegression? {
        guard let used = DesignRegression.usableRows(y, predictors, weights: weights),
              let (beta, inverse) = DesignRegression.fit(family, response: y, predictors: predictors, weights: weights, rows: used)
        else { return nil }
        let p = predictors.count + 1
        func x(_ row: Int, _ j: Int) -> Double { j == 0 ? 1 : predictors[j - 1].values[row] }
        let units = deepestUnitCount
        var scores = [Double](repeating: 0, count: units * p)
        var counts = [Int32](repeating: 0, count: units)
        /// Row k's influence on the coefficients, (Σ w v x xᵀ)⁻¹x_k · w_k(y_k − μ_k), as `add(coefficient, value)`.
        func influence(_ row: Int, _ add: (Int, Double) -> Void) {
            var eta = 0.0
            for j in 0..<p { eta += beta[j] * x(row, j) }
            let mu = family == .linear ? eta : 1 / (1 + exp(-eta))
            let residual = weights[row] * (y[row] - mu)
            for a in 0..<p {
                var value = 0.0
                for b in 0..<p { value += inverse[a, b] * x(row, b) }
                add(a, value * residual)
            }
        }
        var isUsed = [Bool](repeating: false, count: rowCount)
        for row in used {
            let unit = Int(unitOfRow[row])
            counts[unit] += 1
            isUsed[row] = true
            influence(row) { a, value in scores[unit * p + a] += value }
        }
        scores = calibratedScores(scores, columns: p) { row, add in
            if isUsed[row] { influence(row, add) }
        }
        return DesignRegression(
            family, terms: ["(Intercept)"] + predictors.map(\.name), coefficients: beta,
            covariance: covariance(ofUnitScores: scores, columns: p),
            degreesOfFreedom: domainDegreesOfFreedom(counts: counts, domains: 1)[0] + 1 - p, n: used.count, level: level
        )
    }
}
