import Foundation
import Testing
@testable import SanaripStatistics

/// Standard errors of raked, post-stratified and calibrated designs against R's `rake`, `postStratify` and
/// `calibrate` designs (survey's `svyrecvar` with `design$postStrata`), on R's `api` data.
@Suite("Calibrated designs against R survey")
struct CalibratedDesignTests {
    /// Per design: weights, mean, total and ratio with deff, domain means with deff, domain totals, the Yes − No
    /// domain difference (svyglm: R's `svyby(covmat = TRUE)` fails on calibrated designs) and the covariance of the
    /// two domain means (svyratio, covmat = TRUE), and the shares of `awards`.
    static let reference: [String: Double] = RScript.cached(RScript.prelude + """
    data(api)
    report <- function(k, d) {
      out(paste0(k, "_w"), weights(d))
      m <- svymean(~api00, d, deff=TRUE); out(paste0(k, "_mean"), c(coef(m), SE(m), deff(m)))
      t <- svytotal(~enroll, d, deff=TRUE, na.rm=TRUE); out(paste0(k, "_total"), c(coef(t), SE(t), deff(t)))
      r <- svyratio(~api.stu, ~enroll, d, na.rm=TRUE); out(paste0(k, "_ratio"), c(coef(r), SE(r)))
      b <- svyby(~api00, ~awards, d, svymean, deff=TRUE); out(paste0(k, "_by"), c(coef(b), SE(b), deff(b)))
      b <- svyby(~enroll, ~stype, d, svytotal, na.rm=TRUE); out(paste0(k, "_bytotal"), c(coef(b), SE(b)))
      g <- svyglm(api00 ~ awards, d); out(paste0(k, "_diff"), c(coef(g)[2], SE(g)[2]))
      r <- svyratio(~I(api00 * (awards == "No")) + I(api00 * (awards == "Yes")), ~I(awards == "No") + I(awards == "Yes"), d, covmat=TRUE)
      out(paste0(k, "_cov"), vcov(r)[1, 4])
      p <- svymean(~awards, d); out(paste0(k, "_prop"), c(coef(p), SE(p)))
    }
    dstrat <- svydesign(id=~1, strata=~stype, weights=~pw, data=apistrat, fpc=~fpc)
    dclus1 <- svydesign(id=~dnum, weights=~pw, data=apiclus1, fpc=~fpc)
    dclus2 <- svydesign(id=~dnum+snum, fpc=~fpc1+fpc2, data=apiclus2)
    pop.types <- data.frame(stype=c("E","H","M"), Freq=c(4421,755,1018))
    pop.schwide <- data.frame(sch.wide=c("No","Yes"), Freq=c(1072,5122))
    pop.totals <- c(`(Intercept)`=6194, stypeH=755, stypeM=1018, api99=sum(apipop$api99))
    out("api99", sum(apipop$api99))
    report("rake", rake(dstrat, list(~stype, ~sch.wide), list(pop.types, pop.schwide)))
    report("ps", postStratify(dclus1, ~stype, pop.types))
    lin <- calibrate(dclus1, ~stype + api99, pop.totals)
    report("linear", lin)
    report("raking", calibrate(dclus1, ~stype + api99, pop.totals, calfun="raking"))
    report("bounded", calibrate(dclus1, ~stype + api99, pop.totals, bounds=c(0.5, 2)))
    report("clus2", calibrate(dclus2, ~stype + api99, pop.totals))
    report("chain", rake(postStratify(dclus1, ~stype, pop.types), list(~sch.wide), list(pop.schwide)))
    q <- svyquantile(~api00, lin, c(0.25, 0.5), ci=TRUE); out("q", q$api00[, 1]); out("q_low", q$api00[, 2]); out("q_high", q$api00[, 3]); out("q_se", q$api00[, 4])
    x <- svychisq(~sch.wide + awards, lin); out("chi_F", x$statistic); out("chi_df", x$parameter); out("chi_p", x$p.value)
    x <- svychisq(~stype + awards, lin, statistic="Chisq"); out("chi2", x$statistic); out("chi2_p", x$p.value)
    t <- svyttest(api00 ~ sch.wide, lin); out("t", c(t$statistic, t$estimate, t$conf.int))
    m <- svymean(~api00, trimWeights(lin, upper=40)); out("trim", c(coef(m), SE(m)))
    m <- svyglm(api00 ~ ell + meals, lin); s <- summary(m)$coefficients; out("glm_b", s[, 1]); out("glm_se", s[, 2])
    m <- svyglm(I(sch.wide == "Yes") ~ ell + meals, lin, family=quasibinomial, control=glm.control(epsilon=1e-15, maxit=100))
    s <- summary(m)$coefficients; out("logit_b", s[, 1]); out("logit_se", s[, 2])
    """)

