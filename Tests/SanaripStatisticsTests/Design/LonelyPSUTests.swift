import Foundation
import Testing
@testable import SanaripStatistics

@Suite("Lonely PSU policies against R survey")
struct LonelyPSUTests {
    static let reference: [String: Double] = RScript.cached(RScript.prelude + """
    data(api)
    lonely <- rbind(apistrat[apistrat$stype != "H", ], apistrat[apistrat$stype == "H", ][1, ])
    write.csv(lonely, "\(RScript.directory.path)/lonely.csv", row.names = FALSE, na = "")
    for (policy in c("remove", "certainty", "adjust", "average")) {
      options(survey.lonely.psu = policy)
      d <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = lonely)
      m <- svymean(~api00, d); out(paste0(policy, "_mean"), c(coef(m), SE(m)))
      t <- svytotal(~enroll, d); out(paste0(policy, "_total"), c(coef(t), SE(t)))
      b <- svyby(~api00, ~awards, d, svymean); out(paste0(policy, "_by"), c(coef(b), SE(b)))
    }
    """)

    @Test(arguments: [LonelyPSUPolicy.remove, .certainty, .adjust, .average])
    func policy(_ policy: LonelyPSUPolicy) throws {
        let r = Self.reference
        let table = try DataTable(csvFile: RScript.directory.appendingPathComponent("lonely.csv").path)
        let design = try SurveyDesign(table, SurveyDesignSpecification(strata: "stype", weights: "pw", lonelyPSU: policy))
        let whole = DomainSet.whole(rows: table.rowCount)
        let mean = design.mean(try table.numbers("api00"), variable: "api00", domains: whole).estimates[0]
        expectClose(mean.estimate, r["\(policy.rawValue)_mean_1"], 1e-9, "\(policy) mean")
        expectClose(mean.standardError, r["\(policy.rawValue)_mean_2"], 1e-9, "\(policy) SE")
        let total = design.total(try table.numbers("enroll"), variable: "enroll", domains: whole).estimates[0]
        expectClose(total.estimate, r["\(policy.rawValue)_total_1"], 1e-9, "\(policy) total")
        expectClose(total.standardError, r["\(policy.rawValue)_total_2"], 1e-9, "\(policy) total SE")
        let by = design.mean(try table.numbers("api00"), variable: "api00", domains: try DomainSet(table, by: ["awards"])).estimates
        expectDomains(by, r, "\(policy) domain mean", estimate: { index in "\(policy.rawValue)_by_\(index + 1)" }, standardError: { index in "\(policy.rawValue)_by_\(index + 3)" })
    }

    @Test func failNamesTheStratum() throws {
        _ = Self.reference
        let table = try DataTable(csvFile: RScript.directory.appendingPathComponent("lonely.csv").path)
        #expect(throws: SurveyDesignError.lonelyPSU(stratum: "H", stage: 1)) {
            try SurveyDesign(table, SurveyDesignSpecification(strata: "stype", weights: "pw"))
        }
        #expect(SurveyDesignError.lonelyPSU(stratum: "H", stage: 1).description.contains("stratum 'H' has only one PSU"))
    }
}
