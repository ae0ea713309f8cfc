import Foundation
import Testing
@testable import SanaripStatistics

/// BRR and Fay replicate weights identical to R's `as.svrepdesign(type="BRR"|"Fay")`, compared factor by factor.
@Suite("BRR replicate weights against R survey")
struct BalancedRepeatedReplicationTests {
    static let pairCounts = [3, 13, 20, 27, 35, 40, 60, 100]

    /// apistrat sorted by school type and number, consecutive schools paired into strata `pair` (1…100, whose text
    /// order differs from their numeric order) or, for `quad`, ten strata of four schools then 80 pairs.
    static let reference: [String: Double] = RScript.cached(RScript.prelude + """
    data(api); data(nhanes)
    d <- apistrat[order(apistrat$stype, apistrat$snum), c("snum", "stype", "api00", "sch.wide", "awards", "ell", "meals", "pw")]
    d$pair <- rep(1:100, each = 2)
    d$quad <- c(paste0("s", rep(1:10, each = 4)), paste0("s", rep(11:90, each = 2)))
    factors <- function(r) as.vector(r$repweights$weights)
    for (k in \(RReference.vector(pairCounts.map(Double.init)))) {
      dk <- d[1:(2 * k), ]
      write.csv(dk, sprintf("\(RScript.directory.path)/pairs-%d.csv", k), row.names = FALSE)
      r <- as.svrepdesign(svydesign(id = ~snum, strata = ~pair, weights = ~pw, data = dk), type = "BRR")
      out(paste0("size", k), c(ncol(r$repweights$weights), degf(r), r$scale))
      out(paste0("factors", k), factors(r))
      m <- svymean(~api00, r); out(paste0("mean", k), c(coef(m), SE(m)))
    }
    write.csv(d, "\(RScript.directory.path)/pairs-quad.csv", row.names = FALSE)
    r <- as.svrepdesign(svydesign(id = ~snum, strata = ~quad, weights = ~pw, data = d), type = "BRR")
    out("quad_size", c(ncol(r$repweights$weights), degf(r))); out("quad_factors", factors(r))
    b <- svyby(~api00, ~stype, r, svymean); out("quad_by", c(coef(b), SE(b)))
    f <- as.svrepdesign(svydesign(id = ~snum, strata = ~pair, weights = ~pw, data = d[1:40, ]), type = "Fay", fay.rho = 0.3)
    out("fay_size", c(ncol(f$repweights$weights), f$scale)); out("fay_factors", factors(f))
    m <- svymean(~api00, f); out("fay_mean", c(coef(m), SE(m)))
    nhb <- subset(nhanes, !(SDMVSTRA == 86 & SDMVPSU == 3))
    write.csv(nhb, "\(RScript.directory.path)/nhanes-brr.csv", row.names = FALSE, na = "")
    r <- as.svrepdesign(svydesign(id = ~SDMVPSU, strata = ~SDMVSTRA, weights = ~WTMEC2YR, nest = TRUE, data = nhb), type = "BRR")
    out("nh_size", c(ncol(r$repweights$weights), degf(r))); out("nh_factors", factors(r))
    m <- svymean(~HI_CHOL, r, na.rm = TRUE); out("nh_mean", c(coef(m), SE(m)))
    """)

    static func factors(_ design: ReplicateDesign) -> [Double] {
        guard case .unitFactors(_, _, let factors) = design.replicates else { return [] }
        return factors
    }

    static func expectFactors(_ design: ReplicateDesign, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let swift = factors(design)
        let r = (1...max(swift.count, 1)).compactMap { reference["\(name)_\($0)"] }
        #expect(swift.count == r.count && swift == r, "\(name): \(swift.count) Swift factors vs \(r.count) from R", sourceLocation: sourceLocation)
    }

    @Test(arguments: pairCounts)
    func pairedStrata(pairs: Int) throws {
        let r = Self.reference
        let table = try DataTable(csvFile: RScript.directory.appendingPathComponent("pairs-\(pairs).csv").path)
        let design = try SurveyDesign(table, SurveyDesignSpecification(ids: ["snum"], strata: "pair", weights: "pw"))
        let brr = try ReplicateDesign(balancedRepeatedReplication: design)
        #expect(brr.kind == .brr)
        #expect(Double(brr.replicateCount) == r["size\(pairs)_1"])
        #expect(Double(brr.degreesOfFreedom) == r["size\(pairs)_2"])
        expectClose(brr.scale, r["size\(pairs)_3"], 1e-15, "scale")
        Self.expectFactors(brr, "factors\(pairs)")
        let mean = brr.mean(try table.numbers("api00"), variable: "api00", domains: .whole(rows: table.rowCount)).estimates[0]
        expectClose(mean.estimate, r["mean\(pairs)_1"], 1e-12, "mean")
        expectClose(mean.standardError, r["mean\(pairs)_2"], 1e-10, "SE")
    }

