import Foundation
import Testing
@testable import SanaripStatistics

/// Quantiles, proportion intervals, chi-square tests and t tests under every kind of replicate design
/// (``ReplicateFixtures``), against R's methods for `svyrep.design`.
@Suite("Replicate-design quantiles, proportions and tests against R survey")
struct ReplicateEstimatorTests {
    static let reference: [String: Double] = RScript.cached(RScript.prelude + ReplicateFixtures.rDesigns + """
    for (name in names(designs)) {
      r <- designs[[name]]
      p <- function(what, value) out(paste0(name, "_", what), value)
      q <- svyquantile(~api00, r, c(0.25, 0.5, 0.75), ci = TRUE); p("q", q$api00[, 1]); p("q_low", q$api00[, 2]); p("q_high", q$api00[, 3]); p("q_se", q$api00[, 4])
      b <- svyby(~api00, ~stype, r, svyquantile, quantiles = 0.5, ci = TRUE); p("qby", b[, 2]); p("qby_se", b[, 3])
      for (s in c("E", "H", "M")) { q <- svyquantile(~api00, subset(r, stype == s), 0.5, ci = TRUE); p(paste0("qby_ci_", s), q$api00[1, 2:3]) }
      for (m in c("logit", "beta", "mean")) { b <- svyby(~I(ell < 20), ~stype, r, svyciprop, method = m, vartype = "ci"); p(paste0("prop_", m), c(b[, 2], b[, 3], b[, 4])) }
      \(rChiSquare("r", "sch.wide", "stype", prefix: "name"))  t <- svyttest(api00 ~ sch.wide, r); p("t", c(t$statistic, t$parameter, t$p.value, t$estimate, t$conf.int))
    }
    for (name in names(nhdesigns)) {
      r <- nhdesigns[[name]]
      \(rChiSquare("r", "race", "HI_CHOL", prefix: "name"))}
    q <- svyquantile(~acs.k3, designs$jkn, c(0.1, 0.5, 0.9), ci = TRUE, na.rm = TRUE)
    out("na_q", q$acs.k3[, 1]); out("na_q_ci", c(q$acs.k3[, 2], q$acs.k3[, 3])); out("na_degf", degf(subset(designs$jkn, !is.na(acs.k3))))
    """)

    static let designs = ReplicateFixtures.names

    @Test(arguments: designs)
    func quantiles(design name: String) throws {
        let (table, design) = try ReplicateFixtures.design(name)
        let y = try table.numbers("api00")
        expectQuantiles(design.quantiles(y, probabilities: [0.25, 0.5, 0.75], variable: "api00", domains: .whole(rows: table.rowCount)), Self.reference, prefix: "\(name)_", byDomain: false)
        expectQuantiles(design.quantiles(y, probabilities: [0.5], variable: "api00", domains: try DomainSet(table, by: ["stype"])), Self.reference, prefix: "\(name)_", byDomain: true)
    }

    @Test func quantilesWithMissingValues() throws {
        let r = Self.reference
        let (table, design) = try ReplicateFixtures.design("jkn")
        let estimates = design.quantiles(try table.numbers("acs.k3"), probabilities: [0.1, 0.5, 0.9], variable: "acs.k3", domains: .whole(rows: table.rowCount))
        for (index, estimate) in estimates.enumerated() {
            expectClose(estimate.estimate, r["na_q_\(index + 1)"], 1e-12, "quantile")
            expectClose(estimate.ciLow, r["na_q_ci_\(index + 1)"], 1e-12, "low")
            expectClose(estimate.ciHigh, r["na_q_ci_\(index + 4)"], 1e-12, "high")
            // R drops the missing rows (design[!is.na(x), ]) and recomputes degf on the rest.
            #expect(Double(estimate.degreesOfFreedom) == r["na_degf"])
        }
    }

    @Test(arguments: designs)
    func proportionIntervalsByDomain(design name: String) throws {
        let (table, design) = try ReplicateFixtures.design(name)
        let indicator = try table.numbers("ell").map { $0.isNaN ? .nan : ($0 < 20 ? 1.0 : 0.0) }
        let domains = try DomainSet(table, by: ["stype"])
        expectProportionIntervals(Self.reference, prefix: "\(name)_prop") { method in
            design.proportion(indicator, variable: "ell<20", domains: domains, options: .init(proportionInterval: method)).estimates
        }
    }

    @Test(arguments: designs + ReplicateFixtures.nhanesNames)
    func chiSquareTests(design name: String) throws {
        let (table, design) = try ReplicateFixtures.design(name)
        let nhanes = ReplicateFixtures.nhanesNames.contains(name)
        let rows = try table.column(nhanes ? "race" : "sch.wide").factor(), columns = try table.column(nhanes ? "HI_CHOL" : "stype").factor()
        expectChiSquare(
            design.raoScott(rows: rows, columns: columns), wald: design.waldTest(rows: rows, columns: columns, adjusted: false),
            adjustedWald: design.waldTest(rows: rows, columns: columns, adjusted: true), Self.reference, prefix: name
        )
    }

    @Test(arguments: designs)
    func tTest(design name: String) throws {
        let (table, design) = try ReplicateFixtures.design(name)
        let test = try #require(design.tTest(try table.numbers("api00"), variable: "api00", group: try table.column("sch.wide").factor()))
        expectTTest(test, Self.reference, prefix: "\(name)_t")
    }
}
