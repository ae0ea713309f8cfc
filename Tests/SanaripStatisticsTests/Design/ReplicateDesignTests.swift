import Foundation
import Testing
@testable import SanaripStatistics

@Suite("Replicate designs against R survey")
struct ReplicateDesignTests {
    static let reference: [String: Double] = RScript.cached(RScript.prelude + """
    data(api)
    dclus1 <- svydesign(id=~dnum, weights=~pw, data=apiclus1, fpc=~fpc)
    r <- as.svrepdesign(dclus1, type="JK1"); m <- svymean(~api00, r); out("jk1", c(coef(m), SE(m)))
    out("jk1_degf", c(degf(r), sapply(c("E", "H", "M"), function(a) degf(subset(r, stype == a)))))
    b <- svyby(~api00, ~stype, r, svymean); out("jk1_by", c(coef(b), SE(b)))
    t <- svytotal(~enroll, r); out("jk1_total", c(coef(t), SE(t)))
    q <- svyratio(~api.stu, ~enroll, r); out("jk1_ratio", c(coef(q), SE(q)))
    dclus1n <- svydesign(id=~dnum, weights=~pw, data=apiclus1)
    r <- as.svrepdesign(dclus1n, type="JK1"); m <- svymean(~api00, r); out("jk1n", c(coef(m), SE(m)))
    dstrat <- svydesign(id=~1, strata=~stype, weights=~pw, data=apistrat, fpc=~fpc)
    r <- as.svrepdesign(dstrat, type="JKn"); m <- svymean(~api00, r); out("jkn", c(coef(m), SE(m)))
    b <- svyby(~api00, ~awards, r, svymean); out("jkn_by", c(coef(b), SE(b)))
    out("jkn_degf", c(degf(r), sapply(c("No", "Yes"), function(a) degf(subset(r, awards == a)))))
    set.seed(7)
    rb <- as.svrepdesign(dstrat, type="bootstrap", replicates=40)
    rw <- weights(rb, "analysis")
    given <- cbind(apistrat[, c("api00", "enroll", "stype", "pw")], rw)
    names(given) <- c("api00", "enroll", "stype", "pw", paste0("rw", 1:40))
    write.csv(given, "\(RScript.directory.path)/apistrat-boot.csv", row.names=FALSE)
    g <- svrepdesign(data=given, weights=~pw, repweights="rw[0-9]+", type="bootstrap", combined.weights=TRUE)
    m <- svymean(~api00, g); out("boot", c(coef(m), SE(m)))
    b <- svyby(~enroll, ~stype, g, svytotal); out("boot_by", c(coef(b), SE(b)))
    out("boot_degf", c(degf(g), sapply(c("E", "H", "M"), function(a) degf(subset(g, stype == a)))))
    nh <- data.frame(s = rep(1:6, each = 8), psu = rep(rep(1:2, each = 4), 6), w = rep(c(10, 12, 9, 14, 11, 8), each = 8) + rep(0:3, 12), y = sin(1:48) * 10 + 50)
    write.csv(nh, "\(RScript.directory.path)/brr.csv", row.names=FALSE)
    d <- svydesign(id=~psu, strata=~s, weights=~w, data=nh, nest=TRUE)
    r <- as.svrepdesign(d, type="BRR"); t <- svytotal(~y, r); out("brr_total", c(coef(t), SE(t)))
    m <- svymean(~y, r); out("brr_mean", c(coef(m), SE(m)))
    f <- as.svrepdesign(d, type="Fay", fay.rho=0.3); fw <- weights(f, "analysis"); colnames(fw) <- paste0("fw", 1:ncol(fw))
    write.csv(cbind(nh, fw), "\(RScript.directory.path)/fay.csv", row.names=FALSE)
    m <- svymean(~y, f); out("fay_mean", c(coef(m), SE(m), ncol(fw)))
    ln <- data.frame(s = rep(1:5, c(6, 6, 2, 6, 4)), psu = c(1, 1, 2, 2, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11),
                     fpc = rep(c(10, 5, 4, 20, 2), c(6, 6, 2, 6, 4)))
    ln$w <- ln$fpc / ave(ln$psu, ln$s, FUN = function(x) length(unique(x)))
    ln$y <- sin(seq_len(nrow(ln))) * 10 + 50; ln$g <- rep(c("a", "b", "b"), 8)
    write.csv(ln, "\(RScript.directory.path)/lonely.csv", row.names=FALSE)
    for (policy in c("remove", "certainty", "adjust", "average")) {
      options(survey.lonely.psu = policy)
      r <- as.svrepdesign(svydesign(id=~psu, strata=~s, fpc=~fpc, weights=~w, data=ln), type="JKn")
      out(paste0(policy, "_size"), c(ncol(r$repweights$weights), degf(r), r$scale))
      m <- svymean(~y, r); out(paste0(policy, "_mean"), c(coef(m), SE(m)))
      b <- svyby(~y, ~g, r, svymean); out(paste0(policy, "_by"), c(coef(b), SE(b)))
      out(paste0(policy, "_degf"), c(degf(subset(r, g == "a")), degf(subset(r, s %in% c(1, 3))), degf(subset(r, s == 3)), degf(subset(r, s %in% c(3, 5))), degf(subset(r, s == 5 | psu == 1))))
    }
    """)

