import Foundation
import Testing
@testable import SanaripStatistics

@Suite("Results tables and rankings against R survey")
struct ResultsTableTests {
    /// NHANES: women − men in high cholesterol overall and within each race group, and the difference between two
    /// shares with different missing rows. (`svyby(..., covmat=TRUE)` fails on NHANES's missing values, so R's SEs
    /// come from `svytotal` of each contrast's linearised score, which is what `svycontrast` computes.)
    static let reference: [String: Double] = RScript.cached(RScript.prelude + """
    data(nhanes)
    nh <- svydesign(id=~SDMVPSU, strata=~SDMVSTRA, weights=~WTMEC2YR, nest=TRUE, data=nhanes)
    nh <- update(nh, young = as.numeric(agecat == "(19,39]"), hc0 = ifelse(is.na(HI_CHOL), 0, HI_CHOL), hcp = as.numeric(!is.na(HI_CHOL)))
    v <- nh$variables; w <- weights(nh)
    share <- function(y, present) { N <- sum(w * present); R <- sum(w * y * present) / N; list(R = R, z = present * (y - R) / N) }
    gap <- function(mask) {
      f <- share(v$hc0, v$hcp * (v$RIAGENDR == 2) * mask); m <- share(v$hc0, v$hcp * (v$RIAGENDR == 1) * mask)
      d <- update(nh, z = f$z - m$z); c(f$R - m$R, SE(svytotal(~z, d)))
    }
    out("gap_all", gap(1)); for (r in 1:4) out(paste0("gap_race", r), gap(as.numeric(v$race == r)))
    b <- svyby(~HI_CHOL, ~RIAGENDR, nh, svymean, na.rm=TRUE); out("check_by", coef(b))
    a <- share(v$young, 1); h <- share(v$hc0, v$hcp); d <- update(nh, z = a$z - h$z)
    out("rank_young", a$R); out("rank_chol", h$R); out("rank_diff", c(a$R - h$R, SE(svytotal(~z, d))))
    """)

    @Test func gapsWithinBreakdownsAndRankingDifferences() throws {
        let r = Self.reference
        let table = try DataTable(csvFile: RScript.dataset("nhanes"))
        let design = try SurveyDesign(table, SurveyDesignSpecification(ids: ["SDMVPSU"], strata: "SDMVSTRA", weights: "WTMEC2YR", nest: true))
        let cholesterol = try table.numbers("HI_CHOL")
        let ages = try table.column("agecat")
        let young = (0..<table.rowCount).map { ages.string(at: $0) == "(19,39]" ? 1.0 : 0 }
        let variables = [
            ResultsTable.Variable(name: "HI_CHOL", isProportion: true, values: cholesterol),
            ResultsTable.Variable(name: "young", isProportion: true, values: young),
        ]
        let results = try ResultsTable(design: design, table: table, variables: Array(variables.prefix(1)), breakdowns: [[], ["race"]],
                                       gaps: [ResultsTable.Gap(column: "RIAGENDR", a: "2", b: "1")])
        #expect(results.estimates.count == 5)
        #expect(results.gaps.count == 5)
        // The hand-linearised reference agrees with svyby's domain means.
        #expect(abs((r["gap_all_1"] ?? .nan) - ((r["check_by_2"] ?? .nan) - (r["check_by_1"] ?? .nan))) < 1e-12)
        func close(_ a: Double, _ b: Double?) -> Bool { abs(a - (b ?? .nan)) <= 1e-9 * max(1, abs(b ?? 0)) }
        for gap in results.gaps {
            let key = gap.estimate.domainValues.first.map { "gap_race\($0)" } ?? "gap_all"
            #expect(close(gap.estimate.estimate, r[key + "_1"]), "\(key)")
            #expect(close(gap.estimate.standardError, r[key + "_2"]), "\(key) se")
            let df = Double(design.degreesOfFreedom), t = gap.estimate.estimate / gap.estimate.standardError
            #expect(close(gap.pValue, 2 * StudentT(degreesOfFreedom: df).cdf(-abs(t))))
        }

        let ranking = Ranking(design: design, variables: variables, domains: .whole(rows: table.rowCount))
        #expect(ranking.entries.map(\.estimate.variable) == ["young", "HI_CHOL"])
        #expect(close(ranking.entries[0].estimate.estimate, r["rank_young"]))
        #expect(close(ranking.entries[1].estimate.estimate, r["rank_chol"]))
        let difference = try #require(ranking.entries[0].differenceToNext)
        #expect(close(difference.estimate, r["rank_diff_1"]))
        #expect(close(difference.standardError, r["rank_diff_2"]))
        #expect(ranking.entries[1].differenceToNext == nil)
    }

    /// Variables are computed on several cores and gaps only within the breakdowns asked: the table must be the one
    /// the serial, every-breakdown computation gives, estimate for estimate, in the same order.
    @Test func parallelVariablesAndGapsWithinChosenBreakdowns() throws {
        let table = try DataTable(csvFile: RScript.dataset("nhanes"))
        let design = try SurveyDesign(table, SurveyDesignSpecification(ids: ["SDMVPSU"], strata: "SDMVSTRA", weights: "WTMEC2YR", nest: true))
        let cholesterol = try table.numbers("HI_CHOL")
        let variables = (0..<6).map { index in
            ResultsTable.Variable(name: "v\(index)", isProportion: index % 2 == 0, values: cholesterol.enumerated().map { row, value in index % 2 == 0 ? value : value * Double(row % 7) })
        }
        let gaps = [ResultsTable.Gap(column: "RIAGENDR", a: "2", b: "1")]
        let breakdowns = [[], ["race"], ["agecat"], ["race", "agecat"]]
        let full = try ResultsTable(design: design, table: table, variables: variables, breakdowns: breakdowns, gaps: gaps)
        let chosen = try ResultsTable(design: design, table: table, variables: variables, breakdowns: breakdowns, gaps: gaps, gapWithin: [[], ["race"]])
        // The serial reference: each variable alone, in order.
        let serial = try variables.flatMap { variable in
            try ResultsTable(design: design, table: table, variables: [variable], breakdowns: breakdowns, gaps: gaps).estimates
        }
        #expect(full.estimates.count == serial.count)
        for (a, b) in zip(full.estimates, serial) {
            #expect(a.variable == b.variable && a.domainValues == b.domainValues)
            #expect(a.estimate.bitPattern == b.estimate.bitPattern && a.standardError.bitPattern == b.standardError.bitPattern)
        }
        #expect(chosen.estimates.count == full.estimates.count)
        let kept = full.gaps.filter { $0.estimate.domainNames.isEmpty || $0.estimate.domainNames == ["race"] }
        #expect(!kept.isEmpty && chosen.gaps.count == kept.count && chosen.gaps.count < full.gaps.count)
        for (a, b) in zip(chosen.gaps, kept) {
            #expect(a.estimate.variable == b.estimate.variable && a.estimate.domainValues == b.estimate.domainValues)
            #expect(a.estimate.estimate == b.estimate.estimate && a.pValue == b.pValue)
        }
    }
}
