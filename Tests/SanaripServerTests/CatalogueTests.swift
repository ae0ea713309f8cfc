import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripAnalysis
import SanaripCatalogue
import SanaripCore
import SanaripReports
import SanaripStatistics
import Testing

@testable import SanaripServer

/// The catalogue pages: lists, search in Russian and Kyrgyz, import with its errors, templates, entry edit with its
/// history, a law with its amendment; and on the demo study the supply-versus-need and e-services views, whose
/// numbers are the analysis engine's.
@Suite("Catalogue pages", .serialized)
struct CatalogueTests {
    static let study = BuiltInStudy.id
    static let akSuu = "41702205000000"
    static let courses = """
        id,name_ky,name_ru,topics,mode,languages,cost_som,places,target_groups
        c1,Аялдар үчүн санариптик сабаттуулук,Цифровая грамотность для женщин,basic_use;safety,onsite,ky;ru,0,\(akSuu),women
        c2,Смартфонду колдонуу,Работа со смартфоном,smartphone,online,ky,0,online,all
        """

    static func configure(_ configuration: inout ServerConfiguration) {
        configuration.instrumentsDirectory = WorkspaceTests.repository.appendingPathComponent("instruments")
    }

    @Test("template, import with one bad row named, then search in Russian and Kyrgyz, in ky/ru/en")
    func importAndSearch() async throws {
        let app = try TestApp()
        try await app.test(configure: Self.configure) { client in
            let browser = Browser(client)
            try await browser.logIn()
            let template = try await browser.get("/studies/\(Self.study)/catalogue/courses/template.csv")
            #expect(template.status == .ok && template.text == CatalogueKind.courses.schema.columnNames.joined(separator: ",") + "\n")
            let workbook = try await browser.get("/studies/\(Self.study)/catalogue/courses/template.xlsx")
            #expect(workbook.status == .ok && workbook.headers[.contentType]?.contains("spreadsheetml") == true)

            let page = try await browser.get("/studies/\(Self.study)/catalogue?kind=courses&lang=en")
            let token = try #require(Browser.csrfToken(in: page.text))
            let bad = Self.courses + "\nc3,Курс,Курс,cooking,onsite,ky,0,online,women\n"
            let refused = try await browser.upload("/studies/\(Self.study)/catalogue/courses/import?lang=ru", fields: [("_csrf", token)],
                                                   file: ("file", "courses.csv", Data(bad.utf8)))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("<td>4</td><td>topics</td>") && refused.text.contains("Ничего не импортировано"))
            #expect(try await app.stores.catalogue.entries(studyID: Self.study, kind: nil).isEmpty)

            let noToken = try await browser.upload("/studies/\(Self.study)/catalogue/courses/import", fields: [], file: ("file", "courses.csv", Data(Self.courses.utf8)))
            #expect(noToken.status == .forbidden)
            let imported = try await browser.upload("/studies/\(Self.study)/catalogue/courses/import", fields: [("_csrf", token)],
                                                    file: ("file", "courses.csv", Data(Self.courses.utf8)))
            #expect(imported.status == .seeOther)

            for (language, heading) in [("ky", "Курстар жана тренингдер"), ("ru", "Курсы и тренинги"), ("en", "Courses and trainings")] {
                let list = try await browser.get("/studies/\(Self.study)/catalogue?kind=courses&lang=\(language)")
                #expect(list.status == .ok && list.text.contains(heading) && list.text.contains("c1") && list.text.contains("c2"))
            }
            let russian = try await browser.get("/studies/\(Self.study)/catalogue?kind=courses&q=\("грамотност".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&lang=ru")
            #expect(russian.text.contains("/entries/c1") && !russian.text.contains("/entries/c2"))
            let kyrgyz = try await browser.get("/studies/\(Self.study)/catalogue?kind=courses&q=\("СМАРТФОНДУ".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&lang=ky")
            #expect(kyrgyz.text.contains("/entries/c2") && !kyrgyz.text.contains("/entries/c1"))
            let filtered = try await browser.get("/studies/\(Self.study)/catalogue?kind=courses&place=\(Self.akSuu)&group=women")
            #expect(filtered.text.contains("/entries/c1") && !filtered.text.contains("/entries/c2"))

            let jsonld = try await browser.get("/studies/\(Self.study)/catalogue/courses/export?format=jsonld")
            #expect(jsonld.status == .ok && jsonld.text.contains("\"@type\" : \"Course\""))
            let csv = try await browser.get("/studies/\(Self.study)/catalogue/courses/export?format=csv")
            #expect(csv.text.split(separator: "\n").count == 3)
        }
    }

    @Test("an entry is edited with its errors shown and its history kept; a law lists the act amending it")
    func editAndAmendments() async throws {
        let app = try TestApp()
        try await app.test(configure: Self.configure) { client in
            let browser = Browser(client)
            try await browser.logIn()
            let form = try await browser.get("/studies/\(Self.study)/catalogue/laws/entries/new?lang=ky")
            #expect(form.status == .ok)
            let token = try #require(Browser.csrfToken(in: form.text))
            let law: [(String, String)] = [("_csrf", token), ("id", "act-1"), ("name_ru", "Закон об электронном управлении"), ("act_type", "law"),
                                           ("adopted", "2017-07-19"), ("status", "amended")]
            #expect(try await browser.post("/studies/\(Self.study)/catalogue/laws/entries/new", form: law).status == .seeOther)
            let wrong = try await browser.post("/studies/\(Self.study)/catalogue/laws/entries/new",
                                               form: [("_csrf", token), ("id", "act-2"), ("name_ru", "Изменения"), ("act_type", "law"), ("adopted", "19.13.2021"),
                                                      ("status", "in_force"), ("amends", "act-9")])
            #expect(wrong.status == .unprocessableContent && wrong.text.contains("column adopted"))
            let unknown = try await browser.post("/studies/\(Self.study)/catalogue/laws/entries/new",
                                                 form: [("_csrf", token), ("id", "act-2"), ("name_ru", "Изменения"), ("act_type", "law"), ("adopted", "2021-06-01"),
                                                        ("status", "in_force"), ("amends", "act-9")])
            #expect(unknown.status == .unprocessableContent && unknown.text.contains("column amends"))
            let amendment: [(String, String)] = [("_csrf", token), ("id", "act-2"), ("name_ru", "О внесении изменений"), ("act_type", "law"),
                                                 ("adopted", "01.06.2021"), ("status", "in_force"), ("amends", "act-1")]
            #expect(try await browser.post("/studies/\(Self.study)/catalogue/laws/entries/new", form: amendment).status == .seeOther)
            for language in ["ky", "ru", "en"] {
                let page = try await browser.get("/studies/\(Self.study)/catalogue/laws/entries/act-1?lang=\(language)")
                #expect(page.status == .ok && page.text.contains("/catalogue/laws/entries/act-2") && page.text.contains("2021-06-01"))
            }
            let changed = law.map { $0.0 == "status" ? ($0.0, "in_force") : $0 }
            #expect(try await browser.post("/studies/\(Self.study)/catalogue/laws/entries/act-1", form: changed).status == .seeOther)
            let history = try await app.stores.auditLog.entries(objectType: "catalogue_entry", objectID: "\(Self.study)/laws/act-1")
            #expect(history.map { "\($0.user) \($0.action)" } == ["admin create", "admin update"] && history.last?.detail == ["status": "in_force"])
            let list = try await browser.get("/studies/\(Self.study)/catalogue?kind=laws&lang=en")
            #expect(list.text.contains("act-1") && list.text.contains("act-2"))
        }
    }

    @Test("monitoring: the SDG file as series with a target and events drawn on the charts, a bad file refused by row, export, in ky/ru/en")
    func monitoring() async throws {
        let app = try TestApp()
        try await app.test(configure: Self.configure) { client in
            let browser = Browser(client)
            try await browser.logIn()
            let empty = try await browser.get("/studies/\(Self.study)/monitoring?lang=en")
            #expect(empty.status == .ok && empty.text.contains("No series"))
            let token = try #require(Browser.csrfToken(in: empty.text))
            let sdg = try Data(contentsOf: WorkspaceTests.repository.appendingPathComponent("data/official/sdg-kyrgyzstan.csv"))
            #expect(try await browser.upload("/studies/\(Self.study)/monitoring/series", fields: [("_csrf", token)], file: ("file", "sdg-kyrgyzstan.csv", sdg)).status == .seeOther)
            let target = "indicator,series,area_code,sex,age,urbanisation,year,target,unit\n17.8.1,IT_USE_II99,KG,_T,Y_GE15,_T,2026,90,PT\n"
            #expect(try await browser.upload("/studies/\(Self.study)/monitoring/series", fields: [("_csrf", token)], file: ("file", "targets.csv", Data(target.utf8))).status == .seeOther)
            let events = "date,title_ru,title_ky,title_en,event_type,source_url\n2021-03-01,Запуск услуги,Кызматтын башталышы,Service launched,service,https://example.org/e\n"
            #expect(try await browser.upload("/studies/\(Self.study)/monitoring/events", fields: [("_csrf", token)], file: ("file", "events.csv", Data(events.utf8))).status == .seeOther)
            let bad = try await browser.upload("/studies/\(Self.study)/monitoring/series", fields: [("_csrf", token)],
                                               file: ("file", "bad.csv", Data("indicator,year,value\nx,2020,abc\n".utf8)))
            #expect(bad.status == .unprocessableContent && bad.text.contains("row 2, column value"))
            for (language, title) in [("ky", "Кызматтын башталышы"), ("ru", "Запуск услуги"), ("en", "Service launched")] {
                let page = try await browser.get("/studies/\(Self.study)/monitoring?area=KG&lang=\(language)")
                #expect(page.status == .ok && page.text.contains("IT_USE_II99") && page.text.contains("class=\"event\"") && page.text.contains("class=\"target\""))
                #expect(page.text.contains(title))
            }
            let csv = try await browser.get("/studies/\(Self.study)/monitoring/export?format=csv&area=KG")
            let rows = csv.text.split(whereSeparator: \.isNewline)
            #expect(rows.contains { $0.hasPrefix("official,17.8.1,IT_USE_II99,KG,Y_GE15,2018,62.8,") } && rows.contains { $0.hasPrefix("official,17.8.1,IT_USE_II99,KG,Y_GE15,2026,,90.0") })
        }
    }

    @Test("on the demo study: supply against need for a district, and e-services beside their use, with the engine's numbers, in ky/ru/en")
    func demoViews() async throws {
        let (app, directory) = try await WorkspaceTests.demoApp()
        defer { try? FileManager.default.removeItem(at: directory) }
        let demo = try await app.stores.catalogue.entries(studyID: Self.study, kind: nil)
        #expect(!demo.isEmpty && demo.allSatisfy { $0.demo && ($0.fields["name_ru"] ?? $0.fields["name_en"] ?? "").hasPrefix("DEMO") })

        let service = StudyAnalysisService(stores: app.stores, dataDirectory: directory, instrumentsDirectory: WorkspaceTests.repository.appendingPathComponent("instruments"))
        let supply = try await service.results(studyID: Self.study, request: SupplyView.request).results
        let need = try #require(SupplyView.estimate(supply, "need_basic_use", names: ["district"], values: [Self.akSuu]))
        let uses = try await service.results(studyID: Self.study, request: EServiceUseView.request).results
        let tax = try #require(SupplyView.estimate(uses, "egov_used_tax", names: [], values: []))

        try await app.test(configure: WorkspaceTests.configure(directory)) { client in
            let browser = Browser(client)
            try await browser.logIn()
            for language in ["ky", "ru", "en"] {
                let page = try await browser.get("/studies/\(Self.study)/supply?district=\(Self.akSuu)&lang=\(language)")
                #expect(page.status == .ok)
                let shown = ResultsGridFormat.percent(need.estimate, language: language)
                #expect(page.text.contains("<svg") && page.text.contains(shown) && page.text.contains("DEMO"))
                let services = try await browser.get("/studies/\(Self.study)/eservices?lang=\(language)")
                #expect(services.status == .ok && services.text.contains("demo-tax-declaration") && services.text.contains(ResultsGridFormat.percent(tax.estimate, language: language)))
            }
            let women = try await browser.get("/studies/\(Self.study)/supply?district=\(Self.akSuu)&group=women&lang=en")
            #expect(women.status == .ok && women.text.contains("DEMO Digital literacy for women"))
        }
    }
}

/// How the pages write a share: percent with one decimal in the language's format.
enum ResultsGridFormat {
    static func percent(_ share: Double, language: String) -> String {
        ">" + LocalizedNumber.text(share * 100, digits: 1, language: language) + "<"
    }
}