    /// R's `degf` of the rows `member` accepts.
    static func degreesOfFreedom(_ design: ReplicateDesign, rows: Int, _ member: (Int) -> Bool) -> Int {
        design.degreesOfFreedom(domains: DomainSet(codes: (0..<rows).map { member($0) ? 0 : -1 }, names: [], labels: [[]])) { _ in true }[0]
    }

    @Test func jackknifeUnstratified() throws {
        let table = try DataTable(csvFile: RScript.dataset("apiclus1"))
        let r = Self.reference
        let design = try SurveyDesign(table, SurveyDesignSpecification(ids: ["dnum"], weights: "pw", fpc: ["fpc"]))
        let jackknife = try ReplicateDesign(jackknife: design)
        #expect(jackknife.kind == .jk1 && jackknife.replicateCount == 15)
        let whole = DomainSet.whole(rows: table.rowCount)
        let mean = jackknife.mean(try table.numbers("api00"), variable: "api00", domains: whole).estimates[0]
        expectClose(mean.estimate, r["jk1_1"], 1e-9, "JK1 mean")
        expectClose(mean.standardError, r["jk1_2"], 1e-9, "JK1 SE")
        let by = jackknife.mean(try table.numbers("api00"), variable: "api00", domains: try DomainSet(table, by: ["stype"])).estimates
        expectDomains(by, r, "JK1 by mean", estimate: { index in "jk1_by_\(index + 1)" }, standardError: { index in "jk1_by_\(index + 4)" })
        let total = jackknife.total(try table.numbers("enroll"), variable: "enroll", domains: whole).estimates[0]
        expectClose(total.estimate, r["jk1_total_1"], 1e-9, "JK1 total")
        expectClose(total.standardError, r["jk1_total_2"], 1e-9, "JK1 total SE")
        let ratio = jackknife.ratio(try table.numbers("api.stu"), try table.numbers("enroll"), variable: "r", domains: whole).estimates[0]
        expectClose(ratio.estimate, r["jk1_ratio_1"], 1e-9, "JK1 ratio")
        expectClose(ratio.standardError, r["jk1_ratio_2"], 1e-9, "JK1 ratio SE")
        let noFPC = try ReplicateDesign(jackknife: try SurveyDesign(table, SurveyDesignSpecification(ids: ["dnum"], weights: "pw")))
        expectClose(noFPC.mean(try table.numbers("api00"), variable: "api00", domains: whole).estimates[0].standardError, r["jk1n_2"], 1e-9, "JK1 SE without fpc")
        #expect(Double(jackknife.degreesOfFreedom) == r["jk1_degf_1"])
        #expect(by.map { Double($0.degreesOfFreedom) } == [r["jk1_degf_2"], r["jk1_degf_3"], r["jk1_degf_4"]])
    }

    @Test func jackknifeStratified() throws {
        let table = try DataTable(csvFile: RScript.dataset("apistrat"))
        let r = Self.reference
        let jackknife = try ReplicateDesign(jackknife: try SurveyDesign(table, SurveyDesignSpecification(strata: "stype", weights: "pw", fpc: ["fpc"])))
        #expect(jackknife.kind == .jkn && jackknife.replicateCount == 200)
        let mean = jackknife.mean(try table.numbers("api00"), variable: "api00", domains: .whole(rows: table.rowCount)).estimates[0]
        expectClose(mean.estimate, r["jkn_1"], 1e-9, "JKn mean")
        expectClose(mean.standardError, r["jkn_2"], 1e-9, "JKn SE")
        let by = jackknife.mean(try table.numbers("api00"), variable: "api00", domains: try DomainSet(table, by: ["awards"])).estimates
        expectDomains(by, r, "JKn by mean", estimate: { index in "jkn_by_\(index + 1)" }, standardError: { index in "jkn_by_\(index + 3)" })
        // R recomputes degf on each domain's rows: a stratum only partly reached adds one.
        #expect(Double(jackknife.degreesOfFreedom) == r["jkn_degf_1"])
        #expect(by.map { Double($0.degreesOfFreedom) } == [r["jkn_degf_2"], r["jkn_degf_3"]])
    }

