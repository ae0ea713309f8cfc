import Foundation
import Testing

/// `sanarip estimate` run as a user would, compared with R `survey` on R's own `apiclus1` data.
@Suite("sanarip estimate against R survey")
struct EstimateCommandTests {
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(1, abs(b)) }

    @Test func domainMeansDifferenceAndPropAgreeWithR() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("apiclus1.csv")
        let reference = try CommandRunner.r("""
            data(api); write.csv(apiclus1, "\(data.path)", row.names = FALSE)
            d <- svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = apiclus1)
            b <- svyby(~api00, ~stype, d, svymean, covmat = TRUE)
            diff <- svycontrast(b, c(E = 1, H = -1, M = 0))
            p <- svyciprop(~I(ell == 0), d, method = "logit")
            cat(sprintf("%.17g", c(coef(b), SE(b), coef(diff), SE(diff), coef(p), attr(p, "ci"))), sep = "\\n")
            """).split(separator: "\n").compactMap { Double($0) }
        #expect(reference.count == 11)

        let result = try CommandRunner.run([
            "estimate", "--data", data.path, "--ids", "dnum", "--weights", "pw", "--fpc", "fpc",
            "--mean", "api00", "--by", "stype", "--difference", "stype:E-H", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let estimates = try #require(json["estimates"] as? [[String: Any]])
        func row(_ statistic: String, _ level: String) -> [String: Any]? {
            estimates.first { ($0["statistic"] as? String) == statistic && ($0["domain"] as? [String: String])?["stype"] == level }
        }
        for (index, level) in ["E", "H", "M"].enumerated() {
            let estimate = try #require(row("mean", level))
            #expect(close(estimate["estimate"] as? Double ?? .nan, reference[index]), "\(level)")
            #expect(close(estimate["se"] as? Double ?? .nan, reference[3 + index]), "\(level) se")
        }
        let difference = try #require(row("difference", "E-H"))
        #expect(close(difference["estimate"] as? Double ?? .nan, reference[6]))
        #expect(close(difference["se"] as? Double ?? .nan, reference[7]))

        let prop = try CommandRunner.run([
            "estimate", "--data", data.path, "--ids", "dnum", "--weights", "pw", "--fpc", "fpc",
            "--prop", "ell == 0", "--ci", "logit", "--format", "json",
        ])
        #expect(prop.status == 0, "\(prop.stderr)")
        let propJSON = try #require(try JSONSerialization.jsonObject(with: Data(prop.stdout.utf8)) as? [String: Any])
        let share = try #require((propJSON["estimates"] as? [[String: Any]])?.first)
        #expect(abs((share["estimate"] as? Double ?? .nan) - reference[8]) < 1e-6)
        // R's logit interval comes from an IRLS fit stopped at glm's tolerance.
        #expect(abs((share["ci_low"] as? Double ?? .nan) - reference[9]) < 1e-5)
        #expect(abs((share["ci_high"] as? Double ?? .nan) - reference[10]) < 1e-5)
    }

    @Test func missingColumnIsOneClearLine() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("d.csv")
        try "id,w,y\n1,1,3\n2,1,n/a\n".write(to: data, atomically: true, encoding: .utf8)
        let missing = try CommandRunner.run(["estimate", "--data", data.path, "--weights", "w", "--mean", "income"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("income"))
        #expect(missing.stderr.split(separator: "\n").count == 1, "\(missing.stderr)")
        let text = try CommandRunner.run(["estimate", "--data", data.path, "--weights", "w", "--mean", "y"])
        #expect(text.status == 1)
        #expect(text.stderr.contains("'n/a'") && text.stderr.contains("row"), "\(text.stderr)")
    }
}
