import Foundation
import Testing

/// `sanarip indicators` on simulated responses to the built-in questionnaire, with the indicators recomputed
/// by independent R code and estimated by R `survey` on the same design.
@Suite("sanarip indicators against R")
struct IndicatorsCommandTests {
    static let indicators = CommandRunner.repositoryRoot.appendingPathComponent("instruments/digital-divide-kg/indicators.csv").path

    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(1, abs(b)) }

    @Test func checkAcceptsTheBuiltInIndicatorsAgainstTheQuestionnaire() throws {
        let result = try CommandRunner.run(["indicators", "check", "--indicators", Self.indicators])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("every question found in the instrument"))
        #expect(result.stdout.contains("barrier 10"))
    }

    @Test func dataWithoutTheQuestionsIsOneClearErrorAndNoFile() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("other.csv"), output = directory.appendingPathComponent("out.csv")
        try "age,sex\n20,female\n".write(to: data, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["indicators", "compute", "--indicators", Self.indicators, "--data", data.path, "-o", output.path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: \(data.path): the data has no column for 73 questions the indicators read (${used_internet}"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func computedValuesAndTableAgreeWithR() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("responses.csv"), computed = directory.appendingPathComponent("computed.csv")
        let simulate = CommandRunner.repositoryRoot.appendingPathComponent("scripts/simulate-responses.R").path
        _ = try CommandRunner.r("system2('Rscript', c('\(simulate)', '600', '\(data.path)', '7'), stdout = FALSE)")

        let compute = try CommandRunner.run(["indicators", "compute", "--indicators", Self.indicators, "--data", data.path, "-o", computed.path])
        #expect(compute.status == 0, "\(compute.stderr)")
        let table = try CommandRunner.run([
            "indicators", "table", "--indicators", Self.indicators, "--data", data.path, "--ids", "village", "--strata", "district",
            "--weights", "weight", "--by", "sex,settlement_type*sex", "--gap", "sex:female-male", "--rank-by", "sex", "--format", "json",
        ])
        #expect(table.status == 0, "\(table.stderr)")

        // R recomputes the indicators from the raw answers with its own code, checks them against the computed file
        // (printing the number of mismatching rows) and estimates them.
        let reference = try CommandRunner.r("""
            d <- read.csv("\(data.path)", colClasses = "character"); s <- read.csv("\(computed.path)", colClasses = "character")
            yes <- function(x) as.numeric(x == "yes"); has <- function(x, v) grepl(paste0("(^| )", v, "( |$)"), x)
            d$internet_use <- yes(d$used_internet)
            d$itu_basic <- (yes(d$sk_copy_paste) + yes(d$sk_attachment) + yes(d$sk_transfer_files)) / 3
            n <- function(v) rowSums(sapply(v, function(q) yes(d[[q]])))
            lvl <- function(k, above) ifelse(k >= above, 2, ifelse(k >= 1, 1, 0))
            areas <- cbind(lvl(n(c("sk_transfer_files","sk_verify_info","act_goods_info","act_news","act_health_info")), 2),
              lvl(n(c("sk_attachment","act_social","act_messaging","act_calls","act_email","act_civic","act_consult")), 2),
              lvl(n(c("sk_copy_paste","sk_word","sk_spreadsheet","sk_presentation","sk_edit_media","sk_programming")), 3),
              lvl(n(c("sk_security","sk_privacy","saf_privacy_policy","saf_location","saf_ads","saf_https")), 3),
              lvl(n(c("sk_connect_device","sk_install_software","act_shop","act_sell","act_banking","act_learning","act_job")), 3))
            d$dsi2_at_least_basic <- as.numeric(apply(areas, 1, min) >= 1)
            cy <- d[, grep("^cy_", names(d))]
            d$cyber_hygiene_score <- 100 * rowSums(cy == "often" | cy == "always") / rowSums(cy != "na")
            d$barrier_cost <- as.numeric(has(d$nonuse_reasons, "cost_device") | has(d$nonuse_reasons, "cost_service") |
              has(d$user_limits, "cost_device") | has(d$user_limits, "cost_service"))
            d$egov_online_self <- as.numeric(has(d$egov_channels, "online_self"))
            d$age_group <- cut(as.numeric(d$age), c(0, 28, 44, 57, Inf), labels = c("15-28", "29-44", "45-57", "58+"))
            checked <- c("internet_use", "itu_basic", "dsi2_at_least_basic", "cyber_hygiene_score", "barrier_cost", "egov_online_self")
            mismatches <- sum(sapply(checked, function(v) sum(abs(as.numeric(s[[v]]) - d[[v]]) > 1e-12))) + sum(s$age_group != as.character(d$age_group))
            d$weight <- as.numeric(d$weight)
            des <- svydesign(ids = ~village, strata = ~district, weights = ~weight, data = d)
            out <- c(mismatches)
            for (v in c("internet_use", "itu_basic", "dsi2_at_least_basic", "cyber_hygiene_score")) {
              f <- as.formula(paste0("~", v)); m <- svymean(f, des); out <- c(out, coef(m), SE(m))
              b <- svyby(f, ~sex, des, svymean, covmat = TRUE); out <- c(out, coef(b), SE(b))
              g <- svycontrast(b, c(female = 1, male = -1)); out <- c(out, coef(g), SE(g))
              rs <- svyby(f, ~settlement_type + sex, des, svymean); out <- c(out, coef(rs), SE(rs))
            }
            cat(sprintf("%.17g", out), sep = "\\n")
            """).split(separator: "\n").compactMap { Double($0) }
        #expect(reference.count == 1 + 4 * 16)
        #expect(reference.first == 0, "rows where sanarip's indicators differ from R's recomputation")

        let json = try #require(try JSONSerialization.jsonObject(with: Data(table.stdout.utf8)) as? [String: Any])
        let estimates = try #require(json["estimates"] as? [[String: Any]])
        let gaps = try #require(json["gaps"] as? [[String: Any]])
        func find(_ rows: [[String: Any]], _ indicator: String, _ domain: [String: String], key: String = "domain") -> [String: Any]? {
            rows.first { ($0["indicator"] as? String) == indicator && ($0[key] as? [String: String]) == domain }
        }
        func expectClose(_ row: [String: Any]?, _ estimate: Double, _ se: Double, _ what: String) {
            #expect(close(row?["estimate"] as? Double ?? .nan, estimate), "\(what) estimate")
            #expect(close(row?["se"] as? Double ?? .nan, se), "\(what) se")
        }
        for (index, name) in ["internet_use", "itu_basic", "dsi2_at_least_basic", "cyber_hygiene_score"].enumerated() {
            let r = Array(reference[(1 + index * 16)...])
            expectClose(find(estimates, name, [:]), r[0], r[1], "\(name) overall")
            expectClose(find(estimates, name, ["sex": "female"]), r[2], r[4], "\(name) female")
            expectClose(find(estimates, name, ["sex": "male"]), r[3], r[5], "\(name) male")
            expectClose(find(gaps, name, [:], key: "within"), r[6], r[7], "\(name) female-male gap")
            // svyby orders settlement_type fastest: rural.female, urban.female, rural.male, urban.male.
            for (cell, domain) in [["settlement_type": "rural", "sex": "female"], ["settlement_type": "urban", "sex": "female"],
                                   ["settlement_type": "rural", "sex": "male"], ["settlement_type": "urban", "sex": "male"]].enumerated() {
                expectClose(find(estimates, name, domain), r[8 + cell], r[12 + cell], "\(name) \(domain)")
            }
        }

        // The two most common barriers overall: their difference and its SE, covariance included (svycontrast).
        let rankings = try #require(json["rankings"] as? [[String: Any]]).filter { ($0["domain"] as? [String: String]) == [:] }
        let first = try #require(rankings.first { ($0["rank"] as? Int) == 1 }), second = try #require(rankings.first { ($0["rank"] as? Int) == 2 })
        let (a, b) = (try #require(first["indicator"] as? String), try #require(second["indicator"] as? String))
        #expect(rankings.count == 10)
        let pair = try CommandRunner.r("""
            s <- read.csv("\(computed.path)"); des <- svydesign(ids = ~village, strata = ~district, weights = ~weight, data = s)
            m <- svymean(~\(a) + \(b), des); g <- svycontrast(m, c(1, -1))
            cat(sprintf("%.17g", c(coef(m), coef(g), SE(g))), sep = "\\n")
            """).split(separator: "\n").compactMap { Double($0) }
        #expect(pair.count == 4)
        #expect(pair[0] >= pair[1])
        #expect(close(first["estimate"] as? Double ?? .nan, pair[0]))
        #expect(close(first["difference_to_next"] as? Double ?? .nan, pair[2]))
        #expect(close(first["difference_se"] as? Double ?? .nan, pair[3]))
    }
}
