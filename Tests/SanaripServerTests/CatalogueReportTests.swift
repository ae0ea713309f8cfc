import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripAnalysis
import SanaripCatalogue
import SanaripCore
import SanaripInstrument
import SanaripReports
import SanaripStatistics
import Testing

@testable import SanaripServer

/// The catalogue views as sections of the study report (HTML, XLSX; the PDF prints the HTML) and of the web report,
/// monitoring by survey round with the audit, targets and events; deleting and restoring entries; field labels.
@Suite("Catalogue report sections, monitoring by round, deleting entries", .serialized)
struct CatalogueReportTests {
    static let study = BuiltInStudy.id

    /// The weighted share answering `yes` to `question` among those who answered it, in the rows interviewed in
    /// `year`: computed here from the stored dataset and weights, independently of the estimation engine.
    static func weightedShare(_ table: DataTable, question: String, year: String) throws -> (share: Double, n: Int) {
        let answers = try table.column(question), dates = try table.column("interview_date"), weights = try table.column(DataTableExportWriter.weightColumn).numbers()
        var yes = 0.0, all = 0.0, n = 0
        for row in 0..<table.rowCount where dates.string(at: row)?.hasPrefix(year) == true {
            guard let answer = answers.string(at: row), !answer.isEmpty else { continue }
            all += weights[row]
            n += 1
            if answer == "yes" { yes += weights[row] }
        }
        return (yes / all, n)
    }

    @Test("on a demo study of two rounds: the report's catalogue sections in ky/ru/en (HTML, XLSX, web) show the engine's numbers, each round's estimate, targets and events")
    func reportSections() async throws {
        let (app, directory) = try await WorkspaceTests.demoApp(respondents: 400, rounds: 2)
        defer { try? FileManager.default.removeItem(at: directory) }
        let service = StudyAnalysisService(stores: app.stores, dataDirectory: directory, instrumentsDirectory: WorkspaceTests.repository.appendingPathComponent("instruments"))
        let localizer = try await PageRenderer.bundled().localizer

        // Each round's internet use, from the data itself, equals the engine's round estimate the views show.
        let table = try await service.dataset(studyID: Self.study)
        let byRound = try await service.results(studyID: Self.study, request: MonitoringView.surveyRequest).results
        for year in ["2025", "2026"] {
            let direct = try Self.weightedShare(table, question: "used_internet", year: year)
            let engine = try #require(SupplyView.estimate(byRound, "internet_use", names: [StudyResults.round], values: [year]))
            #expect(abs(engine.estimate - direct.share) < 1e-9 && engine.n == direct.n && direct.n > 100)
        }
        let supply = try await service.results(studyID: Self.study, request: SupplyView.request).results
        let need = try #require(SupplyView.estimate(supply, "need_basic_use", names: ["district"], values: [CatalogueTests.akSuu]))
        let latest = try #require(SupplyView.estimate(byRound, "internet_use", names: [StudyResults.round], values: ["2026"]))

        for language in ["ky", "ru", "en"] {
            let interface = try #require(InterfaceLanguage(rawValue: language))
            let (report, _) = try await service.report(studyID: Self.study, language: language)
            let titles = report.sections.map(\.title)
            for key in ["catalogue.supply", "catalogue.eservicesUse", "catalogue.s4.officialSeries", "catalogue.monitoring"] {
                #expect(titles.contains(localizer.string(key, in: interface)), "\(language): no section \(key) in \(titles)")
            }
            let html = report.html
            #expect(html.contains(ResultsGridFormat.percent(need.estimate, language: language)))
            #expect(html.contains("class=\"event\"") && html.contains("class=\"target\"") && html.contains(DemoCatalogueTitles.event(language)))
            #expect(html.contains("IT_USE_II99") && html.contains(LocalizedNumber.text(latest.estimate * 100, digits: 1, language: language)))
            let sheets = report.workbook.sheets
            let supplySheet = try #require(sheets.first { $0.name.hasPrefix("C1 ") })
            #expect(supplySheet.rows.contains { $0.cells.contains(String(need.estimate * 100)) })
            let monitoringSheet = try #require(sheets.first { $0.name.hasSuffix(localizer.string("catalogue.monitoring", in: interface)) })
            #expect(monitoringSheet.rows.contains { $0.cells.contains("2025") && $0.cells.contains("2026") && $0.cells.contains(String(latest.estimate * 100)) })
        }

        try await app.test(configure: WorkspaceTests.configure(directory)) { client in
            let browser = Browser(client)
            try await browser.logIn()
            let web = try await browser.get("/studies/\(Self.study)/report.html?lang=ru")
            #expect(web.status == .ok && web.text.contains(localizer.string("catalogue.supply", in: .ru)) && web.text.contains(localizer.string("catalogue.monitoring", in: .ru)))
            #expect(try await browser.get("/studies/\(Self.study)/report.xlsx?lang=ky").status == .ok)
            for language in ["ky", "ru", "en"] {
                let page = try await browser.get("/studies/\(Self.study)/monitoring?area=KG&lang=\(language)")
                #expect(page.status == .ok && page.text.contains(DemoCatalogueTitles.event(language)) && page.text.contains("class=\"target\""))
                #expect(page.text.contains(LocalizedNumber.text(latest.estimate * 100, digits: 1, language: language)))
            }
            let csv = try await browser.get("/studies/\(Self.study)/monitoring/export?format=csv&area=KG")
            let rows = csv.text.split(whereSeparator: \.isNewline).map(String.init)
            #expect(rows.contains { $0.hasPrefix("survey,internet_use,internet_use,KG,,2026,\(latest.estimate * 100),,PT,") })
            #expect(!rows.contains { $0.hasPrefix("official,internet_use,") })
            #expect(rows.contains { $0.hasPrefix("survey,internet_use,internet_use,KG,,2025,") } && rows.contains { $0.hasPrefix("survey,internet_use,internet_use,KG,,2030,,90.0,") })
            #expect(rows.contains { $0.hasPrefix("official,17.8.1,IT_USE_II99,KG,Y_GE15,2018,62.8,") })
            let xlsx = try await browser.get("/studies/\(Self.study)/monitoring/export?format=xlsx&area=KG02")
            #expect(xlsx.status == .ok && xlsx.headers[.contentType]?.contains("spreadsheetml") == true)
        }
    }

