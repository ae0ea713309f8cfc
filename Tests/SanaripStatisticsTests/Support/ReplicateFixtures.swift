import Foundation
import Testing
@testable import SanaripStatistics

/// The replicate designs the estimator tests share, built alike in R and in Swift from the same CSV files:
/// `jk1` (apiclus1), `jkn` (apistrat), `brr` (apistrat schools paired into 100 strata), `boot` (50 bootstrap
/// replicates of apistrat exported from R), `bootclus` (30 of apiclus1's 15 clusters: rank 15, so degf 14), and on
/// nhanes, with missing values, `nhjkn` and `nhbrr` (without the one stratum that has three PSUs).
enum ReplicateFixtures {
    static let names = ["jk1", "jkn", "brr", "boot", "bootclus"]
    static let nhanesNames = ["nhjkn", "nhbrr"]

    private static func path(_ name: String) -> String {
        RScript.directory.appendingPathComponent(name).path
    }

    /// Writes the CSV files once per test process.
    private static let exported: Result<Void, any Error> = Result {
        _ = try RScript.run("""
            data(api); data(nhanes)
            save <- function(d, name) { f <- file.path("\(RScript.directory.path)", name); t <- paste0(f, Sys.getpid(), ".tmp"); write.csv(d, t, row.names = FALSE, na = ""); file.rename(t, f) }
            pairs <- apistrat[order(apistrat$stype, apistrat$snum), ]; pairs$pair <- rep(1:100, each = 2); save(pairs, "replicate-pairs.csv")
            boot <- function(design, n, data, name) {
              w <- weights(as.svrepdesign(design, type = "bootstrap", replicates = n), "analysis"); colnames(w) <- paste0("rw", 1:n); save(cbind(data, w), name)
            }
            set.seed(11); boot(svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apistrat), 50, apistrat, "replicate-boot.csv")
            set.seed(5); boot(svydesign(id = ~dnum, weights = ~pw, data = apiclus1), 30, apiclus1, "replicate-bootclus.csv")
            nhanes$age2 <- as.numeric(nhanes$agecat == "(19,39]"); save(nhanes, "replicate-nhanes.csv")
            save(subset(nhanes, !(SDMVSTRA == 86 & SDMVPSU == 3)), "replicate-nhanes-brr.csv")
            """)
    }

    /// R code defining the lists `designs` and `nhdesigns` (named as ``names`` and ``nhanesNames``).
    static var rDesigns: String {
        _ = try? exported.get()
        return """
            read <- function(name) read.csv(file.path("\(RScript.directory.path)", name))
            given <- function(data) svrepdesign(data = data, weights = ~pw, repweights = "rw[0-9]+", type = "bootstrap", combined.weights = TRUE)
            designs <- list(
              jk1 = as.svrepdesign(svydesign(id = ~dnum, weights = ~pw, data = read("replicate-bootclus.csv"), fpc = ~fpc), type = "JK1"),
              jkn = as.svrepdesign(svydesign(id = ~1, strata = ~stype, weights = ~pw, data = read("replicate-boot.csv"), fpc = ~fpc), type = "JKn"),
              brr = as.svrepdesign(svydesign(id = ~snum, strata = ~pair, weights = ~pw, data = read("replicate-pairs.csv")), type = "BRR"),
              boot = given(read("replicate-boot.csv")), bootclus = given(read("replicate-bootclus.csv")))
            nhdesign <- function(file) svydesign(id = ~SDMVPSU, strata = ~SDMVSTRA, weights = ~WTMEC2YR, nest = TRUE, data = read(file))
            nhdesigns <- list(nhjkn = as.svrepdesign(nhdesign("replicate-nhanes.csv"), type = "JKn"), nhbrr = as.svrepdesign(nhdesign("replicate-nhanes-brr.csv"), type = "BRR"))

            """
    }

    /// The design `name` (of ``names`` or ``nhanesNames``) and its data.
    static func design(_ name: String) throws -> (DataTable, ReplicateDesign) {
        try exported.get()
        switch name {
        case "jk1":
            let table = try DataTable(csvFile: path("replicate-bootclus.csv"))
            return (table, try ReplicateDesign(jackknife: try SurveyDesign(table, SurveyDesignSpecification(ids: ["dnum"], weights: "pw", fpc: ["fpc"]))))
        case "jkn":
            let table = try DataTable(csvFile: path("replicate-boot.csv"))
            return (table, try ReplicateDesign(jackknife: try SurveyDesign(table, SurveyDesignSpecification(strata: "stype", weights: "pw", fpc: ["fpc"]))))
        case "brr":
            let table = try DataTable(csvFile: path("replicate-pairs.csv"))
            return (table, try ReplicateDesign(balancedRepeatedReplication: try SurveyDesign(table, SurveyDesignSpecification(ids: ["snum"], strata: "pair", weights: "pw"))))
        case "boot", "bootclus":
            let table = try DataTable(csvFile: path("replicate-\(name).csv"))
            let count = name == "boot" ? 50 : 30
            return (table, try ReplicateDesign(table, weights: "pw", replicateWeights: (1...count).map { "rw\($0)" }, kind: .bootstrap))
        default:
            let table = try DataTable(csvFile: path(name == "nhbrr" ? "replicate-nhanes-brr.csv" : "replicate-nhanes.csv"))
            let design = try SurveyDesign(table, SurveyDesignSpecification(ids: ["SDMVPSU"], strata: "SDMVSTRA", weights: "WTMEC2YR", nest: true))
            return (table, name == "nhbrr" ? try ReplicateDesign(balancedRepeatedReplication: design) : try ReplicateDesign(jackknife: design))
        }
    }
}
