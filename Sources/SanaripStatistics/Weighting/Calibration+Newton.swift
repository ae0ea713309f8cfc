import Foundation

extension Calibration {
    struct GSolution {
        var g: [Double]
        var iterations: Int
    }

    /// R `grake`: Newton–Raphson on η with step halving on non-finite g, then optional trimming of g.
    static func solve(weights: [Double], x: [Double], totals population: [Double], names: [String], options: Options) throws(WeightingError) -> GSolution {
        let n = weights.count, p = population.count
        let lower = options.bounds?.lower ?? -.infinity, upper = options.bounds?.upper ?? .infinity
        guard lower <= 1, upper >= 1 else { throw .invalidParameter(name: "calibration bounds", requirement: "must include 1 (L ≤ 1 ≤ U)") }
        let inverse: (Double) -> Double
        let derivative: (Double) -> Double
        switch options.distance {
        case .linear:
            inverse = { u in min(max(u + 1, lower), upper) - 1 }
            derivative = { u in (u < upper - 1 && u > lower - 1) ? 1 : 0 }
        case .raking:
            inverse = { u in min(max(exp(u), lower), upper) - 1 }
            derivative = { u in (u < upper - 1 && u > lower - 1) ? exp(u) : 0 }
        }
        var ww = weights
        var sampleTotal = [Double](repeating: 0, count: p)
        for k in 0..<n { for j in 0..<p { sampleTotal[j] += x[k * p + j] * ww[k] } }
        var scale: Double? = nil
        let scales = zip(population, sampleTotal).map { $0 / $1 }
        if let smallest = scales.min(), smallest > 20 {
            let s = scales.reduce(0, +) / Double(p)
            ww = ww.map { $0 * s }
            sampleTotal = sampleTotal.map { $0 * s }
            scale = s
        }
        var eta = [Double](repeating: 0, count: p)
        var xeta = [Double](repeating: 0, count: n)
        var g = [Double](repeating: 1, count: n)
        var deriv = [Double](repeating: 0, count: n)
        func update() {
            for k in 0..<n {
                var s = 0.0
                for j in 0..<p { s += x[k * p + j] * eta[j] }
                xeta[k] = s
                g[k] = 1 + inverse(s)
                deriv[k] = derivative(s)
            }
        }
        func misfit() -> [Double] {
            var m = zip(population, sampleTotal).map { $0 - $1 }
            for k in 0..<n {
                let f = ww[k] * inverse(xeta[k])
                for j in 0..<p { m[j] -= x[k * p + j] * f }
            }
            return m
        }
        update()
        var iteration = 1
        var failed: (Int, Double)? = nil
        while true {
            var t = [Double](repeating: 0, count: p * p)
            for k in 0..<n where deriv[k] != 0 {
                let a = ww[k] * deriv[k]
                for i in 0..<p {
                    let ai = a * x[k * p + i]
                    if ai == 0 { continue }
                    for j in 0..<p { t[i * p + j] += ai * x[k * p + j] }
                }
            }
            let m = misfit()
            var deta = SymmetricPseudoInverse.solve(t, p, m, tolerance: 256 * Double.ulpOfOne)
            for j in 0..<p { eta[j] += deta[j] }
            update()
            while iteration < options.maxIterations && (g.contains { !$0.isFinite } || deriv.contains { !$0.isFinite }) {
                iteration += 1
                deta = deta.map { $0 / 2 }
                for j in 0..<p { eta[j] -= deta[j] }
                update()
            }
            let after = misfit()
            let relative = zip(after, population).map { abs($0) / (1 + abs($1)) }
            if relative.allSatisfy({ $0 < options.epsilon }) { break }
            iteration += 1
            if iteration > options.maxIterations {
                let worst = relative.indices.max { relative[$0] < relative[$1] }!
                failed = (worst, relative[worst])
                break
            }
        }
        if let scale { g = g.map { $0 * scale } }
        if let trim = options.trim {
            let outside = g.map { $0 < trim.lower || $0 > trim.upper }
            if outside.contains(true) {
                var trimmings = 0.0, insideWeight = 0.0
                var trimmed = g
                for k in 0..<n {
                    trimmed[k] = max(trim.lower, min(g[k], trim.upper))
                    trimmings += (g[k] - trimmed[k]) * weights[k]
                    if !outside[k] { insideWeight += weights[k] }
                }
                for k in 0..<n where !outside[k] { trimmed[k] += trimmings / insideWeight }
                g = trimmed
                failed = nil
            }
        }
        if let (worst, error) = failed {
            let parts = names[worst].split(separator: "=", maxSplits: 1).map(String.init)
            throw .notConverged(variable: parts[0], level: parts.count > 1 ? parts[1] : "", relativeError: error, iterations: iteration)
        }
        return GSolution(g: g, iterations: iteration)
    }
}

/// Moore–Penrose solve of a small symmetric positive semi-definite system by Jacobi eigendecomposition,
/// dropping eigenvalues below `tolerance` × the largest (as `MASS::ginv`).
enum SymmetricPseudoInverse {
    static func solve(_ matrix: [Double], _ p: Int, _ b: [Double], tolerance: Double) -> [Double] {
        var a = matrix
        var v = [Double](repeating: 0, count: p * p)
        for i in 0..<p { v[i * p + i] = 1 }
        for _ in 0..<100 {
            var off = 0.0
            for i in 0..<p { for j in (i + 1)..<max(i + 1, p) { off += a[i * p + j] * a[i * p + j] } }
            if off < 1e-300 { break }
            for i in 0..<p {
                for j in (i + 1)..<max(i + 1, p) where a[i * p + j] != 0 {
                    let theta = (a[j * p + j] - a[i * p + i]) / (2 * a[i * p + j])
                    let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<p {
                        let aki = a[k * p + i], akj = a[k * p + j]
                        a[k * p + i] = c * aki - s * akj
                        a[k * p + j] = s * aki + c * akj
                    }
                    for k in 0..<p {
                        let aik = a[i * p + k], ajk = a[j * p + k]
                        a[i * p + k] = c * aik - s * ajk
                        a[j * p + k] = s * aik + c * ajk
                    }
                    for k in 0..<p {
                        let vki = v[k * p + i], vkj = v[k * p + j]
                        v[k * p + i] = c * vki - s * vkj
                        v[k * p + j] = s * vki + c * vkj
                    }
                }
            }
        }
        let eigenvalues = (0..<p).map { a[$0 * p + $0] }
        let largest = eigenvalues.map(abs).max() ?? 0
        var result = [Double](repeating: 0, count: p)
        for e in 0..<p where abs(eigenvalues[e]) > max(tolerance * largest, 0) {
            var projection = 0.0
            for k in 0..<p { projection += v[k * p + e] * b[k] }
            let coefficient = projection / eigenvalues[e]
            for k in 0..<p { result[k] += coefficient * v[k * p + e] }
        }
        return result
    }
}
