/// How a set of weights looks and how well it meets its targets.
///
/// CV uses the population (1/n) variance, so `kishDesignEffect` = n·Σw²/(Σw)² = 1 + CV²: the variance
/// inflation that unequal weights alone cause (Kish 1965). Zero weights count in n.
public struct WeightDiagnostics: Sendable, Hashable {
    /// One margin level: its target, the weighted total achieved, and (achieved − target)/target.
    public struct MarginCheck: Sendable, Hashable {
        public var variable: String
        public var level: String
        public var target: Double
        public var achieved: Double
        public var relativeError: Double { target == 0 ? (achieved == 0 ? 0 : .infinity) : (achieved - target) / target }
    }

    public var count: Int
    public var sum: Double
    public var minimum: Double
    public var maximum: Double
    public var mean: Double
    public var coefficientOfVariation: Double
    public var kishDesignEffect: Double
    /// Iterations used (passes over all margins for raking, Newton steps for calibration; 1 for closed forms).
    public var iterations: Int
    public var converged: Bool
    public var margins: [MarginCheck]
    /// max |relative error| over `margins` (0 without margins).
    public var maxRelativeError: Double { margins.map { abs($0.relativeError) }.max() ?? 0 }

    /// Describes `weights`, checking them against the categorical `targets`.
    init(weights: [Double], targets: [MarginTargets], iterations: Int, converged: Bool) {
        count = weights.count
        var sum = 0.0, sumSquares = 0.0, minimum = Double.infinity, maximum = -Double.infinity
        for w in weights {
            sum += w
            sumSquares += w * w
            minimum = Swift.min(minimum, w)
            maximum = Swift.max(maximum, w)
        }
        self.sum = sum
        self.minimum = weights.isEmpty ? 0 : minimum
        self.maximum = weights.isEmpty ? 0 : maximum
        let n = Double(weights.count)
        mean = weights.isEmpty ? 0 : sum / n
        let variance = weights.isEmpty ? 0 : Swift.max(0, sumSquares / n - mean * mean)
        coefficientOfVariation = mean == 0 ? 0 : variance.squareRoot() / mean
        kishDesignEffect = sum == 0 ? 1 : n * sumSquares / (sum * sum)
        self.iterations = iterations
        self.converged = converged
        margins = targets.flatMap { target in
            var achieved = [Double](repeating: 0, count: target.totals.count)
            for (k, code) in target.variable.codes.enumerated() { achieved[Int(code)] += weights[k] }
            return target.marginLevels.map { level in
                let code = target.variable.levels.firstIndex(of: level)
                return MarginCheck(
                    variable: target.variable.name, level: level,
                    target: code.map { target.totals[$0] } ?? 0, achieved: code.map { achieved[$0] } ?? 0)
            }
        }
    }

    /// Describes weights with no targets.
    public init(weights: [Double]) {
        self.init(weights: weights, targets: [], iterations: 0, converged: true)
    }
}

/// Weights with their diagnostics and what the estimation engine needs for calibration-aware variances.
public struct WeightingResult: Sendable, Hashable {
    /// How the weights were adjusted.
    public enum Method: String, Sendable, Hashable {
        case poststratification, raking, linear, rakingCalibration = "raking-calibration", trimming, nonresponse
    }

    public var weights: [Double]
    /// g_k = final weight / input weight (0 where the input weight is 0).
    public var adjustments: [Double]
    public var method: Method
    /// The calibration variables (margin variables, or numeric auxiliaries), in margin order. With `method`
    /// these let the variance code take residuals on the same variables (R `survey` `postStrata`).
    public var calibrationVariables: [String]
    public var diagnostics: WeightDiagnostics
    /// The calibration step behind the weights, for ``SurveyDesign/calibrated(by:)``; none for trimming and the
    /// nonresponse adjustment (trimming calibrated weights keeps the calibration, as R's `trimWeights` does).
    public var calibration: DesignCalibration

    init(base: [Double], weights: [Double], method: Method, variables: [String], diagnostics: WeightDiagnostics, calibration: DesignCalibration = .none) {
        self.weights = weights
        adjustments = zip(weights, base).map { $1 == 0 ? 0 : $0 / $1 }
        self.method = method
        calibrationVariables = variables
        self.diagnostics = diagnostics
        self.calibration = calibration
    }
}

func checkWeights(_ weights: [Double]) throws(WeightingError) {
    for (k, w) in weights.enumerated() where !(w.isFinite && w >= 0) { throw .invalidWeight(record: k, value: w) }
}