    @Test func largeStrataSplitIntoPairs() throws {
        let r = Self.reference
        let table = try DataTable(csvFile: RScript.directory.appendingPathComponent("pairs-quad.csv").path)
        let brr = try ReplicateDesign(balancedRepeatedReplication: try SurveyDesign(table, SurveyDesignSpecification(ids: ["snum"], strata: "quad", weights: "pw")))
        #expect(Double(brr.replicateCount) == r["quad_size_1"] && Double(brr.degreesOfFreedom) == r["quad_size_2"])
        Self.expectFactors(brr, "quad_factors")
        let by = brr.mean(try table.numbers("api00"), variable: "api00", domains: try DomainSet(table, by: ["stype"])).estimates
        expectDomains(by, r, "BRR by stype", tolerance: 1e-10, estimate: { "quad_by_\($0 + 1)" }, standardError: { "quad_by_\($0 + 4)" })
    }

    @Test func fayWeights() throws {
        let r = Self.reference
        let table = try DataTable(csvFile: RScript.directory.appendingPathComponent("pairs-20.csv").path)
        let fay = try ReplicateDesign(balancedRepeatedReplication: try SurveyDesign(table, SurveyDesignSpecification(ids: ["snum"], strata: "pair", weights: "pw")), fayRho: 0.3)
        #expect(fay.kind == .fay && Double(fay.replicateCount) == r["fay_size_1"])
        expectClose(fay.scale, r["fay_size_2"], 1e-15, "Fay scale")
        Self.expectFactors(fay, "fay_factors")
        let mean = fay.mean(try table.numbers("api00"), variable: "api00", domains: .whole(rows: table.rowCount)).estimates[0]
        expectClose(mean.standardError, r["fay_mean_2"], 1e-10, "Fay SE")
    }

    @Test func clustersWithManyRows() throws {
        let r = Self.reference
        let table = try DataTable(csvFile: RScript.directory.appendingPathComponent("nhanes-brr.csv").path)
        let design = try SurveyDesign(table, SurveyDesignSpecification(ids: ["SDMVPSU"], strata: "SDMVSTRA", weights: "WTMEC2YR", nest: true))
        let brr = try ReplicateDesign(balancedRepeatedReplication: design)
        #expect(Double(brr.replicateCount) == r["nh_size_1"] && Double(brr.degreesOfFreedom) == r["nh_size_2"])
        Self.expectFactors(brr, "nh_factors")
        let mean = brr.mean(try table.numbers("HI_CHOL"), variable: "HI_CHOL", domains: .whole(rows: table.rowCount)).estimates[0]
        expectClose(mean.estimate, r["nh_mean_1"], 1e-12, "mean")
        expectClose(mean.standardError, r["nh_mean_2"], 1e-10, "SE")
    }

    @Test func refusesWhatRRefuses() throws {
        let table = try DataTable(csvFile: RScript.dataset("apistrat"))
        let stratified = try SurveyDesign(table, SurveyDesignSpecification(strata: "stype", weights: "pw"))
        // 100, 50 and 50 schools: split into pairs as R does.
        #expect(try ReplicateDesign(balancedRepeatedReplication: stratified).replicateCount == 104)
        #expect(throws: ReplicateDesignError.unstratified(.brr)) {
            try ReplicateDesign(balancedRepeatedReplication: try SurveyDesign(table, SurveyDesignSpecification(weights: "pw")))
        }
        let clusters = try DataTable(csvFile: RScript.dataset("apiclus1"))
        #expect(throws: ReplicateDesignError.oddPSUs(stratum: "E", count: 15)) {
            try ReplicateDesign(balancedRepeatedReplication: try SurveyDesign(clusters, SurveyDesignSpecification(ids: ["dnum"], strata: "stype", weights: "pw", nest: true)))
        }
    }
}