    @Test func givenBootstrapWeights() throws {
        _ = Self.reference
        let table = try DataTable(csvFile: RScript.directory.appendingPathComponent("apistrat-boot.csv").path)
        let r = Self.reference
        let design = try ReplicateDesign(table, weights: "pw", replicateWeights: (1...40).map { "rw\($0)" }, kind: .bootstrap)
        let mean = design.mean(try table.numbers("api00"), variable: "api00", domains: .whole(rows: table.rowCount)).estimates[0]
        expectClose(mean.estimate, r["boot_1"], 1e-9, "bootstrap mean")
        expectClose(mean.standardError, r["boot_2"], 1e-9, "bootstrap SE")
        let by = design.total(try table.numbers("enroll"), variable: "enroll", domains: try DomainSet(table, by: ["stype"])).estimates
        expectDomains(by, r, "bootstrap total", estimate: { index in "boot_by_\(index + 1)" }, standardError: { index in "boot_by_\(index + 4)" })
        // Numerical rank of the given weights, as R's qr(): 40 replicates give 39.
        #expect(Double(design.degreesOfFreedom) == r["boot_degf_1"])
        #expect(by.map { Double($0.degreesOfFreedom) } == [r["boot_degf_2"], r["boot_degf_3"], r["boot_degf_4"]])
    }

    @Test func seededBootstrapIsReproducible() throws {
        let table = try DataTable(csvFile: RScript.dataset("apistrat"))
        let design = try SurveyDesign(table, SurveyDesignSpecification(strata: "stype", weights: "pw"))
        let first = ReplicateDesign(bootstrap: design, replicates: 30, seed: 42)
        let second = ReplicateDesign(bootstrap: design, replicates: 30, seed: 42)
        let y = try table.numbers("api00")
        let a = first.mean(y, variable: "api00", domains: .whole(rows: table.rowCount)).estimates[0]
        let b = second.mean(y, variable: "api00", domains: .whole(rows: table.rowCount)).estimates[0]
        #expect(a == b)
        // Each replicate redraws n_h PSUs per stratum: 100 + 50 + 50 draws.
        if case .unitFactors(_, _, let factors) = first.replicates {
            #expect(factors.prefix(200).reduce(0, +) == 200)
        }
        // Bootstrap SE is a noisy estimate of the linearisation SE (9.4089 here): same order of magnitude.
        #expect(a.standardError > 5 && a.standardError < 15)
        // 30 replicates of 200 PSUs in 3 strata: R's rank-based degf is 29.
        #expect(first.degreesOfFreedom == 29)
    }

    @Test func bootstrapWithFinitePopulationCorrection() throws {
        let table = try DataTable(csvFile: RScript.dataset("apistrat"))
        let y = try table.numbers("api00")
        // With an fpc R's bootweights draws n_h of the N_h PSUs (repeated) without replacement: at most
        // ⌈N_h/n_h⌉ copies of a PSU, n_h draws a stratum.
        let design = ReplicateDesign(bootstrap: try SurveyDesign(table, SurveyDesignSpecification(strata: "stype", weights: "pw", fpc: ["fpc"])), replicates: 20, seed: 4)
        let strata = try table.column("stype").factor()
        guard case .unitFactors(_, let units, let factors) = design.replicates else { Issue.record("unit factors expected"); return }
        let fpc = try table.numbers("fpc")
        for replicate in 0..<20 {
            var draws = [Double](repeating: 0, count: 3)
            for unit in 0..<units {
                let factor = factors[replicate * units + unit]
                draws[Int(strata.codes[unit])] += factor
                let sampled = Double(strata.codes.filter { $0 == strata.codes[unit] }.count)
                #expect(factor <= (fpc[unit] / sampled).rounded(.up))
            }
            #expect(draws == [100, 50, 50])
        }
        // A census (fpc equal to the sample size) draws every PSU once: no sampling variance.
        var census = table
        census.set(DataColumn(name: "all", numbers: strata.codes.map { code in Double(strata.codes.filter { $0 == code }.count) }))
        let complete = ReplicateDesign(bootstrap: try SurveyDesign(census, SurveyDesignSpecification(strata: "stype", weights: "pw", fpc: ["all"])), replicates: 10, seed: 4)
        #expect(complete.mean(y, variable: "api00", domains: .whole(rows: table.rowCount)).estimates[0].standardError < 1e-9)
    }

