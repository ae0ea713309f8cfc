import Foundation
import Testing
@testable import SanaripStatistics

@Suite("Rao–Scott and Wald chi-square tests and design t test against R survey")
struct TestStatisticsTests {
    static let reference: [String: Double] = RScript.cached(RScript.prelude + """
    data(api); data(nhanes)
    dclus1 <- svydesign(id=~dnum, weights=~pw, data=apiclus1, fpc=~fpc)
    nh <- svydesign(id=~SDMVPSU, strata=~SDMVSTRA, weights=~WTMEC2YR, nest=TRUE, data=nhanes)
    \(rChiSquare("dclus1", "sch.wide", "stype", prefix: "'clus'"))\(rChiSquare("dclus1", "stype", "awards", prefix: "'clus2'"))
    \(rChiSquare("nh", "HI_CHOL", "RIAGENDR", prefix: "'nh'"))\(rChiSquare("nh", "race", "HI_CHOL", prefix: "'nh2'"))
    t <- svyttest(api00~sch.wide, dclus1); out("t", c(t$statistic, t$parameter, t$p.value, t$estimate, t$conf.int))
    """)

    static func expectTests(_ design: SurveyDesign, _ table: DataTable, _ a: String, _ b: String, prefix: String) throws {
        let rows = try table.column(a).factor(), columns = try table.column(b).factor()
        expectChiSquare(
            design.raoScott(rows: rows, columns: columns), wald: design.waldTest(rows: rows, columns: columns, adjusted: false),
            adjustedWald: design.waldTest(rows: rows, columns: columns, adjusted: true), reference, prefix: prefix
        )
    }

    @Test func raoScottAndWaldOnClusterSample() throws {
        let table = try DataTable(csvFile: RScript.dataset("apiclus1"))
        let design = try SurveyDesign(table, SurveyDesignSpecification(ids: ["dnum"], weights: "pw", fpc: ["fpc"]))
        try Self.expectTests(design, table, "sch.wide", "stype", prefix: "clus")
        try Self.expectTests(design, table, "stype", "awards", prefix: "clus2")
        #expect(abs(design.raoScott(rows: try table.column("sch.wide").factor(), columns: try table.column("stype").factor()).f - 5.1934) < 1e-4)
    }

    @Test func raoScottAndWaldWithMissingValues() throws {
        let table = try DataTable(csvFile: RScript.dataset("nhanes"))
        let design = try SurveyDesign(table, SurveyDesignSpecification(ids: ["SDMVPSU"], strata: "SDMVSTRA", weights: "WTMEC2YR", nest: true))
        try Self.expectTests(design, table, "HI_CHOL", "RIAGENDR", prefix: "nh")
        try Self.expectTests(design, table, "race", "HI_CHOL", prefix: "nh2")
    }

    @Test func designTTest() throws {
        let table = try DataTable(csvFile: RScript.dataset("apiclus1"))
        let design = try SurveyDesign(table, SurveyDesignSpecification(ids: ["dnum"], weights: "pw", fpc: ["fpc"]))
        let test = try #require(design.tTest(try table.numbers("api00"), variable: "api00", group: try table.column("sch.wide").factor()))
        expectTTest(test, Self.reference, prefix: "t")
        #expect(test.groups == ["No", "Yes"])
    }
}
