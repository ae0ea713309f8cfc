import Foundation
import Testing
@testable import SanaripStatistics

/// R code printing, for the variables `a` and `b` of the R design `design`, `<prefix>_F`, `_Chisq`, `_Wald` and
/// `_adjWald` as c(statistic, parameter, p.value); `prefix` is an R expression (needs ``RScript/prelude``).
func rChiSquare(_ design: String, _ a: String, _ b: String, prefix: String) -> String {
    """
    for (s in c("F", "Chisq", "Wald", "adjWald")) { x <- svychisq(~\(a) + \(b), \(design), statistic = s); out(paste0(\(prefix), "_", s), c(x$statistic, x$parameter, x$p.value)) }

    """
}

/// Compares the Rao–Scott and Wald tests with the values `rChiSquare` printed.
func expectChiSquare(
    _ raoScott: RaoScott,
    wald: IndependenceWaldTest,
    adjustedWald: IndependenceWaldTest,
    _ r: [String: Double],
    prefix: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let values: [(String, [Double])] = [
        ("F", [raoScott.f, raoScott.numeratorDF, raoScott.denominatorDF, raoScott.pValue]),
        ("Chisq", [raoScott.pearson, Double(raoScott.chiSquareDF), raoScott.chiSquarePValue]),
        ("Wald", [wald.f, wald.numeratorDF, wald.denominatorDF, wald.pValue]),
        ("adjWald", [adjustedWald.f, adjustedWald.numeratorDF, adjustedWald.denominatorDF, adjustedWald.pValue]),
    ]
    for (statistic, swift) in values {
        for (index, value) in swift.enumerated() {
            // p-values come from the F and chi-square distributions: 1e-8 relative.
            let tolerance = index == swift.count - 1 ? 1e-8 : 1e-9
            expectClose(value, r["\(prefix)_\(statistic)_\(index + 1)"], tolerance, "\(prefix) \(statistic) [\(index + 1)]", sourceLocation: sourceLocation)
        }
    }
}

/// Compares a t test with R's `svyttest` printed as `<prefix>` = c(statistic, parameter, p.value, estimate, conf.int).
func expectTTest(_ test: DesignTTest, _ r: [String: Double], prefix: String, sourceLocation: SourceLocation = #_sourceLocation) {
    expectClose(test.t, r["\(prefix)_1"], 1e-9, "\(prefix) t", sourceLocation: sourceLocation)
    #expect(Double(test.degreesOfFreedom) == r["\(prefix)_2"], "\(prefix) df", sourceLocation: sourceLocation)
    expectClose(test.pValue, r["\(prefix)_3"], 1e-8, "\(prefix) p", sourceLocation: sourceLocation)
    expectClose(test.estimate, r["\(prefix)_4"], 1e-9, "\(prefix) difference", sourceLocation: sourceLocation)
    expectClose(test.ciLow, r["\(prefix)_5"], 1e-9, "\(prefix) CI low", sourceLocation: sourceLocation)
    expectClose(test.ciHigh, r["\(prefix)_6"], 1e-9, "\(prefix) CI high", sourceLocation: sourceLocation)
}

/// Compares proportions by domain with R's `svyby(..., svyciprop, method=m, vartype="ci")` printed as
/// `<prefix>_<m>` = c(estimates, lower bounds, upper bounds) for the methods logit, beta and mean (Wald).
func expectProportionIntervals(
    _ r: [String: Double],
    prefix: String,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ estimates: (ProportionInterval.Method) -> [DomainEstimate]
) {
    for (method, name) in [(ProportionInterval.Method.logit, "logit"), (.beta, "beta"), (.wald, "mean")] {
        let domains = estimates(method)
        for (index, estimate) in domains.enumerated() {
            // R reports expit(glm coefficient) for logit: IRLS leaves ~2e-9 relative.
            expectClose(estimate.estimate, r["\(prefix)_\(name)_\(index + 1)"], 1e-8, "\(prefix) \(name) p \(index)", sourceLocation: sourceLocation)
            expectClose(estimate.ciLow, r["\(prefix)_\(name)_\(index + 1 + domains.count)"], 1e-7, "\(prefix) \(name) low \(index)", sourceLocation: sourceLocation)
            expectClose(estimate.ciHigh, r["\(prefix)_\(name)_\(index + 1 + 2 * domains.count)"], 1e-7, "\(prefix) \(name) high \(index)", sourceLocation: sourceLocation)
        }
    }
}

/// Compares quantiles with R's `svyquantile(..., ci=TRUE)` printed as `<prefix>q`, `<prefix>q_low`, `<prefix>q_high`
/// and `<prefix>q_se` (whole sample, `domain` nil) or by domain as `<prefix>qby` and `<prefix>qby_se` from `svyby` with
/// each domain's interval `<prefix>qby_ci_<level>` from its own subset.
func expectQuantiles(_ estimates: [DomainEstimate], _ r: [String: Double], prefix: String, byDomain: Bool, sourceLocation: SourceLocation = #_sourceLocation) {
    for (index, estimate) in estimates.enumerated() {
        let level = byDomain ? estimate.domainValues[0] : ""
        let what = "\(prefix) \(estimate.level ?? "") \(level)"
        expectClose(estimate.estimate, r[byDomain ? "\(prefix)qby_\(index + 1)" : "\(prefix)q_\(index + 1)"], 1e-12, "\(what) quantile", sourceLocation: sourceLocation)
        expectClose(estimate.ciLow, r[byDomain ? "\(prefix)qby_ci_\(level)_1" : "\(prefix)q_low_\(index + 1)"], 1e-12, "\(what) low", sourceLocation: sourceLocation)
        expectClose(estimate.ciHigh, r[byDomain ? "\(prefix)qby_ci_\(level)_2" : "\(prefix)q_high_\(index + 1)"], 1e-12, "\(what) high", sourceLocation: sourceLocation)
        expectClose(estimate.standardError, r[byDomain ? "\(prefix)qby_se_\(index + 1)" : "\(prefix)q_se_\(index + 1)"], 1e-9, "\(what) SE", sourceLocation: sourceLocation)
    }
}