    /// Relative differences from R, the largest printed per design as `R-equivalence:` for the log.
    struct Comparison {
        var label: String
        var largest = 0.0
        let r = CalibratedDesignTests.reference

        mutating func check(_ value: Double, _ key: String, sourceLocation: SourceLocation = #_sourceLocation) {
            let reference = r[key]
            expectClose(value, reference, 1e-6, "\(label) \(key)", sourceLocation: sourceLocation)
            if let reference, reference != 0 { largest = max(largest, abs(value - reference) / abs(reference)) }
        }

        func report() {
            print("R-equivalence: calibrated design \(label): max relative difference \(largest)")
        }
    }

    static func variable(_ table: DataTable, _ name: String) throws -> WeightingVariable {
        let factor = try table.column(name).factor()
        return WeightingVariable(name: name, levels: factor.levels, codes: factor.codes)
    }

    static let stypeMargins = [("E", 4421.0), ("H", 755.0), ("M", 1018.0)].map { WeightingMargin(variable: "stype", level: $0.0, total: $0.1) }
    static let schWideMargins = [("No", 1072.0), ("Yes", 5122.0)].map { WeightingMargin(variable: "sch.wide", level: $0.0, total: $0.1) }

    /// R's `calibrate(design, ~stype + api99, pop.totals, ...)`.
    static func calibrateOnTypeAndAPI99(_ table: DataTable, _ design: SurveyDesign, _ options: Calibration.Options) throws -> SurveyDesign {
        let total = try #require(reference["api99"])
        let result = try Calibration.calibrate(
            weights: design.weights, variables: [try variable(table, "stype")], numeric: ["api99": try table.numbers("api99")],
            margins: stypeMargins + [WeightingMargin(variable: "api99", level: "", total: total)], options: options)
        return design.calibrated(by: result)
    }

    static func apiclus1() throws -> (DataTable, SurveyDesign) {
        let table = try DataTable(csvFile: RScript.dataset("apiclus1"))
        return (table, try SurveyDesign(table, SurveyDesignSpecification(ids: ["dnum"], weights: "pw", fpc: ["fpc"])))
    }

