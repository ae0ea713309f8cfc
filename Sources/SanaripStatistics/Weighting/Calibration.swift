import Foundation

/// Calibration of weights to known population totals of auxiliary variables (Deville & Särndal 1992).
///
/// Final weights are w_k·g_k with g_k = 1 + F⁻¹(x_k′η), and η solves Σ w_k g_k x_k = T (the totals). F⁻¹ is
/// u for ``Distance/linear`` (GREG; with no bounds this is the closed form g_k = 1 + x_k′(Σ w x x′)⁻¹(T − t̂))
/// and eᵘ − 1 for ``Distance/raking`` (multiplicative; raking to the margins as a calibration). Bounds
/// L ≤ g_k ≤ U are imposed by truncating F⁻¹, as R does. η is found by Newton–Raphson with a Moore–Penrose
/// inverse, so redundant auxiliaries (e.g. every level of two margins) are harmless; iterations stop when
/// max_j |T_j − Σ w g x_j| / (1 + |T_j|) < ε. When every T_j/t̂_j > 20 the weights are first scaled by the mean
/// ratio and bounds then apply to g after that scaling. `trim` then caps g to [L, U] and spreads the
/// trimmed weight over the untrimmed units in proportion to their weights.
///
/// This follows R `survey::calibrate()` (`grake`) step for step; weights agree with it to 1e-8 or better.
public enum Calibration {
    /// The calibration distance.
    public enum Distance: String, Sendable, Hashable {
        case linear, raking
    }

    public struct Options: Sendable, Hashable {
        public var distance: Distance
        /// Bounds on g (not on the weights); `nil` = unbounded.
        public var bounds: (lower: Double, upper: Double)? {
            get { boundsStorage.map { ($0[0], $0[1]) } }
            set { boundsStorage = newValue.map { [$0.lower, $0.upper] } }
        }
        /// Trimming range for g applied after calibration; `nil` = none.
        public var trim: (lower: Double, upper: Double)? {
            get { trimStorage.map { ($0[0], $0[1]) } }
            set { trimStorage = newValue.map { [$0.lower, $0.upper] } }
        }
        public var maxIterations: Int
        public var epsilon: Double
        private var boundsStorage: [Double]?
        private var trimStorage: [Double]?

        public init(
            distance: Distance = .linear, bounds: (lower: Double, upper: Double)? = nil,
            trim: (lower: Double, upper: Double)? = nil, maxIterations: Int = 50, epsilon: Double = 1e-7
        ) {
            self.distance = distance
            self.maxIterations = maxIterations
            self.epsilon = epsilon
            self.bounds = bounds
            self.trim = trim
        }
    }

    /// Calibrates on a numeric design matrix.
    ///
    /// - Parameters:
    ///   - weights: the input weights w_k (base or nonresponse-adjusted), ≥ 0.
    ///   - auxiliaries: the matrix X, `weights.count` rows × `totals.count` columns, row-major.
    ///   - totals: the population totals T_j of the columns.
    ///   - names: a name per column for messages (defaults to "x1", "x2", …).
    public static func calibrate(
        weights: [Double], auxiliaries x: [Double], totals: [Double], names: [String]? = nil, options: Options = Options()
    ) throws(WeightingError) -> WeightingResult {
        try checkWeights(weights)
        let n = weights.count, p = totals.count
        guard x.count == n * p else { throw .lengthMismatch(what: "auxiliary matrix", expected: n * p, found: x.count) }
        let names = names ?? (0..<p).map { "x\($0 + 1)" }
        let g = try solve(weights: weights, x: x, totals: totals, names: names, options: options)
        let calibrated = zip(weights, g.g).map { $0 * $1 }
        let achieved = (0..<p).map { j in (0..<n).reduce(0.0) { $0 + calibrated[$1] * x[$1 * p + j] } }
        var diagnostics = WeightDiagnostics(weights: calibrated, targets: [], iterations: g.iterations, converged: true)
        diagnostics.margins = (0..<p).map { WeightDiagnostics.MarginCheck(variable: names[$0], level: "", target: totals[$0], achieved: achieved[$0]) }
        return WeightingResult(
            base: weights, weights: calibrated, method: options.distance == .linear ? .linear : .rakingCalibration,
            variables: names, diagnostics: diagnostics,
            calibration: DesignCalibration(steps: [.regression(model: x, columns: p, before: weights, after: calibrated)]))
    }

    /// Calibrates to categorical margins (`variable,level,total` rows), and optionally numeric totals
    /// (rows with an empty level, naming a variable of `numeric`).
    ///
    /// The design matrix is R's `model.matrix(~ a + b + x)`: an intercept (total = the first margin's grand
    /// total), one indicator per level but the first of each categorical margin, one column per numeric
    /// variable. Level order is the order of the margins.
    public static func calibrate(
        weights: [Double], variables: [WeightingVariable], numeric: [String: [Double]] = [:],
        margins: [WeightingMargin], options: Options = Options()
    ) throws(WeightingError) -> WeightingResult {
        let categorical = margins.filter { !($0.level.isEmpty && numeric[$0.variable] != nil) }
        let numericMargins = margins.filter { $0.level.isEmpty && numeric[$0.variable] != nil }
        let targets = try MarginTargets.match(categorical, variables: variables, recordCount: weights.count)
        var columns: [[Double]] = []
        var totals: [Double] = []
        var names: [String] = []
        if let first = targets.first {
            columns.append([Double](repeating: 1, count: weights.count))
            totals.append(first.totals.reduce(0, +))
            names.append("(Intercept)")
        }
        for target in targets {
            // The first listed level present in the data is the reference (R's treatment contrasts); levels
            // absent from the data have a zero total (MarginTargets rejects positive ones) and need no column.
            let present = target.marginLevels.filter { target.variable.levels.contains($0) }
            for level in present.dropFirst() {
                let code = target.variable.levels.firstIndex(of: level)!
                columns.append(target.variable.codes.map { Int($0) == code ? 1 : 0 })
                totals.append(target.totals[code])
                names.append("\(target.variable.name)=\(level)")
            }
        }
        for margin in numericMargins {
            let values = numeric[margin.variable]!
            guard values.count == weights.count else { throw .lengthMismatch(what: "variable '\(margin.variable)'", expected: weights.count, found: values.count) }
            columns.append(values)
            totals.append(margin.total)
            names.append(margin.variable)
        }
        for (target, code) in targets.flatMap({ t in t.totals.indices.map { (t, $0) } }) where target.totals[code] > 0 {
            var total = 0.0
            for (k, c) in target.variable.codes.enumerated() where Int(c) == code { total += weights[k] }
            if total == 0 { throw .emptyCell(variable: target.variable.name, level: target.variable.levels[code]) }
        }
        let p = columns.count
        var x = [Double](repeating: 0, count: weights.count * p)
        for (j, column) in columns.enumerated() { for k in column.indices { x[k * p + j] = column[k] } }
        var result = try calibrate(weights: weights, auxiliaries: x, totals: totals, names: names, options: options)
        let categoricalChecks = WeightDiagnostics(weights: result.weights, targets: targets, iterations: 0, converged: true).margins
        let numericChecks = result.diagnostics.margins.filter { check in numericMargins.contains { $0.variable == check.variable } }
        result.diagnostics.margins = categoricalChecks + numericChecks
        result.calibrationVariables = targets.map(\.variable.name) + numericMargins.map(\.variable)
        return result
    }
}
