import Foundation
import Testing
@testable import SanaripStatistics

@Suite("Population variance (svyvar) against R survey")
struct PopulationVarianceTests {
    static let reference: [String: Double] = RScript.cached(RScript.prelude + """
    data(api)
    d <- svydesign(id=~dnum, weights=~pw, fpc=~fpc, data=apiclus1)
    v <- svyvar(~api00, d); out("clus1", c(coef(v), SE(v)))
    b <- svyby(~api00, ~stype, d, svyvar); out("clus1_by", c(coef(b), SE(b)))
    r <- as.svrepdesign(d, type="JK1"); v <- svyvar(~api00, r); out("jk1", c(coef(v), SE(v)))
    b <- svyby(~api00, ~stype, r, svyvar); out("jk1_by", c(coef(b), SE(b)))
    d2 <- svydesign(id=~dnum+snum, fpc=~fpc1+fpc2, data=apiclus2); v <- svyvar(~enroll, d2, na.rm=TRUE); out("clus2_na", c(coef(v), SE(v)))
    """)

    func close(_ a: Double, _ b: Double?) -> Bool { abs(a - (b ?? .nan)) <= 1e-9 * max(1, abs(b ?? 0)) }

    @Test func linearisationAndJackknifeByDomainAndWithMissingValues() throws {
        let r = Self.reference
        let table = try DataTable(csvFile: RScript.dataset("apiclus1"))
        let design = try SurveyDesign(table, SurveyDesignSpecification(ids: ["dnum"], weights: "pw", fpc: ["fpc"]))
        let y = try table.numbers("api00")
        let whole = DomainSet.whole(rows: table.rowCount), byType = try DomainSet(table, by: ["stype"])
        let jackknife = try ReplicateDesign(jackknife: design)
        let cases: [(String, [DomainEstimate])] = [
            ("clus1", design.populationVariance(y, variable: "api00", domains: whole).estimates),
            ("clus1_by", design.populationVariance(y, variable: "api00", domains: byType).estimates),
            ("jk1", jackknife.populationVariance(y, variable: "api00", domains: whole).estimates),
            ("jk1_by", jackknife.populationVariance(y, variable: "api00", domains: byType).estimates),
        ]
        for (key, estimates) in cases {
            for (index, estimate) in estimates.enumerated() {
                #expect(estimate.statistic == "variance")
                #expect(close(estimate.estimate, r["\(key)_\(index + 1)"]), "\(key) \(index)")
                #expect(close(estimate.standardError, r["\(key)_\(index + 1 + estimates.count)"]), "\(key) \(index) se")
            }
        }
        // R counts rows with a missing value in n (its n is taken before na.rm).
        let two = try DataTable(csvFile: RScript.dataset("apiclus2"))
        let stages = try SurveyDesign(two, SurveyDesignSpecification(ids: ["dnum", "snum"], fpc: ["fpc1", "fpc2"]))
        let enrolment = stages.populationVariance(try two.numbers("enroll"), variable: "enroll", domains: .whole(rows: two.rowCount)).estimates[0]
        #expect(close(enrolment.estimate, r["clus2_na_1"]))
        #expect(close(enrolment.standardError, r["clus2_na_2"]))
    }
}