    /// Compares everything `report()` prints in R for design `key`.
    static func compare(_ key: String, _ table: DataTable, _ design: SurveyDesign) throws {
        var check = Comparison(label: key)
        defer { check.report() }
        for (row, weight) in design.weights.enumerated() { check.check(weight, "\(key)_w_\(row + 1)") }
        let whole = DomainSet.whole(rows: table.rowCount)
        let options = EstimationOptions(deff: true)
        let mean = design.mean(try table.numbers("api00"), variable: "api00", domains: whole, options: options).estimates[0]
        check.check(mean.estimate, "\(key)_mean_1")
        check.check(mean.standardError, "\(key)_mean_2")
        check.check(try #require(mean.deff), "\(key)_mean_3")
        let total = design.total(try table.numbers("enroll"), variable: "enroll", domains: whole, options: options).estimates[0]
        check.check(total.estimate, "\(key)_total_1")
        check.check(total.standardError, "\(key)_total_2")
        check.check(try #require(total.deff), "\(key)_total_3")
        let ratio = design.ratio(try table.numbers("api.stu"), try table.numbers("enroll"), variable: "api.stu/enroll", domains: whole).estimates[0]
        check.check(ratio.estimate, "\(key)_ratio_1")
        check.check(ratio.standardError, "\(key)_ratio_2")

        let awards = try DomainSet(table, by: ["awards"])
        let means = design.mean(try table.numbers("api00"), variable: "api00", domains: awards, options: options)
        for (index, domain) in means.estimates.enumerated() {
            check.check(domain.estimate, "\(key)_by_\(index + 1)")
            check.check(domain.standardError, "\(key)_by_\(index + 3)")
            check.check(try #require(domain.deff), "\(key)_by_\(index + 5)")
        }
        let no = try #require(awards.index(of: ["No"])), yes = try #require(awards.index(of: ["Yes"]))
        let difference = means.difference(yes, no, in: design)
        check.check(difference.estimate, "\(key)_diff_1")
        check.check(difference.standardError, "\(key)_diff_2")
        check.check(means.covariance(no, yes, in: design), "\(key)_cov")

        let totals = design.total(try table.numbers("enroll"), variable: "enroll", domains: try DomainSet(table, by: ["stype"])).estimates
        for (index, domain) in totals.enumerated() {
            check.check(domain.estimate, "\(key)_bytotal_\(index + 1)")
            check.check(domain.standardError, "\(key)_bytotal_\(index + 4)")
        }
        let shares = design.proportions(try table.column("awards").factor(), variable: "awards", domains: whole)
        for (index, share) in shares.enumerated() {
            check.check(share.estimates[0].estimate, "\(key)_prop_\(index + 1)")
            check.check(share.estimates[0].standardError, "\(key)_prop_\(index + 3)")
        }
    }

    @Test func referenceIsAvailable() {
        #expect(!Self.reference.isEmpty, "R survey reference values could not be computed; run scripts/setup.sh")
    }

    @Test("rake(dstrat, list(~stype, ~sch.wide), ...) with R's default control")
    func rakedStratifiedSample() throws {
        let table = try DataTable(csvFile: RScript.dataset("apistrat"))
        let design = try SurveyDesign(table, SurveyDesignSpecification(strata: "stype", weights: "pw", fpc: ["fpc"]))
        let result = try Raking.rake(
            weights: design.weights, variables: [try Self.variable(table, "stype"), try Self.variable(table, "sch.wide")],
            margins: Self.stypeMargins + Self.schWideMargins, options: .init(maxIterations: 10, epsilon: 1))
        let raked = design.calibrated(by: result)
        try Self.compare("rake", table, raked)
        let plain = design.mean(try table.numbers("api00"), variable: "api00", domains: .whole(rows: table.rowCount)).estimates[0]
        let calibrated = raked.mean(try table.numbers("api00"), variable: "api00", domains: .whole(rows: table.rowCount)).estimates[0]
        #expect(calibrated.standardError < plain.standardError)
        #expect(raked.degreesOfFreedom == design.degreesOfFreedom)
    }

    @Test("postStratify(dclus1, ~stype, pop.types)")
    func postStratifiedClusterSample() throws {
        let (table, design) = try Self.apiclus1()
        let result = try PostStratification.adjust(weights: design.weights, variables: [try Self.variable(table, "stype")], margins: Self.stypeMargins)
        try Self.compare("ps", table, design.calibrated(by: result))
    }

    @Test("calibrate(dclus1, ~stype + api99, pop.totals): linear, raking and bounded [0.5, 2]", arguments: [
        ("linear", Calibration.Options()), ("raking", Calibration.Options(distance: .raking)), ("bounded", Calibration.Options(bounds: (0.5, 2))),
    ])
    func calibratedClusterSample(key: String, options: Calibration.Options) throws {
        let (table, design) = try Self.apiclus1()
        try Self.compare(key, table, try Self.calibrateOnTypeAndAPI99(table, design, options))
    }

    @Test("calibrate(dclus2, ~stype + api99, pop.totals): two-stage design with fpc at both stages")
    func calibratedTwoStageSample() throws {
        let table = try DataTable(csvFile: RScript.dataset("apiclus2"))
        let design = try SurveyDesign(table, SurveyDesignSpecification(ids: ["dnum", "snum"], fpc: ["fpc1", "fpc2"]))
        try Self.compare("clus2", table, try Self.calibrateOnTypeAndAPI99(table, design, .init()))
    }

    @Test("rake(postStratify(dclus1, ~stype, ...), list(~sch.wide), ...): steps chain in order")
    func chainedCalibrations() throws {
        let (table, design) = try Self.apiclus1()
        let stratified = design.calibrated(by: try PostStratification.adjust(
            weights: design.weights, variables: [try Self.variable(table, "stype")], margins: Self.stypeMargins))
        let raked = stratified.calibrated(by: try Raking.rake(
            weights: stratified.weights, variables: [try Self.variable(table, "sch.wide")], margins: Self.schWideMargins,
            options: .init(maxIterations: 10, epsilon: 1)))
        try Self.compare("chain", table, raked)
    }

    @Test("quantiles, Rao–Scott, t test and regressions on a calibrated design")
    func otherEstimatorsOnCalibratedDesign() throws {
        let (table, design) = try Self.apiclus1()
        let calibrated = try Self.calibrateOnTypeAndAPI99(table, design, .init())
        var check = Comparison(label: "linear (quantiles, tests, models)")
        defer { check.report() }
        let quantiles = calibrated.quantiles(try table.numbers("api00"), probabilities: [0.25, 0.5], variable: "api00", domains: .whole(rows: table.rowCount))
        for (index, quantile) in quantiles.enumerated() {
            check.check(quantile.estimate, "q_\(index + 1)")
            check.check(quantile.ciLow, "q_low_\(index + 1)")
            check.check(quantile.ciHigh, "q_high_\(index + 1)")
            check.check(quantile.standardError, "q_se_\(index + 1)")
        }
        let test = calibrated.raoScott(rows: try table.column("sch.wide").factor(), columns: try table.column("awards").factor())
        check.check(test.f, "chi_F")
        check.check(test.numeratorDF, "chi_df_1")
        check.check(test.denominatorDF, "chi_df_2")
        check.check(test.pValue, "chi_p")
        let three = calibrated.raoScott(rows: try table.column("stype").factor(), columns: try table.column("awards").factor())
        check.check(three.pearson, "chi2")
        check.check(three.chiSquarePValue, "chi2_p")
        let t = try #require(calibrated.tTest(try table.numbers("api00"), variable: "api00", group: try table.column("sch.wide").factor()))
        check.check(t.t, "t_1")
        check.check(t.estimate, "t_2")
        check.check(t.ciLow, "t_3")
        check.check(t.ciHigh, "t_4")
        let predictors = [("ell", try table.numbers("ell")), ("meals", try table.numbers("meals"))]
        let linear = try #require(calibrated.regression(.linear, response: try table.numbers("api00"), predictors: predictors))
        let schoolWide = try table.column("sch.wide").factor()
        let yes = try #require(schoolWide.levels.firstIndex(of: "Yes"))
        let logistic = try #require(calibrated.regression(.logistic, response: schoolWide.codes.map { $0 == Int32(yes) ? 1.0 : 0.0 }, predictors: predictors))
        for j in 0..<3 {
            check.check(linear.coefficients[j], "glm_b_\(j + 1)")
            check.check(linear.standardErrors[j], "glm_se_\(j + 1)")
            check.check(logistic.coefficients[j], "logit_b_\(j + 1)")
            check.check(logistic.standardErrors[j], "logit_se_\(j + 1)")
        }
    }

    @Test("trimWeights(calibrate(...), upper = 40): trimming keeps the calibration")
    func trimmingKeepsCalibration() throws {
        let (table, design) = try Self.apiclus1()
        let calibrated = try Self.calibrateOnTypeAndAPI99(table, design, .init())
        let trimmed = calibrated.calibrated(by: try WeightTrimming.trim(weights: calibrated.weights, upper: 40))
        let mean = trimmed.mean(try table.numbers("api00"), variable: "api00", domains: .whole(rows: table.rowCount)).estimates[0]
        var check = Comparison(label: "trimmed")
        defer { check.report() }
        check.check(mean.estimate, "trim_1")
        check.check(mean.standardError, "trim_2")
    }
}
