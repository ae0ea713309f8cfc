import Foundation
import Testing
@testable import SanaripStatistics

@Suite("Rao–Scott chi-square and design t test against R survey")
struct TestStatisticsTests {
    static let reference: [String: Double] = RScript.cached(RScript.prelude + """
    data(api); data(nhanes)
    dclus1 <- svydesign(id=~dnum, weights=~pw, data=apiclus1, fpc=~fpc)
    x <- svychisq(~sch.wide+stype, dclus1); out("chi_F", x$statistic); out("chi_df", x$parameter); out("chi_p", x$p.value)
    x <- svychisq(~sch.wide+stype, dclus1, statistic="Chisq"); out("chi1", x$statistic); out("chi1_p", x$p.value)
    x <- svychisq(~stype+awards, dclus1); out("chi2_F", x$statistic); out("chi2_df", x$parameter); out("chi2_p", x$p.value)
    nh <- svydesign(id=~SDMVPSU, strata=~SDMVSTRA, weights=~WTMEC2YR, nest=TRUE, data=nhanes)
    x <- svychisq(~HI_CHOL+RIAGENDR, nh); out("nh_F", x$statistic); out("nh_df", x$parameter); out("nh_p", x$p.value)
    x <- svychisq(~race+HI_CHOL, nh); out("nh2_F", x$statistic); out("nh2_df", x$parameter); out("nh2_p", x$p.value)
    x <- svychisq(~race+HI_CHOL, nh, statistic="Chisq"); out("nh2_chi", x$statistic); out("nh2_chi_p", x$p.value)
    t <- svyttest(api00~sch.wide, dclus1); out("t", t$statistic); out("t_df", t$parameter); out("t_p", t$p.value); out("t_est", t$estimate); out("t_ci", t$conf.int)
    """)

    @Test func raoScottOnClusterSample() throws {
        let table = try DataTable(csvFile: RScript.dataset("apiclus1"))
        let design = try SurveyDesign(table, SurveyDesignSpecification(ids: ["dnum"], weights: "pw", fpc: ["fpc"]))
        let r = Self.reference
        let test = design.raoScott(rows: try table.column("sch.wide").factor(), columns: try table.column("stype").factor())
        expectClose(test.f, r["chi_F"], 1e-9, "F")
        expectClose(test.numeratorDF, r["chi_df_1"], 1e-9, "ndf")
        expectClose(test.denominatorDF, r["chi_df_2"], 1e-9, "ddf")
        expectClose(test.pValue, r["chi_p"], 1e-8, "p")
        expectClose(test.pearson, r["chi1"], 1e-9, "Pearson statistic")
        expectClose(test.chiSquarePValue, r["chi1_p"], 1e-8, "first-order p")
        #expect(abs(test.f - 5.1934) < 1e-4)
        let three = design.raoScott(rows: try table.column("stype").factor(), columns: try table.column("awards").factor())
        expectClose(three.f, r["chi2_F"], 1e-9, "F 3×2")
        expectClose(three.numeratorDF, r["chi2_df_1"], 1e-9, "ndf 3×2")
        expectClose(three.pValue, r["chi2_p"], 1e-8, "p 3×2")
    }

    @Test func raoScottWithMissingValues() throws {
        let table = try DataTable(csvFile: RScript.dataset("nhanes"))
        let design = try SurveyDesign(table, SurveyDesignSpecification(ids: ["SDMVPSU"], strata: "SDMVSTRA", weights: "WTMEC2YR", nest: true))
        let r = Self.reference
        let test = design.raoScott(rows: try table.column("HI_CHOL").factor(), columns: try table.column("RIAGENDR").factor())
        expectClose(test.f, r["nh_F"], 1e-9, "F")
        expectClose(test.denominatorDF, r["nh_df_2"], 1e-9, "ddf")
        expectClose(test.pValue, r["nh_p"], 1e-8, "p")
        let race = design.raoScott(rows: try table.column("race").factor(), columns: try table.column("HI_CHOL").factor())
        expectClose(race.f, r["nh2_F"], 1e-9, "F race")
        expectClose(race.numeratorDF, r["nh2_df_1"], 1e-9, "ndf race")
        expectClose(race.denominatorDF, r["nh2_df_2"], 1e-9, "ddf race")
        expectClose(race.pValue, r["nh2_p"], 1e-8, "p race")
        expectClose(race.pearson, r["nh2_chi"], 1e-9, "Pearson race")
        expectClose(race.chiSquarePValue, r["nh2_chi_p"], 1e-8, "first-order p race")
    }

    @Test func designTTest() throws {
        let table = try DataTable(csvFile: RScript.dataset("apiclus1"))
        let design = try SurveyDesign(table, SurveyDesignSpecification(ids: ["dnum"], weights: "pw", fpc: ["fpc"]))
        let r = Self.reference
        let test = try #require(design.tTest(try table.numbers("api00"), variable: "api00", group: try table.column("sch.wide").factor()))
        expectClose(test.t, r["t"], 1e-9, "t")
        #expect(Double(test.degreesOfFreedom) == r["t_df"])
        expectClose(test.pValue, r["t_p"], 1e-8, "p")
        expectClose(test.estimate, r["t_est"], 1e-9, "difference")
        expectClose(test.ciLow, r["t_ci_1"], 1e-9, "CI low")
        expectClose(test.ciHigh, r["t_ci_2"], 1e-9, "CI high")
        #expect(test.groups == ["No", "Yes"])
    }
}
