/// Quantiles by domain with Woodruff intervals, as R survey 4.1's default `svyquantile` (`qrule="math"`,
/// `interval.type="mean"`) for linearisation and replicate designs alike.
///
/// The estimate is the smallest y whose weighted CDF reaches p (the lower value when the CDF hits p exactly), from
/// the full-sample weights. The interval inverts a t interval for the CDF at the estimate: p̂ = mean of I(y ≤ q̂)
/// with its design SE and degrees of freedom (from `cdf`), [p̂ ∓ t·SE] mapped back through the same rule (NaN when a
/// bound leaves [0, 1]); SE = (high − low)/(2t).
enum WoodruffQuantile {
    /// `cdf` returns, per domain, the design-based mean of the indicator it is given (NaN rows excluded).
    static func estimates(
        _ y: [Double],
        weights: [Double],
        probabilities: [Double],
        variable: String,
        domains: DomainSet,
        level: Double,
        cdf: ([Double]) -> [DomainEstimate]
    ) -> [DomainEstimate] {
        let domainCount = domains.count
        var rowsOf = [[Int]](repeating: [], count: domainCount)
        for row in y.indices {
            let domain = domains.codes[row]
            if domain >= 0, !y[row].isNaN, weights[row] != 0 { rowsOf[Int(domain)].append(row) }
        }
        for domain in 0..<domainCount {
            rowsOf[domain].sort { y[$0] < y[$1] || (y[$0] == y[$1] && $0 < $1) }
        }
        var results: [DomainEstimate] = []
        for p in probabilities {
            let estimates = rowsOf.map { rule($0, y, weights, p) }
            var indicator = [Double](repeating: .nan, count: y.count)
            for row in y.indices {
                let domain = domains.codes[row]
                if domain >= 0, !y[row].isNaN { indicator[row] = y[row] <= estimates[Int(domain)] ? 1 : 0 }
            }
            let cdfEstimates = cdf(indicator)
            for domain in 0..<domainCount {
                let at = cdfEstimates[domain]
                var low = Double.nan, high = Double.nan, se = Double.nan
                if at.degreesOfFreedom > 0, !rowsOf[domain].isEmpty {
                    let t = StudentT(degreesOfFreedom: Double(at.degreesOfFreedom)).quantile(1 - (1 - level) / 2)
                    let pLow = at.estimate - t * at.standardError, pHigh = at.estimate + t * at.standardError
                    low = pLow < 0 ? .nan : rule(rowsOf[domain], y, weights, pLow)
                    high = pHigh > 1 ? .nan : rule(rowsOf[domain], y, weights, pHigh)
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
    static func rule(_ sorted: [Int], _ y: [Double], _ weights: [Double], _ p: Double) -> Double {
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
