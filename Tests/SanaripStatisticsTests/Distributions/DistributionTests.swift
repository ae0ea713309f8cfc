import Testing
@testable import SanaripStatistics

@Suite("t, F, chi-square, normal and beta against R's p/q functions")
struct DistributionTests {
    static let tCases: [(Double, Double)] = [(0.975, 1), (0.975, 2), (0.975, 14), (0.995, 3.5), (0.9, 1000), (1e-10, 5), (0.5000001, 30), (0.025, 3900), (0.999999, 7)]
    static let fCases: [(Double, Double, Double)] = [(0.95, 1, 1), (0.95, 1.4946, 20.925), (0.01, 3, 50), (0.999, 10, 4), (0.5, 200, 3000)]
    static let betaCases: [(Double, Double, Double)] = [(0.025, 0.5, 10), (0.975, 3.2, 140.6), (0.025, 1200.5, 80000.25), (0.5, 2, 2), (1e-8, 0.3, 0.7)]
    static let points: [(Double, Double)] = [(2.3, 14), (-0.7, 3), (40, 2), (-8, 60), (0.0001, 1), (1.96, 1e6)]

    static let reference: [String: Double] = RScript.cached(RScript.prelude + """
    tc <- list(\(tCases.map { "c(\($0.0), \($0.1))" }.joined(separator: ", ")))
    for (i in seq_along(tc)) out(paste0("qt", i), qt(tc[[i]][1], tc[[i]][2]))
    fc <- list(\(fCases.map { "c(\($0.0), \($0.1), \($0.2))" }.joined(separator: ", ")))
    for (i in seq_along(fc)) { out(paste0("qf", i), qf(fc[[i]][1], fc[[i]][2], fc[[i]][3])); out(paste0("pf", i), pf(3.1, fc[[i]][2], fc[[i]][3], lower.tail = FALSE)) }
    bc <- list(\(betaCases.map { "c(\($0.0), \($0.1), \($0.2))" }.joined(separator: ", ")))
    for (i in seq_along(bc)) out(paste0("qbeta", i), qbeta(bc[[i]][1], bc[[i]][2], bc[[i]][3]))
    pc <- list(\(points.map { "c(\($0.0), \($0.1))" }.joined(separator: ", ")))
    for (i in seq_along(pc)) { out(paste0("pt", i), pt(pc[[i]][1], pc[[i]][2])); out(paste0("ptu", i), pt(pc[[i]][1], pc[[i]][2], lower.tail = FALSE)); out(paste0("pchisq", i), pchisq(abs(pc[[i]][1]), pc[[i]][2], lower.tail = FALSE)); out(paste0("qchisq", i), qchisq(0.95, pc[[i]][2])) }
    for (p in c(1e-300, 1e-20, 0.001, 0.3, 0.975)) out(paste0("qnorm", p), qnorm(p))
    out("pnorm", pnorm(-9.5))
    """)

    @Test func studentT() {
        let r = Self.reference
        for (index, (p, df)) in Self.tCases.enumerated() {
            expectClose(StudentT(degreesOfFreedom: df).quantile(p), r["qt\(index + 1)"], 1e-10, "qt(\(p), \(df))")
        }
        for (index, (t, df)) in Self.points.enumerated() {
            expectClose(StudentT(degreesOfFreedom: df).cdf(t), r["pt\(index + 1)"], 1e-10, "pt(\(t), \(df))")
            expectClose(StudentT(degreesOfFreedom: df).cdf(t, lowerTail: false), r["ptu\(index + 1)"], 1e-10, "pt upper(\(t), \(df))")
        }
    }

    @Test func fisherF() {
        let r = Self.reference
        for (index, (p, d1, d2)) in Self.fCases.enumerated() {
            let distribution = FDistribution(numeratorDF: d1, denominatorDF: d2)
            expectClose(distribution.quantile(p), r["qf\(index + 1)"], 1e-10, "qf(\(p), \(d1), \(d2))")
            expectClose(distribution.cdf(3.1, lowerTail: false), r["pf\(index + 1)"], 1e-10, "pf(3.1, \(d1), \(d2))")
        }
    }

    @Test func chiSquare() {
        let r = Self.reference
        for (index, (x, df)) in Self.points.enumerated() where df < 1e5 {
            let distribution = ChiSquareDistribution(degreesOfFreedom: df)
            expectClose(distribution.cdf(abs(x), lowerTail: false), r["pchisq\(index + 1)"], 1e-10, "pchisq(\(x), \(df))")
            expectClose(distribution.quantile(0.95), r["qchisq\(index + 1)"], 1e-10, "qchisq(0.95, \(df))")
        }
    }

    @Test func beta() {
        let r = Self.reference
        for (index, (p, a, b)) in Self.betaCases.enumerated() {
            expectClose(BetaDistribution(alpha: a, beta: b).quantile(p), r["qbeta\(index + 1)"], 1e-10, "qbeta(\(p), \(a), \(b))")
        }
    }

    @Test func normal() {
        let r = Self.reference
        for p in [1e-300, 1e-20, 0.001, 0.3, 0.975] {
            expectClose(NormalDistribution.quantile(p), r["qnorm\(p == 1e-300 ? "1e-300" : p == 1e-20 ? "1e-20" : String(p))"], 1e-12, "qnorm(\(p))")
        }
        expectClose(NormalDistribution.cdf(-9.5), r["pnorm"], 1e-12, "pnorm(-9.5)")
        #expect(StudentT(degreesOfFreedom: 1).quantile(0.75) == 1.0000000000000002 || abs(StudentT(degreesOfFreedom: 1).quantile(0.75) - 1) < 1e-14)
    }
}
