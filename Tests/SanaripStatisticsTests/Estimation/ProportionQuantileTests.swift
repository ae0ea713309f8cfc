import Foundation
import Testing
@testable import SanaripStatistics

@Suite("Proportion intervals and quantiles against R survey")
struct ProportionQuantileTests {
    static let reference: [String: Double] = RScript.cached(RScript.prelude + """
    data(api)
    dclus1 <- svydesign(id=~dnum, weights=~pw, data=apiclus1, fpc=~fpc)
    for (m in c("logit", "beta", "mean")) { ci <- svyciprop(~I(ell==0), dclus1, method=m); out(paste0("ciprop_", m), c(coef(ci), attr(ci, "ci"))) }
    for (m in c("logit", "beta", "mean")) { b <- svyby(~I(ell < 10), ~stype, dclus1, svyciprop, method=m, vartype="ci"); out(paste0("byprop_", m), c(b[,2], b[,3], b[,4])) }
    m <- svymean(~I(ell==0), dclus1); out("prop_var", vcov(m)[2,2]); out("prop_mean", coef(m)[2])
    q <- svyquantile(~api00, dclus1, c(.25,.5,.75), ci=TRUE); out("q", q$api00[,1]); out("q_low", q$api00[,2]); out("q_high", q$api00[,3]); out("q_se", q$api00[,4])
    dstrat <- svydesign(id=~1, strata=~stype, weights=~pw, data=apistrat, fpc=~fpc)
    q <- svyquantile(~enroll, dstrat, c(.1,.5,.9), ci=TRUE, na.rm=TRUE); out("qs", q$enroll[,1]); out("qs_low", q$enroll[,2]); out("qs_high", q$enroll[,3])
    b <- svyby(~api00, ~stype, dclus1, svyquantile, quantiles=c(0.5), ci=TRUE); out("qby", b[,2]); out("qby_se", b[,3])
    for (s in c("E","H","M")) { q <- svyquantile(~api00, subset(dclus1, stype == s), 0.5, ci=TRUE); out(paste0("qby_ci_", s), q$api00[1,2:3]) }
    """)

    static func design() throws -> (DataTable, SurveyDesign) {
        let table = try DataTable(csvFile: RScript.dataset("apiclus1"))
        return (table, try SurveyDesign(table, SurveyDesignSpecification(ids: ["dnum"], weights: "pw", fpc: ["fpc"])))
    }

    @Test func proportionIntervals() throws {
        let (table, design) = try Self.design()
        let r = Self.reference
        let indicator = try table.numbers("ell").map { $0.isNaN ? .nan : ($0 == 0 ? 1.0 : 0.0) }
        for (method, name) in [(ProportionInterval.Method.logit, "logit"), (.beta, "beta"), (.wald, "mean")] {
            let estimate = design.proportion(indicator, variable: "ell==0", domains: .whole(rows: table.rowCount), options: .init(proportionInterval: method)).estimates[0]
            // R reports expit(glm coefficient) for logit: IRLS leaves ~2e-9 relative.
            expectClose(estimate.estimate, r["ciprop_\(name)_1"], 1e-8, "\(name) p")
            expectClose(estimate.ciLow, r["ciprop_\(name)_2"], 1e-7, "\(name) low")
            expectClose(estimate.ciHigh, r["ciprop_\(name)_3"], 1e-7, "\(name) high")
        }
        // Against the brief's published figures too.
        let logit = design.proportion(indicator, variable: "ell==0", domains: .whole(rows: table.rowCount)).estimates[0]
        #expect(abs(logit.ciLow - 0.002304691) < 1e-9 && abs(logit.ciHigh - 0.1777478) < 1e-7)
    }

    @Test func wilsonByHand() throws {
        let (table, design) = try Self.design()
        let r = Self.reference
        let indicator = try table.numbers("ell").map { $0.isNaN ? .nan : ($0 == 0 ? 1.0 : 0.0) }
        let estimate = design.proportion(indicator, variable: "ell==0", domains: .whole(rows: table.rowCount), options: .init(proportionInterval: .wilson)).estimates[0]
        // Wilson score interval with n* = p(1−p)/V and t(0.975, 14), computed here from R's p and V.
        let p = r["prop_mean"]!, v = r["prop_var"]!
        let t = 2.1447866879169273, n = p * (1 - p) / v
        let centre = (p + t * t / (2 * n)) / (1 + t * t / n)
        let half = t / (1 + t * t / n) * (p * (1 - p) / n + t * t / (4 * n * n)).squareRoot()
        expectClose(estimate.ciLow, centre - half, 1e-9, "wilson low")
        expectClose(estimate.ciHigh, centre + half, 1e-9, "wilson high")
    }

    @Test func proportionIntervalsByDomain() throws {
        let (table, design) = try Self.design()
        let indicator = try table.numbers("ell").map { $0.isNaN ? .nan : ($0 < 10 ? 1.0 : 0.0) }
        let domains = try DomainSet(table, by: ["stype"])
        expectProportionIntervals(Self.reference, prefix: "byprop") { method in
            design.proportion(indicator, variable: "ell<10", domains: domains, options: .init(proportionInterval: method)).estimates
        }
    }

    @Test func quantilesWithWoodruffIntervals() throws {
        let (table, design) = try Self.design()
        let r = Self.reference
        let estimates = design.quantiles(try table.numbers("api00"), probabilities: [0.25, 0.5, 0.75], variable: "api00", domains: .whole(rows: table.rowCount))
        #expect(estimates.map(\.estimate) == [552, 652, 719])
        expectQuantiles(estimates, r, prefix: "", byDomain: false)
        let stratTable = try DataTable(csvFile: RScript.dataset("apistrat"))
        let strat = try SurveyDesign(stratTable, SurveyDesignSpecification(strata: "stype", weights: "pw", fpc: ["fpc"]))
        let stratified = strat.quantiles(try stratTable.numbers("enroll"), probabilities: [0.1, 0.5, 0.9], variable: "enroll", domains: .whole(rows: stratTable.rowCount))
        for (index, estimate) in stratified.enumerated() {
            expectClose(estimate.estimate, r["qs_\(index + 1)"], 1e-12, "stratified quantile")
            expectClose(estimate.ciLow, r["qs_low_\(index + 1)"], 1e-12, "stratified low")
            expectClose(estimate.ciHigh, r["qs_high_\(index + 1)"], 1e-12, "stratified high")
        }
    }

    @Test func quantilesByDomain() throws {
        let (table, design) = try Self.design()
        let estimates = design.quantiles(try table.numbers("api00"), probabilities: [0.5], variable: "api00", domains: try DomainSet(table, by: ["stype"]))
        expectQuantiles(estimates, Self.reference, prefix: "", byDomain: true)
    }
}
