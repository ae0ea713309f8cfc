/// Quantiles by domain with Woodruff intervals, as R survey 4.1's default `svyquantile`
/// (`qrule="math"`, `interval.type="mean"`).
///
/// The estimate is the smallest y whose weighted CDF reaches p (the lower value when the CDF hits p exactly).
/// The interval inverts a t interval for the CDF at the estimate: p̂ = mean of I(y ≤ q̂) with its design SE,
/// [p̂ ∓ t·SE] mapped back through the same rule (NaN when a bound leaves [0, 1]); SE = (high − low)/(2t).
extension SurveyDesign {
    public func quantiles(_ y: [Double], probabilities: [Double], variable: String, domains: DomainSet, options: EstimationOptions = .init()) -> [DomainEstimate] {
        let domainCount = domains.count
        var rowsOf = [[Int]](repeating: [], count: domainCount)
        for row in 0..<rowCount {
            let domain = domains.codes[row]
            if domain >= 0, !y[row].isNaN, weights[row] != 0 { rowsOf[Int(domain)].append(row) }
        }
        for domain in 0..<domainCount {
            rowsOf[domain].sort { y[$0] < y[$1] || (y[$0] == y[$1] && $0 < $1) }
        }
        var results: [DomainEstimate] = []
        for p in probabilities {
            let estimates = rowsOf.map { quantileRule($0, y, p) }
            var indicator = [Double](repeating: .nan, count: rowCount)
            for row in 0..<rowCount {
                let domain = domains.codes[row]
                if domain >= 0, !y[row].isNaN { indicator[row] = y[row] <= estimates[Int(domain)] ? 1 : 0 }
            }
            let cdf = linear(kind: .mean, y: indicator, x: nil, variable: variable, level: nil, domains: domains, options: EstimationOptions(level: options.level))
            for domain in 0..<domainCount {
                let at = cdf.estimates[domain]
                var low = Double.nan, high = Double.nan, se = Double.nan
                if at.degreesOfFreedom > 0, !rowsOf[domain].isEmpty {
                    let t = StudentT(degreesOfFreedom: Double(at.degreesOfFreedom)).quantile(1 - (1 - options.level) / 2)
                    let pLow = at.estimate - t * at.standardError, pHigh = at.estimate + t * at.standardError
                    low = pLow < 0 ? .nan : quantileRule(rowsOf[domain], y, pLow)
                    high = pHigh > 1 ? .nan : quantileRule(rowsOf[domain], y, pHigh)
                    se = (high - low) / (2 * t)
                }
                results.append(DomainEstimate(
                    statistic: "quantile", variable: variable, level: DataColumn.label(p),
                    domainNames: domains.names, domainValues: domains.labels[domain],
                    estimate: estimates[domain], standardError: se, ciLow: low, ciHigh: high,
                    deff: nil, n: rowsOf[domain].count, degreesOfFreedom: at.degreesOfFreedom
                ))
            }
        }
        return results
    }

    /// R's `qrule_math` on rows sorted by y: cumulative weights summed in extended precision as R's `cumsum`;
    /// when no cumulative weight reaches p·Σw R takes the first position.
    private func quantileRule(_ sorted: [Int], _ y: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        #if arch(x86_64) && !os(Windows)
        typealias Wide = Float80
        #else
        typealias Wide = Double
        #endif
        var total: Wide = 0
        for row in sorted { total += Wide(weights[row]) }
        let sum = Double(total)
        let threshold = p * sum
        var running: Wide = 0
        var position = 0
        var cumulative = Double(Wide(weights[sorted[0]]))
        for (index, row) in sorted.enumerated() {
            running += Wide(weights[row])
            let value = Double(running)
            if value <= threshold {
                position = index
                cumulative = value
            } else {
                break
            }
        }
        let next = position == sorted.count - 1 ? position : position + 1
        return p - cumulative / sum == 0 ? y[sorted[position]] : y[sorted[next]]
    }
}