    @Test("deleting an entry asks first, needs the token and the right to edit, is logged with the entry, and is undone; labels in ky/ru/en")
    func deleteAndRestore() async throws {
        let app = try TestApp()
        try await app.test(configure: CatalogueTests.configure) { client in
            let browser = Browser(client)
            try await browser.logIn()
            let page = try await browser.get("/studies/\(Self.study)/catalogue?kind=courses&lang=en")
            let token = try #require(Browser.csrfToken(in: page.text))
            #expect(try await browser.upload("/studies/\(Self.study)/catalogue/courses/import", fields: [("_csrf", token)],
                                             file: ("file", "courses.csv", Data(CatalogueTests.courses.utf8))).status == .seeOther)
            let before = try #require(try await app.stores.catalogue.entry(studyID: Self.study, kind: "courses", entryID: "c1"))
            for (language, label, mode) in [("ky", "Баасы, сом", "күндүзгү"), ("ru", "Стоимость, сом", "очно"), ("en", "Cost, som", "onsite")] {
                let form = try await browser.get("/studies/\(Self.study)/catalogue/courses/entries/c1?lang=\(language)")
                #expect(form.status == .ok && form.text.contains("<span>\(label)</span>") && !form.text.contains("<span>cost_som"))
                #expect(form.text.contains("<option value=\"onsite\" selected>\(mode)</option>"))
                let list = try await browser.get("/studies/\(Self.study)/catalogue?kind=courses&lang=\(language)")
                #expect(list.text.contains("<th>\(label)</th>") && !list.text.contains("<th>cost_som</th>"))
            }
            let path = "/studies/\(Self.study)/catalogue/courses/entries/c1"
            let confirm = try await browser.get("\(path)/delete?lang=ru")
            #expect(confirm.status == .ok && confirm.text.contains("Удалить эту запись?") && confirm.text.contains("action=\"\(path)/delete\""))
            #expect(try await browser.post("\(path)/delete", form: []).status == .forbidden)
            #expect(try await app.stores.catalogue.entry(studyID: Self.study, kind: "courses", entryID: "c1") != nil)

            try await app.addUser("bakyt", role: .viewer)
            let viewer = Browser(client)
            try await viewer.logIn(username: "bakyt", password: TestApp.userPassword)
            let viewerPage = try await viewer.get("/")
            let viewerToken = try #require(Browser.csrfToken(in: viewerPage.text))
            #expect(try await viewer.post("\(path)/delete", form: [("_csrf", viewerToken)]).status == .forbidden)

            let deleted = try await browser.post("\(path)/delete", form: [("_csrf", token)])
            #expect(deleted.status == .seeOther && deleted.headers[.location] == "/studies/\(Self.study)/catalogue?kind=courses&deleted=c1")
            #expect(try await app.stores.catalogue.entry(studyID: Self.study, kind: "courses", entryID: "c1") == nil)
            #expect(try await app.stores.catalogue.search(studyID: Self.study, query: "грамотность", kind: nil).isEmpty)
            let notice = try await browser.get("/studies/\(Self.study)/catalogue?kind=courses&deleted=c1&lang=ky")
            #expect(notice.text.contains("Жазуу өчүрүлдү:") && notice.text.contains("action=\"\(path)/restore\""))
            let gone = try await browser.get("\(path)?lang=en")
            #expect(gone.status == .notFound && gone.text.contains("Restore"))
            let log = try await app.stores.auditLog.entries(objectType: "catalogue_entry", objectID: "\(Self.study)/courses/c1")
            #expect(log.map { "\($0.user) \($0.action)" } == ["admin create", "admin delete"])

            #expect(try await browser.post("\(path)/restore", form: [("_csrf", token)]).status == .seeOther)
            let after = try #require(try await app.stores.catalogue.entry(studyID: Self.study, kind: "courses", entryID: "c1"))
            #expect(after.fields == before.fields && after.demo == before.demo && after.searchText == before.searchText)
            #expect(try await app.stores.catalogue.search(studyID: Self.study, query: "грамотность", kind: nil).map(\.entryID) == ["c1"])
            #expect(try await browser.post("\(path)/restore", form: [("_csrf", token)]).status == .conflict)
            let history = try await app.stores.auditLog.entries(objectType: "catalogue_entry", objectID: "\(Self.study)/courses/c1")
            #expect(history.map { "\($0.action)" } == ["create", "delete", "create"])
        }
    }
}

/// The demo's first invented event in each language (`DemoCatalogue.events`).
enum DemoCatalogueTitles {
    static func event(_ language: String) -> String {
        ["ky": "DEMO Түндүккө жаңы мекемелер кошулду", "ru": "DEMO К Тундуку подключены новые ведомства", "en": "DEMO New agencies join Tunduk"][language] ?? ""
    }
}
