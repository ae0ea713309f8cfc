/// Means, totals, ratios and proportions by domain, from one pass over the rows.
///
/// For a ratio R̂_d = Ŷ_d/X̂_d (a mean has x ≡ 1, a proportion a 0/1 y) the linearised score of row k is
/// z_k = I_d(k)·w_k(y_k − R̂_d x_k)/X̂_d, for a total z_k = I_d(k)·w_k y_k. The pass accumulates Σw·y, Σw·x
/// and counts per (design unit, domain); unit scores follow without touching the rows again, and the
/// variance is ``SurveyDesign/variance(ofUnitScores:columns:)``. Rows missing y (or x), outside every domain
/// or of zero weight add nothing but the design keeps all its PSUs, as R's `na.rm=TRUE` and `svyby` do.
///
/// Design effects (R's `deff=TRUE`): V_srs = s²·(N̂ − n)/(N̂·n) for a mean with s² = Σw(y − ȳ)²/Σw · n/(n − 1),
/// times N̂² for a total; a ratio uses the total of (y − R̂x)/X̂. Intervals use t on the domain's degrees of freedom.
extension SurveyDesign {
    public func mean(_ y: [Double], variable: String, domains: DomainSet, options: EstimationOptions = .init()) -> LinearEstimates {
        linear(kind: .mean, y: y, x: nil, variable: variable, level: nil, domains: domains, options: options)
    }

    public func total(_ y: [Double], variable: String, domains: DomainSet, options: EstimationOptions = .init()) -> LinearEstimates {
        linear(kind: .total, y: y, x: nil, variable: variable, level: nil, domains: domains, options: options)
    }

    public func ratio(_ numerator: [Double], _ denominator: [Double], variable: String, domains: DomainSet, options: EstimationOptions = .init()) -> LinearEstimates {
        linear(kind: .ratio, y: numerator, x: denominator, variable: variable, level: nil, domains: domains, options: options)
    }

    /// The share of rows with y = 1 among rows with y present (y holds 0/1), with the interval of `options.proportionInterval`.
    public func proportion(_ y: [Double], variable: String, domains: DomainSet, options: EstimationOptions = .init()) -> LinearEstimates {
        linear(kind: .proportion, y: y, x: nil, variable: variable, level: nil, domains: domains, options: options)
    }

    /// The share of each level of a categorical variable (missing rows excluded), one ``LinearEstimates`` per level.
    public func proportions(_ factor: DataFactor, variable: String, domains: DomainSet, options: EstimationOptions = .init()) -> [LinearEstimates] {
        factor.levels.indices.map { level in
            let indicator = factor.codes.map { $0 < 0 ? Double.nan : ($0 == Int32(level) ? 1 : 0) }
            return linear(kind: .proportion, y: indicator, x: nil, variable: variable, level: factor.levels[level], domains: domains, options: options)
        }
    }

    /// `variance` is the mean of squared deviations that ``populationVariance(_:variable:domains:options:)`` builds.
    enum LinearKind: String { case mean, total, ratio, proportion, variance }

