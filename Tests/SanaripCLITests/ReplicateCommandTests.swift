import Foundation
import Testing

/// `sanarip estimate|test|model --replicates` run as a user would, compared with R's methods for `svyrep.design`.
@Suite("sanarip with replicate weights against R survey")
struct ReplicateCommandTests {
    /// Relative agreement to 1e-6 of a JSON number with R's (both NaN agree: an interval bound R leaves undefined is
    /// null in the JSON).
    func close(_ json: Any?, _ b: Double) -> Bool {
        guard let a = (json as? NSNumber)?.doubleValue else { return b.isNaN }
        return abs(a - b) <= 1e-6 * abs(b)
    }

    func json(_ result: CommandRunner.Result) throws -> [String: Any] {
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// The data, written by R once for the suite: apiclus1, apistrat, `pairs` (apistrat sorted by school type and
    /// number, consecutive schools paired into 100 strata) and `boot` (apiclus1 with a 0/1 `yes` for sch.wide and 30
    /// bootstrap replicate weights `rw1`…`rw30` made by R).
    static let files: Result<URL, any Error> = Result {
        let directory = try CommandRunner.temporaryDirectory()
        _ = try CommandRunner.r("""
            data(api); save <- function(d, name) write.csv(d, file.path("\(directory.path)", name), row.names = FALSE)
            save(apiclus1, "apiclus1.csv"); save(apistrat, "apistrat.csv")
            d <- apistrat[order(apistrat$stype, apistrat$snum), ]; d$pair <- rep(1:100, each = 2); save(d, "pairs.csv")
            set.seed(3); b <- as.svrepdesign(svydesign(id = ~dnum, weights = ~pw, data = apiclus1), type = "bootstrap", replicates = 30)
            w <- weights(b, "analysis"); colnames(w) <- paste0("rw", 1:30); apiclus1$yes <- as.numeric(apiclus1$sch.wide == "Yes")
            save(cbind(apiclus1, w), "boot.csv")
            """)
        return directory
    }

    func file(_ name: String) throws -> String {
        try Self.files.get().appendingPathComponent(name).path
    }

    @Test func quantilesWithJackknifeReplicates() throws {
        let data = try file("apiclus1.csv")
        // Per type of school: the 0.25 and 0.5 quantiles' estimate, interval and SE, as svyby computes them.
        let reference = try CommandRunner.rNumbers("""
            r <- as.svrepdesign(svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = read.csv("\(data)")), type = "JK1")
            for (s in c("E", "H", "M")) { q <- svyquantile(~api00, subset(r, stype == s), c(0.25, 0.5), ci = TRUE); cat(sprintf("%.17g", t(q$api00)), sep = "\\n") }
            """)
        #expect(reference.count == 24)
        let output = try json(try CommandRunner.run([
            "estimate", "--data", data, "--ids", "dnum", "--weights", "pw", "--fpc", "fpc", "--replicates", "jk1",
            "--quantile", "api00:0.25,0.5", "--by", "stype",
        ]))
        #expect((output["design"] as? [String: Any])?["degf"] as? Int == 14)
        let estimates = try #require(output["estimates"] as? [[String: Any]])
        for (index, type) in ["E", "H", "M"].enumerated() {
            for (position, probability) in ["0.25", "0.5"].enumerated() {
                let row = try #require(estimates.first { ($0["domain"] as? [String: String])?["stype"] == type && $0["probability"] as? String == probability })
                let expected = reference[(index * 2 + position) * 4..<(index * 2 + position + 1) * 4].map(\.self)
                for (key, value) in zip(["estimate", "ci_low", "ci_high", "se"], expected) {
                    #expect(close(row[key], value), "\(type) \(probability) \(key): \(row[key] ?? "null") vs R \(value)")
                }
            }
        }
    }

    @Test func chiSquareWithBRR() throws {
        let data = try file("pairs.csv")
        let reference = try CommandRunner.rNumbers("""
            r <- as.svrepdesign(svydesign(id = ~snum, strata = ~pair, weights = ~pw, data = read.csv("\(data)")), type = "BRR")
            for (s in c("F", "Chisq", "Wald", "adjWald")) { x <- svychisq(~sch.wide + stype, r, statistic = s); cat(sprintf("%.17g", c(x$statistic, x$parameter, x$p.value)), sep = "\\n") }
            """)
        #expect(reference.count == 15)
        let design = ["--data", data, "--ids", "snum", "--strata", "pair", "--weights", "pw", "--row", "sch.wide", "--col", "stype", "--replicates", "brr"]
        let both = try json(try CommandRunner.run(["test", "chisq"] + design))
        for (key, value) in zip(["F", "ndf", "ddf", "p", "chisq", "df", "p_chisq"], reference[0..<7]) {
            #expect(close(both[key], value), "\(key): \(both[key] ?? "null") vs R \(value)")
        }
        for (statistic, start) in [("wald", 7), ("adjwald", 11)] {
            let test = try json(try CommandRunner.run(["test", "chisq"] + design + ["--statistic", statistic]))
            #expect(test["statistic"] as? String == statistic)
            for (key, value) in zip(["F", "ndf", "ddf", "p"], reference[start..<(start + 4)]) {
                #expect(close(test[key], value), "\(statistic) \(key): \(test[key] ?? "null") vs R \(value)")
            }
        }
    }

    @Test func tTestAndModelWithReplicates() throws {
        let strat = try file("apistrat.csv"), boot = try file("boot.csv")
        // JKn t test; a logistic model on the 30 bootstrap replicate weights made by R and given to sanarip.
        let reference = try CommandRunner.rNumbers("""
            r <- as.svrepdesign(svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = read.csv("\(strat)")), type = "JKn")
            t <- svyttest(api00 ~ sch.wide, r); cat(sprintf("%.17g", c(t$statistic, t$parameter, t$p.value, t$estimate, t$conf.int)), sep = "\\n")
            g <- svrepdesign(data = read.csv("\(boot)"), weights = ~pw, repweights = "rw[0-9]+", type = "bootstrap", combined.weights = TRUE)
            m <- svyglm(yes ~ ell + meals, g, family = quasibinomial, control = glm.control(epsilon = 1e-15, maxit = 100))
            cat(sprintf("%.17g", c(coef(m), SE(m), m$df.residual)), sep = "\\n")
            """)
        #expect(reference.count == 13)
        let test = try json(try CommandRunner.run([
            "test", "ttest", "api00", "--by", "sch.wide", "--data", strat, "--strata", "stype", "--weights", "pw", "--fpc", "fpc", "--replicates", "jkn",
        ]))
        for (key, value) in zip(["t", "df", "p", "difference", "ci_low", "ci_high"], reference[0..<6]) {
            #expect(close(test[key], value), "\(key): \(test[key] ?? "null") vs R \(value)")
        }
        let model = try json(try CommandRunner.run([
            "model", "logistic", "yes", "--x", "ell,meals", "--data", boot, "--weights", "pw",
            "--replicates", "bootstrap", "--replicate-weights", (1...30).map { "rw\($0)" }.joined(separator: ","),
        ]))
        #expect(model["df"] as? Int == Int(reference[12]))
        let coefficients = try #require(model["coefficients"] as? [[String: Any]])
        for (index, term) in coefficients.enumerated() {
            #expect(close(term["estimate"], reference[6 + index]), "\(term["term"] ?? "") estimate")
            #expect(close(term["se"], reference[9 + index]), "\(term["term"] ?? "") se")
        }
    }

    @Test func unsupportedCombinationsAreOneClearLine() throws {
        let data = try file("apiclus1.csv")
        let cases: [([String], String)] = [
            (["test", "chisq", "--row", "sch.wide", "--col", "awards", "--ids", "dnum", "--strata", "stype", "--nest", "--replicates", "brr"], "has 15 PSUs"),
            (["estimate", "--mean", "api00", "--ids", "dnum", "--replicates", "brr"], "need strata"),
            (["estimate", "--mean", "api00", "--ids", "dnum", "--strata", "stype", "--nest", "--replicates", "jk1"], "use jkn"),
            (["estimate", "--mean", "api00", "--ids", "dnum", "--replicates", "jk1", "--deff"], "--deff"),
            (["estimate", "--mean", "api00", "--replicates", "jkn", "--replicate-weights", "api99,api00"], "rscales"),
        ]
        for (arguments, phrase) in cases {
            let result = try CommandRunner.run(arguments + ["--data", data, "--weights", "pw"])
            #expect(result.status == 1 && result.stderr.contains(phrase), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
    }
}
