import Foundation
import Testing

/// `sanarip weight` then `sanarip estimate --calibration`, run as a user would, against R's `rake` and `calibrate`
/// designs on R's `apistrat`.
@Suite("weight, then estimate with calibration-aware standard errors, against R survey")
struct CalibratedEstimateTests {
    static let margins = """
        variable,level,total
        stype,E,4421
        stype,H,755
        stype,M,1018
        sch.wide,No,1072
        sch.wide,Yes,5122
        """

    func relative(_ a: Double?, _ b: Double) -> Double { abs((a ?? .nan) - b) / abs(b) }

    /// R's design for each method, on R's apistrat with the same margins and convergence settings.
    @Test("rake and linear calibration: estimates and SEs of R's rake/calibrate designs to 1e-6", arguments: [
        ("rake", "rake(d, list(~stype, ~sch.wide), list(data.frame(stype = c('E', 'H', 'M'), Freq = c(4421, 755, 1018)), data.frame(sch.wide = c('No', 'Yes'), Freq = c(1072, 5122))), control = list(maxit = 100, epsilon = 1e-10))"),
        ("linear", "calibrate(d, ~stype + sch.wide, c(`(Intercept)` = 6194, stypeH = 755, stypeM = 1018, sch.wideYes = 5122))"),
    ])
    func weightThenEstimate(method: String, rDesign: String) throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("apistrat.csv")
        let margins = directory.appendingPathComponent("margins.csv")
        let weighted = directory.appendingPathComponent("weighted.csv")
        try Self.margins.write(to: margins, atomically: true, encoding: .utf8)
        let reference = try CommandRunner.r("""
            data(api); write.csv(apistrat, "\(data.path)", row.names = FALSE)
            d <- svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = apistrat)
            cal <- \(rDesign)
            m <- svymean(~api00, cal); b <- svyby(~api00, ~awards, cal, svymean); g <- svyglm(api00 ~ awards, cal)
            apistrat$wcal <- weights(cal); plain <- svymean(~api00, svydesign(id = ~1, strata = ~stype, weights = ~wcal, fpc = ~fpc, data = apistrat))
            wald <- svychisq(~awards + yr.rnd, cal, statistic = "Wald"); f <- svychisq(~awards + yr.rnd, cal, statistic = "F")
            cat(sprintf("%.17g", c(coef(m), SE(m), coef(b), SE(b), coef(g)[2], SE(g)[2], SE(plain),
                                   wald$statistic, wald$p.value, f$statistic, f$p.value)), sep = "\\n")
            """).split(separator: "\n").compactMap { Double($0) }
        #expect(reference.count == 13)