    @Test func balancedRepeatedReplicationTotals() throws {
        _ = Self.reference
        let table = try DataTable(csvFile: RScript.directory.appendingPathComponent("brr.csv").path)
        let r = Self.reference
        let design = try SurveyDesign(table, SurveyDesignSpecification(ids: ["psu"], strata: "s", weights: "w", nest: true))
        let brr = try ReplicateDesign(balancedRepeatedReplication: design)
        let total = brr.total(try table.numbers("y"), variable: "y", domains: .whole(rows: table.rowCount)).estimates[0]
        expectClose(total.estimate, r["brr_total_1"], 1e-9, "BRR total")
        expectClose(total.standardError, r["brr_total_2"], 1e-9, "BRR total SE")
        // A mean's SE depends on which half-samples R's Hadamard matrix picks.
        let mean = brr.mean(try table.numbers("y"), variable: "y", domains: .whole(rows: table.rowCount)).estimates[0]
        expectClose(mean.standardError, r["brr_mean_2"], 1e-9, "BRR mean SE")
    }

    @Test func givenFayWeights() throws {
        _ = Self.reference
        let r = Self.reference
        let table = try DataTable(csvFile: RScript.directory.appendingPathComponent("fay.csv").path)
        let count = Int(try #require(r["fay_mean_3"]))
        let design = try ReplicateDesign(table, weights: "w", replicateWeights: (1...count).map { "fw\($0)" }, kind: .fay, fayRho: 0.3)
        let mean = design.mean(try table.numbers("y"), variable: "y", domains: .whole(rows: table.rowCount)).estimates[0]
        expectClose(mean.estimate, r["fay_mean_1"], 1e-9, "Fay mean")
        expectClose(mean.standardError, r["fay_mean_2"], 1e-9, "Fay SE")
    }

    @Test(arguments: [LonelyPSUPolicy.remove, .certainty, .adjust, .average])
    func jackknifeLonelyAndTakeAllStrata(policy: LonelyPSUPolicy) throws {
        let r = Self.reference
        let table = try DataTable(csvFile: RScript.directory.appendingPathComponent("lonely.csv").path)
        let design = try SurveyDesign(table, SurveyDesignSpecification(ids: ["psu"], strata: "s", weights: "w", fpc: ["fpc"], lonelyPSU: policy))
        let jackknife = try ReplicateDesign(jackknife: design)
        let name = policy.rawValue
        #expect(Double(jackknife.replicateCount) == r["\(name)_size_1"])
        #expect(Double(jackknife.degreesOfFreedom) == r["\(name)_size_2"])
        expectClose(jackknife.scale, r["\(name)_size_3"], 1e-15, "\(name) scale")
        let y = try table.numbers("y")
        let mean = jackknife.mean(y, variable: "y", domains: .whole(rows: table.rowCount)).estimates[0]
        expectClose(mean.estimate, r["\(name)_mean_1"], 1e-12, "\(name) mean")
        expectClose(mean.standardError, r["\(name)_mean_2"], 1e-10, "\(name) SE")
        let by = jackknife.mean(y, variable: "y", domains: try DomainSet(table, by: ["g"])).estimates
        expectDomains(by, r, "\(name) by g", tolerance: 1e-10, estimate: { "\(name)_by_\($0 + 1)" }, standardError: { "\(name)_by_\($0 + 3)" })
        let strata = try table.numbers("s"), psu = try table.numbers("psu")
        let subsets: [(Int) -> Bool] = [
            { $0 % 3 == 0 }, { strata[$0] == 1 || strata[$0] == 3 }, { strata[$0] == 3 },
            { strata[$0] == 3 || strata[$0] == 5 }, { strata[$0] == 5 || psu[$0] == 1 },
        ]
        for (index, member) in subsets.enumerated() {
            #expect(Double(Self.degreesOfFreedom(jackknife, rows: table.rowCount, member)) == r["\(name)_degf_\(index + 1)"], "\(name) subset \(index + 1)")
        }
    }

    @Test func jackknifeNeedsReplicates() throws {
        let table = try DataTable(csvFile: RScript.dataset("apistrat"))
        let design = try SurveyDesign(table, SurveyDesignSpecification(strata: "stype", weights: "pw", fpc: ["fpc"]))
        #expect(throws: Never.self) { try ReplicateDesign(jackknife: design) }
        var everyone = table
        everyone.set(DataColumn(name: "all", numbers: [Double](repeating: 1, count: table.rowCount)))
        let census = try SurveyDesign(everyone, SurveyDesignSpecification(weights: "all", fpc: ["all"]))
        #expect(throws: ReplicateDesignError.allStrataTakeAll) { try ReplicateDesign(jackknife: census) }
    }
}
