import Foundation
import Testing
@testable import SanaripStatistics

/// A generated stratified two-stage sample with fpcs at both stages, unequal weights, missing values,
/// empty domain cells and take-all strata, written by R and estimated by both.
@Suite("Generated two-stage data against R survey")
struct GeneratedDataTests {
    static let reference: [String: Double] = RScript.cached(RScript.prelude + """
    set.seed(11)
    rows <- list()
    for (h in 1:6) for (i in 1:(2 + h %% 3)) for (j in 1:(2 + (h + i) %% 3)) {
      n <- 3 + (h * i + j) %% 4
      rows[[length(rows) + 1]] <- data.frame(stratum = paste0("S", h), psu = i, ssu = j,
        N1 = if (h == 6) 2 + h %% 3 else 10 + h, N2 = 8 + i,
        region = sample(c("north", "south"), n, TRUE), sex = sample(c("F", "M"), n, TRUE),
        y = round(rnorm(n, 50 + h, 10), 2), x = round(runif(n, 1, 5), 3), use = rbinom(n, 1, 0.3 + 0.05 * h))
    }
    g <- do.call(rbind, rows)
    g$y[c(3, 17, 40)] <- NA
    g$region[g$stratum == "S2"] <- "north"
    write.csv(g, "\(RScript.directory.path)/generated.csv", row.names = FALSE, na = "")
    d <- svydesign(id = ~psu + ssu, strata = ~stratum, fpc = ~N1 + N2, data = g, nest = TRUE)
    m <- svymean(~y, d, na.rm = TRUE, deff = TRUE); out("mean", c(coef(m), SE(m), deff(m)))
    t <- svytotal(~x, d); out("total", c(coef(t), SE(t)))
    r <- svyratio(~y, ~x, d, na.rm = TRUE); out("ratio", c(coef(r), SE(r)))
    b <- svyby(~y, ~region + sex, d, svymean, na.rm = TRUE); out("by", c(coef(b), SE(b)))
    bx <- svyby(~x, ~region + sex, d, svymean, covmat = TRUE); c1 <- svycontrast(bx, c(1, -1, 0, 0)); out("diff", c(coef(c1), SE(c1)))
    p <- svyby(~use, ~sex, d, svyciprop, method = "beta", vartype = "ci"); out("prop", c(p[, 2], p[, 3], p[, 4]))
    x <- svychisq(~use + region, d); out("chisq", c(x$statistic, x$parameter, x$p.value))
    d1 <- svydesign(id = ~psu, strata = ~stratum, fpc = ~N1, data = g, nest = TRUE)
    m <- svymean(~y, d1, na.rm = TRUE); out("mean1", c(coef(m), SE(m)))
    """)

    static func load() throws -> DataTable {
        _ = reference
        return try DataTable(csvFile: RScript.directory.appendingPathComponent("generated.csv").path)
    }

    @Test func twoStageEstimates() throws {
        let r = Self.reference
        let table = try Self.load()
        let design = try SurveyDesign(table, SurveyDesignSpecification(ids: ["psu", "ssu"], strata: "stratum", fpc: ["N1", "N2"], nest: true))
        let whole = DomainSet.whole(rows: table.rowCount)
        let y = try table.numbers("y"), x = try table.numbers("x")
        let mean = design.mean(y, variable: "y", domains: whole, options: .init(deff: true)).estimates[0]
        expectClose(mean.estimate, r["mean_1"], 1e-9, "mean")
        expectClose(mean.standardError, r["mean_2"], 1e-9, "SE")
        expectClose(mean.deff!, r["mean_3"], 1e-9, "deff")
        let total = design.total(x, variable: "x", domains: whole).estimates[0]
        expectClose(total.estimate, r["total_1"], 1e-9, "total")
        expectClose(total.standardError, r["total_2"], 1e-9, "total SE")
        let ratio = design.ratio(y, x, variable: "y/x", domains: whole).estimates[0]
        expectClose(ratio.estimate, r["ratio_1"], 1e-9, "ratio")
        expectClose(ratio.standardError, r["ratio_2"], 1e-9, "ratio SE")
        let domains = try DomainSet(table, by: ["region", "sex"])
        let by = design.mean(y, variable: "y", domains: domains)
        for (index, estimate) in by.estimates.enumerated() {
            expectClose(estimate.estimate, r["by_\(index + 1)"], 1e-9, "domain mean \(estimate.domainValues)")
            expectClose(estimate.standardError, r["by_\(index + 5)"], 1e-9, "domain SE \(estimate.domainValues)")
        }
        let difference = design.mean(x, variable: "x", domains: domains).difference(0, 1, in: design)
        expectClose(difference.estimate, r["diff_1"], 1e-9, "difference")
        expectClose(difference.standardError, r["diff_2"], 1e-9, "difference SE")
        let oneStage = try SurveyDesign(table, SurveyDesignSpecification(ids: ["psu"], strata: "stratum", fpc: ["N1"], nest: true))
        let plain = oneStage.mean(y, variable: "y", domains: whole).estimates[0]
        expectClose(plain.standardError, r["mean1_2"], 1e-9, "one-stage SE")
    }

    @Test func proportionsAndChiSquare() throws {
        let r = Self.reference
        let table = try Self.load()
        let design = try SurveyDesign(table, SurveyDesignSpecification(ids: ["psu", "ssu"], strata: "stratum", fpc: ["N1", "N2"], nest: true))
        let shares = design.proportion(try table.numbers("use"), variable: "use", domains: try DomainSet(table, by: ["sex"]), options: .init(proportionInterval: .beta)).estimates
        for (index, estimate) in shares.enumerated() {
            expectClose(estimate.estimate, r["prop_\(index + 1)"], 1e-9, "share")
            expectClose(estimate.ciLow, r["prop_\(index + 3)"], 1e-8, "KG low")
            expectClose(estimate.ciHigh, r["prop_\(index + 5)"], 1e-8, "KG high")
        }
        let test = design.raoScott(rows: try table.column("use").factor(), columns: try table.column("region").factor())
        expectClose(test.f, r["chisq_1"], 1e-9, "F")
        expectClose(test.numeratorDF, r["chisq_2"], 1e-9, "ndf")
        expectClose(test.denominatorDF, r["chisq_3"], 1e-9, "ddf")
        expectClose(test.pValue, r["chisq_4"], 1e-8, "p")
    }
}