        let weighting = try CommandRunner.run([
            "weight", "--data", data.path, "--base", "pw", "--margins", margins.path, "--method", method, "-o", weighted.path,
        ])
        #expect(weighting.status == 0, "\(weighting.stderr)")
        let record = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: weighted.path + ".weighting.json"))) as? [String: Any])
        #expect(record["version"] as? Int == 2)
        #expect(record["baseColumn"] as? String == "pw")

        let design = ["--data", weighted.path, "--strata", "stype", "--fpc", "fpc", "--format", "json"]
        let calibration = ["--calibration", weighted.path + ".weighting.json"]
        let result = try CommandRunner.run(["estimate"] + design + calibration + ["--mean", "api00", "--by", "awards", "--difference", "awards:Yes-No"])
        #expect(result.status == 0, "\(result.stderr)")
        let all = try CommandRunner.run(["estimate"] + design + calibration + ["--mean", "api00"])
        let plain = try CommandRunner.run(["estimate"] + design + ["--weights", "weight", "--mean", "api00"])
        func rows(_ output: CommandRunner.Result) throws -> [[String: Any]] {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
            return try #require(json["estimates"] as? [[String: Any]])
        }
        let overall = try #require(try rows(all).first)
        #expect(relative(overall["estimate"] as? Double, reference[0]) < 1e-6)
        #expect(relative(overall["se"] as? Double, reference[1]) < 1e-6, "\(overall)")
        let estimates = try rows(result)
        for (index, level) in ["No", "Yes"].enumerated() {
            let domain = try #require(estimates.first { ($0["statistic"] as? String) == "mean" && ($0["domain"] as? [String: String])?["awards"] == level })
            #expect(relative(domain["estimate"] as? Double, reference[2 + index]) < 1e-6)
            #expect(relative(domain["se"] as? Double, reference[4 + index]) < 1e-6, "\(level): \(domain)")
        }
        let difference = try #require(estimates.first { ($0["statistic"] as? String) == "difference" })
        #expect(relative(difference["estimate"] as? Double, reference[6]) < 1e-6)
        #expect(relative(difference["se"] as? Double, reference[7]) < 1e-6, "\(difference)")
        // Without --calibration the same weights give R's SE for a design that was not calibrated.
        let uncalibrated = try #require(try rows(plain).first)
        #expect(relative(uncalibrated["se"] as? Double, reference[8]) < 1e-6)
        #expect(relative(uncalibrated["se"] as? Double, reference[1]) > 0.01)

        // Association tests on the calibrated design: the design-based Wald and the Rao–Scott F.
        for (statistic, offset) in [("wald", 9), ("f", 11)] {
            let test = try CommandRunner.run(["test", "chisq"] + design.dropLast(2) + calibration + ["--row", "awards", "--col", "yr.rnd", "--statistic", statistic])
            #expect(test.status == 0, "\(test.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(test.stdout.utf8)) as? [String: Any])
            #expect(relative(json["F"] as? Double, reference[offset]) < 1e-6, "\(statistic): \(json)")
            #expect(relative(json["p"] as? Double, reference[offset + 1]) < 1e-6, "\(statistic): \(json)")
        }
    }

    @Test("edited weights, an old record and --replicates are refused with one clear line")
    func refusals() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("d.csv")
        let margins = directory.appendingPathComponent("m.csv")
        let weighted = directory.appendingPathComponent("w.csv")
        try "id,sex,w0,y\n1,m,10,3\n2,m,12,4\n3,f,11,5\n4,f,9,6\n5,m,8,2\n".write(to: data, atomically: true, encoding: .utf8)
        try "variable,level,total\nsex,m,60\nsex,f,40\n".write(to: margins, atomically: true, encoding: .utf8)
        let weighting = try CommandRunner.run(["weight", "--data", data.path, "--base", "w0", "--margins", margins.path, "-o", weighted.path])
        #expect(weighting.status == 0, "\(weighting.stderr)")
        let record = weighted.path + ".weighting.json"
        let fine = try CommandRunner.run(["estimate", "--data", weighted.path, "--calibration", record, "--mean", "y"])
        #expect(fine.status == 0, "\(fine.stderr)")

        var text = try String(contentsOf: weighted, encoding: .utf8)
        text = text.replacingOccurrences(of: "\n3,f,11,5,", with: "\n3,f,11,5,1")
        let edited = directory.appendingPathComponent("edited.csv")
        try text.write(to: edited, atomically: true, encoding: .utf8)
        let changed = try CommandRunner.run(["estimate", "--data", edited.path, "--calibration", record, "--mean", "y"])
        #expect(changed.status == 1)
        #expect(changed.stderr.contains("row 4, column weight"), "\(changed.stderr)")
        #expect(changed.stderr.split(separator: "\n").count == 1, "\(changed.stderr)")

        var old = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: record))) as? [String: Any])
        old["version"] = nil
        let oldRecord = directory.appendingPathComponent("old.weighting.json")
        try JSONSerialization.data(withJSONObject: old).write(to: oldRecord)
        let outdated = try CommandRunner.run(["estimate", "--data", weighted.path, "--calibration", oldRecord.path, "--mean", "y"])
        #expect(outdated.status == 1)
        #expect(outdated.stderr.contains("run sanarip weight again"), "\(outdated.stderr)")

        let replicates = try CommandRunner.run(["estimate", "--data", weighted.path, "--calibration", record, "--replicates", "jk1", "--mean", "y"])
        #expect(replicates.status != 0)
        #expect(replicates.stderr.contains("drop --replicates"), "\(replicates.stderr)")
    }
}