    func linear(kind: LinearKind, y: [Double], x: [Double]?, variable: String, level: String?, domains: DomainSet, options: EstimationOptions) -> LinearEstimates {
        let domainCount = domains.count
        let units = deepestUnitCount
        var sumY = [Double](repeating: 0, count: units * domainCount)
        var sumX = [Double](repeating: 0, count: units * domainCount)
        var counts = [Int32](repeating: 0, count: units * domainCount)
        precondition(y.count == rowCount && domains.codes.count == rowCount, "columns must have one value per row")
        y.withUnsafeBufferPointer { y in
            weights.withUnsafeBufferPointer { w in
                unitOfRow.withUnsafeBufferPointer { unitOfRow in
                    domains.codes.withUnsafeBufferPointer { codes in
                        for row in 0..<rowCount {
                            let domain = codes[row]
                            let value = y[row], weight = w[row]
                            if domain < 0 || value.isNaN || weight == 0 { continue }
                            let xValue = x?[row] ?? 1
                            if xValue.isNaN { continue }
                            let cell = Int(unitOfRow[row]) * domainCount + Int(domain)
                            sumY[cell] += weight * value
                            sumX[cell] += weight * xValue
                            counts[cell] += 1
                        }
                    }
                }
            }
        }
        var totalY = [Double](repeating: 0, count: domainCount)
        var totalX = [Double](repeating: 0, count: domainCount)
        var n = [Int](repeating: 0, count: domainCount)
        for unit in 0..<units {
            for domain in 0..<domainCount {
                let cell = unit * domainCount + domain
                totalY[domain] += sumY[cell]
                totalX[domain] += sumX[cell]
                n[domain] += Int(counts[cell])
            }
        }
        let isTotal = kind == .total
        let estimate = (0..<domainCount).map { isTotal ? totalY[$0] : totalY[$0] / totalX[$0] }
        var scores = sumY
        if !isTotal {
            for unit in 0..<units {
                for domain in 0..<domainCount {
                    let cell = unit * domainCount + domain
                    scores[cell] = totalX[domain] == 0 ? 0 : (sumY[cell] - estimate[domain] * sumX[cell]) / totalX[domain]
                }
            }
        }
        if calibration != nil {
            scores = calibrated(linearScores: scores, y: y, x: x, domains: domains, estimate: estimate, totalX: isTotal ? nil : totalX)
        }
        let variances = variance(ofUnitScores: scores, columns: domainCount, present: lonelyPSU == .average ? counts.map { $0 > 0 } : nil)
        let degrees = domainDegreesOfFreedom(counts: counts, domains: domainCount)
        let deffs = options.deff ? designEffects(kind: kind, y: y, x: x, domains: domains, estimate: estimate, totalX: totalX, n: n, variances: variances) : nil

        var results: [DomainEstimate] = []
        results.reserveCapacity(domainCount)
        for domain in 0..<domainCount {
            let se = variances[domain].squareRoot()
            let interval: (low: Double, high: Double)
            if kind == .proportion {
                interval = ProportionInterval.interval(
                    options.proportionInterval, proportion: estimate[domain], variance: variances[domain],
                    degreesOfFreedom: degrees[domain], n: n[domain], level: options.level
                )
            } else {
                interval = LinearEstimates.tInterval(estimate[domain], se, degrees[domain], options.level)
            }
            results.append(DomainEstimate(
                statistic: kind.rawValue, variable: variable, level: level,
                domainNames: domains.names, domainValues: domains.labels[domain],
                estimate: n[domain] == 0 ? .nan : estimate[domain], standardError: n[domain] == 0 ? .nan : se,
                ciLow: interval.low, ciHigh: interval.high, deff: deffs?[domain],
                n: n[domain], degreesOfFreedom: degrees[domain]
            ))
        }
        return LinearEstimates(estimates: results, domains: domains, scores: scores, level: options.level, designDegreesOfFreedom: degreesOfFreedom)
    }

    /// PSUs minus strata among the units holding rows counted in each domain.
    func domainDegreesOfFreedom(counts: [Int32], domains domainCount: Int) -> [Int] {
        let stage = stages[0]
        var psuSeen = [Bool](repeating: false, count: stage.unitCount * domainCount)
        var stratumSeen = [Bool](repeating: false, count: stage.groupSizes.count * domainCount)
        var degrees = [Int](repeating: 0, count: domainCount)
        for unit in 0..<deepestUnitCount {
            let psu = Int(stage.unitOfDeepest[unit])
            let stratum = Int(stage.groupOfUnit[psu])
            for domain in 0..<domainCount where counts[unit * domainCount + domain] > 0 {
                if !psuSeen[psu * domainCount + domain] {
                    psuSeen[psu * domainCount + domain] = true
                    degrees[domain] += 1
                }
                if !stratumSeen[stratum * domainCount + domain] {
                    stratumSeen[stratum * domainCount + domain] = true
                    degrees[domain] -= 1
                }
            }
        }
        return degrees
    }

    private func designEffects(kind: LinearKind, y: [Double], x: [Double]?, domains: DomainSet, estimate: [Double], totalX: [Double], n: [Int], variances: [Double]) -> [Double] {
        let domainCount = domains.count
        var sumW = [Double](repeating: 0, count: domainCount)
        var sumWV = [Double](repeating: 0, count: domainCount)
        func value(_ row: Int, _ domain: Int) -> Double {
            kind == .ratio ? (y[row] - estimate[domain] * x![row]) / totalX[domain] : y[row]
        }
        func included(_ row: Int) -> Int? {
            let domain = Int(domains.codes[row])
            guard domain >= 0, !y[row].isNaN, weights[row] != 0, !(x?[row].isNaN ?? false) else { return nil }
            return domain
        }
        for row in 0..<rowCount {
            guard let domain = included(row) else { continue }
            sumW[domain] += weights[row]
            sumWV[domain] += weights[row] * value(row, domain)
        }
        var squares = [Double](repeating: 0, count: domainCount)
        for row in 0..<rowCount {
            guard let domain = included(row) else { continue }
            let deviation = value(row, domain) - sumWV[domain] / sumW[domain]
            squares[domain] += weights[row] * deviation * deviation
        }
        return (0..<domainCount).map { domain in
            let count = Double(n[domain]), population = sumW[domain]
            guard count > 1 else { return .nan }
            let s2 = squares[domain] / population * count / (count - 1)
            var srs = s2 * (population - count) / (population * count)
            if kind == .total || kind == .ratio { srs *= population * population }
            return variances[domain] / srs
        }
    }
}
