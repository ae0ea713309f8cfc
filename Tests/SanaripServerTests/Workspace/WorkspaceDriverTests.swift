import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripAnalysis
import SanaripCore
import SanaripInstrument
import SanaripStatistics
import SanaripStorage
import Testing

@testable import SanaripServer

/// The workspace's driver models, response rates and dataset upload on a small synthetic demo study: the
/// models' numbers are the engine's and R `svyglm`'s on the same raked design; the rates are the plan's and the
/// stored interviews' and refusals'.
@Suite("Workspace drivers, response rates and upload", .serialized)
struct WorkspaceDriverTests {
    /// A page's CSV download read as a table (the synthetic note's lines left out).
    static func table(_ csv: String) throws -> DataTable {
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }
        return try DataTable(csv: Data(lines.joined(separator: "\n").utf8), name: "page.csv")
    }

    @Test("the drivers page's odds ratios and p-values equal the engine's and R svyglm's on the raked demo design, to 1e-6")
    func driversEqualR() async throws {
        let (app, directory) = try await WorkspaceTests.demoApp(respondents: 400)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pages = try await app.test(configure: WorkspaceTests.configure(directory)) { client in
            var pages: [String: String] = [:]
            let browser = Browser(client)
            try await browser.logIn()
            for model in ["internet", "skills"] {
                let page = try await browser.get("/studies/\(BuiltInStudy.id)/workspace/drivers?model=\(model)&lang=ru")
                #expect(page.status == .ok)
                #expect(String(buffer: page.body).contains("<svg") && String(buffer: page.body).contains("Отношение шансов"))
                let csv = try await browser.get("/studies/\(BuiltInStudy.id)/workspace/drivers/table.csv?model=\(model)&lang=en")
                #expect(csv.status == .ok)
                pages[model] = String(buffer: csv.body)
            }
            let report = try await browser.get("/studies/\(BuiltInStudy.id)/report.html?lang=en")
            #expect(String(buffer: report.body).contains("What drives digital skills, cyber hygiene and e-service use"))
            return pages
        }
        let service = StudyAnalysisService(stores: app.stores, dataDirectory: directory, instrumentsDirectory: WorkspaceTests.repository.appendingPathComponent("instruments"))
        let outcome = try await service.results(studyID: BuiltInStudy.id)

        // The engine's indicator values of the skills model, given to R as columns (the indicators themselves are
        // checked against independent R code elsewhere); everything else R derives from the raw answers.
        var data = try await service.dataset(studyID: BuiltInStudy.id)
        let (set, instrument) = try service.definitions(studyID: BuiltInStudy.id)
        let values = try IndicatorValues.evaluate(set, instrument: instrument, table: data)
        for name in ["dsi2_at_least_basic", "smartphone_owner"] {
            let position = try #require(set.indicators.firstIndex { $0.name == name })
            data.set(DataColumn(name: "engine_" + name, numbers: values.map { $0[position].number }))
        }
        let file = directory.appendingPathComponent("dataset.csv")
        try DataFile.write(data, to: file.path)
        let merge = DriverModel.educationLevels.map { "\($0.key) = '\($0.value)'" }.sorted().joined(separator: ", ")
        let predictors = "sex + age_group + settlement_type + oblast + education"
        let script = try WorkspaceTests.rakedDesignR(file: file, design: try StudyAnalysisService.design(of: outcome.analysis)) + """
            r <- update(r, age_group = as.character(cut(as.numeric(age), c(-Inf, 28, 44, 57, Inf), labels = c('15-28', '29-44', '45-57', '58+'))),
                        education = unname(c(\(merge))[education]),
                        internet = ifelse(used_internet == '', NA, as.numeric(used_internet == 'yes')),
                        skills = as.numeric(engine_dsi2_at_least_basic), smartphone_owner = as.numeric(engine_smartphone_owner))
            show <- function(model, m) {
              s <- summary(m)$coefficients
              cat(sprintf('%s %s %.17g %.17g %.17g\\n', model, rownames(s), s[, 1], s[, 2], s[, 4]), sep = '')
            }
            # glm's default convergence (deviance to 1e-8) leaves SEs about 1e-5 from the optimum: converge tightly.
            tight <- glm.control(epsilon = 1e-14, maxit = 100)
            show('internet', svyglm(internet ~ \(predictors), design = r, family = quasibinomial(), control = tight))
            show('skills', svyglm(skills ~ \(predictors) + smartphone_owner, design = r, family = quasibinomial(), control = tight))
            """
        let text = try WorkspaceTests.runR(script, in: directory)
        var fromR: [String: (Double, Double, Double)] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ").map(String.init)
            try #require(parts.count == 5, "R printed: \(line)")
            fromR[parts[0] + " " + parts[1]] = (try #require(Double(parts[2])), try #require(Double(parts[3])), try #require(Double(parts[4])))
        }
        func close(_ a: Double, _ b: Double, _ scale: Double) -> Bool { abs(a - b) <= 1e-6 * max(abs(b), scale) }
        for model in ["internet", "skills"] {
            let driver = try #require(outcome.results.drivers.first { $0.model.name == model })
            #expect(driver.problem == nil && driver.omitted.isEmpty, "\(model): \(driver.problem ?? "") \(driver.omitted)")
            #expect(driver.terms.count == 8 + (model == "skills" ? 1 : 0))
            let page = try Self.table(try #require(pages[model]))
            let ratios = try page.numbers("Odds ratio"), pValues = try page.numbers("p")
            try #require(ratios.count == driver.terms.count)
            for (index, term) in driver.terms.enumerated() {
                let name = "\(model) \(term.predictor)\(term.level ?? "")"
                let r = try #require(fromR[name], "R has no \(name): \(fromR.keys.sorted())")
                #expect(close(term.estimate, r.0, 1e-3), "\(name): engine \(term.estimate), R \(r.0)")
                #expect(close(term.standardError, r.1, 1e-4), "\(name) SE: engine \(term.standardError), R \(r.1)")
                #expect(close(term.pValue, r.2, 1e-6), "\(name) p: engine \(term.pValue), R \(r.2)")
                #expect(close(ratios[index], exp(r.0), 1e-3), "\(name) on the page: \(ratios[index]), R \(exp(r.0))")
                #expect(close(pValues[index], r.2, 1e-6), "\(name) p on the page: \(pValues[index]), R \(r.2)")
            }
            let intercept = try #require(fromR["\(model) (Intercept)"])
            #expect(close(try #require(driver.regression?.coefficients.first), intercept.0, 1e-3))
        }
    }

    @Test("response rates on the page and in the report are the plan's target, the stored interviews and the refusals")
    func responseRates() async throws {
        let (app, directory) = try await WorkspaceTests.demoApp(respondents: 300)
        defer { try? FileManager.default.removeItem(at: directory) }
        let formID = try #require(try await app.stores.analysis.analysis(studyID: BuiltInStudy.id)?.formID)
        let planID = try #require(try await app.stores.analysis.analysis(studyID: BuiltInStudy.id)?.planID)
        let units = try await app.stores.samplingPlans.units(planID: planID).filter { !$0.reserve }
        let target = units.reduce(0) { $0 + $1.expectedInterviews }
        let refusals = try await app.stores.submissions.currentSubmissionCount(formID: formID) - 300
        #expect(refusals > 0)
        try await app.test(configure: WorkspaceTests.configure(directory)) { client in
            let browser = Browser(client)
            try await browser.logIn()
            for language in ["ky", "ru", "en"] {
                let page = try await browser.get("/studies/\(BuiltInStudy.id)/workspace/response?lang=\(language)")
                #expect(page.status == .ok && String(buffer: page.body).contains("<svg"))
            }
            let csv = try await browser.get("/studies/\(BuiltInStudy.id)/workspace/response/table.csv?lang=en")
            let table = try Self.table(String(buffer: csv.body))
            #expect(table.columns[0].string(at: 0) == "All")
            #expect(try table.numbers("PSUs sampled")[0] == Double(units.count))
            #expect(try table.numbers("Target")[0] == Double(target))
            #expect(try table.numbers("Interviews")[0] == 300)
            #expect(try table.numbers("Refusals")[0] == Double(refusals))
            let eligible = Double(max(target, 300 + refusals))
            #expect(abs(try table.numbers("RR1, %")[0] - 100 * 300 / eligible) < 1e-9)
            #expect(abs(try table.numbers("COOP1, %")[0] - 100 * 300 / Double(300 + refusals)) < 1e-9)
            // Per oblast the interviews add up to the whole sample's.
            let oblastRows = (0..<table.rowCount).filter { (table.columns[0].string(at: $0) ?? "").hasSuffix("oblast") }
            #expect(oblastRows.count == 2)
            #expect(try oblastRows.map { try table.numbers("Interviews")[$0] }.reduce(0, +) == 300)
            let report = try await browser.get("/studies/\(BuiltInStudy.id)/report.html?lang=ru")
            #expect(String(buffer: report.body).contains("Уровень ответов: план выборки и полевой этап"))
            // Refusals are not respondents: the design page counts the interviews only.
            let design = try await browser.get("/studies/\(BuiltInStudy.id)/design?lang=en")
            #expect(String(buffer: design.body).contains("n = 300"))
        }
    }

    @Test("a CSV uploaded on the design page becomes the study's dataset; a broken file is refused naming its row, nothing stored")
    func upload() async throws {
        let (app, directory) = try await WorkspaceTests.demoApp(respondents: 200)
        defer { try? FileManager.default.removeItem(at: directory) }
        let service = StudyAnalysisService(stores: app.stores, dataDirectory: directory, instrumentsDirectory: WorkspaceTests.repository.appendingPathComponent("instruments"))
        let file = directory.appendingPathComponent("export.csv")
        try DataFile.write(try await service.dataset(studyID: BuiltInStudy.id), to: file.path)
        let before = try #require(try await app.stores.analysis.analysis(studyID: BuiltInStudy.id))
        try await app.test(configure: WorkspaceTests.configure(directory)) { client in
            let browser = Browser(client)
            try await browser.logIn()
            let page = try await browser.get("/studies/\(BuiltInStudy.id)/design?lang=en")
            #expect(String(buffer: page.body).contains("enctype=\"multipart/form-data\""))
            let token = try await browser.formToken()
            let fields = [("_csrf", token), ("ids", "municipality"), ("strata", "oblast"), ("weights", "weight"), ("lonelyPSU", "adjust")]
            let broken = try await browser.upload("/studies/\(BuiltInStudy.id)/design?lang=en", fields: fields,
                                                  file: ("file", "broken.csv", Data("municipality,oblast,weight\n1,2,3\n4,5\n".utf8)))
            #expect(broken.status == .unprocessableContent)
            #expect(String(buffer: broken.body).contains("broken.csv, row 3"))
            #expect(try await app.stores.analysis.analysis(studyID: BuiltInStudy.id)?.revision == before.revision)
            let sent = try await browser.upload("/studies/\(BuiltInStudy.id)/design", fields: fields, file: ("file", "export.csv", try Data(contentsOf: file)))
            #expect(sent.status == .seeOther)
            let stored = try #require(try await app.stores.analysis.analysis(studyID: BuiltInStudy.id))
            #expect(stored.source == .import && stored.importName == "export.csv")
            let design = try StudyAnalysisService.design(of: stored)
            #expect(design.specification.ids == ["municipality"] && design.specification.weights == "weight" && design.specification.lonelyPSU == .adjust)
            let after = try await browser.get("/studies/\(BuiltInStudy.id)/design?lang=en")
            #expect(String(buffer: after.body).contains("n = 200") && String(buffer: after.body).contains("export.csv"))
        }
    }
}
