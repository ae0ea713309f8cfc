import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripInstrument
import SanaripStorage
import Testing

@testable import SanaripServer

@Suite("Instruments")
struct InstrumentPageTests {
    let app: TestApp

    init() throws {
        app = try TestApp()
    }

    @Test("start-up loads valid forms once, skips broken ones and logs the import")
    func startUpImport() async throws {
        try await app.test { _ in }
        try await app.test { _ in }
        let instruments = try await app.stores.instruments.instruments(studyID: BuiltInStudy.id)
        #expect(instruments.map(\.id) == [InstrumentFixture.id])
        let instrument = try #require(instruments.first)
        #expect(instrument.questionCount == 6)
        #expect(instrument.sections.map(\.name) == ["intro", "household", "skills"])
        #expect(instrument.sections.map(\.questionCount) == [1, 2, 2])
        #expect(instrument.languages == ["Kyrgyz (ky)", "Russian (ru)", "English (en)"])
        let log = try await app.stores.auditLog.entries(objectType: "instrument", objectID: InstrumentFixture.id)
        #expect(log.map(\.user) == ["system"])
    }

    @Test("the instrument page shows its facts, its sections with question counts and its downloads")
    func instrumentPage() async throws {
        try await app.test { client in
            let browser = Browser(client)
            try await browser.logIn()
            let page = try await browser.get("/instruments/\(InstrumentFixture.id)?lang=ru")
            #expect(page.status == .ok)
            let html = page.text
            // The form's Russian title on the Russian page (issue 8), its form_title elsewhere.
            #expect(html.contains("<h1>Обследование домохозяйств</h1>"))
            #expect(try await browser.get("/instruments/\(InstrumentFixture.id)?lang=en").text.contains("<h1>Household survey</h1>"))
            #expect(html.contains("<dt>ID формы</dt><dd><code>hh_survey</code></dd>"))
            #expect(html.contains("<dt>Версия</dt><dd>2025011501</dd>"))
            #expect(html.contains("<dt>Вопросы</dt><dd>6</dd>"))
            #expect(html.contains("<dt>Разделы</dt><dd>3</dd>"))
            #expect(html.contains(#"<tr><td>Вступление</td><td><code>intro</code></td><td class="number">1</td></tr>"#))
            #expect(!html.contains("<code>interview</code>"))
            #expect(html.contains(#"<tr><td>Домохозяйство</td><td><code>household</code></td><td class="number">2</td></tr>"#))
            #expect(html.contains(#"<tr><td>Цифровые навыки</td><td><code>skills</code></td><td class="number">2</td></tr>"#))
            #expect(html.contains(#"href="/instruments/\#(InstrumentFixture.id)/xlsform.xlsx""#))
            for code in ["ky", "ru", "en"] {
                #expect(html.contains(#"href="/instruments/\#(InstrumentFixture.id)/manual/\#(code)""#))
            }
            #expect(html.contains("Руководство интервьюера — Russian (ru)"))

            let kyrgyz = try await browser.get("/instruments/\(InstrumentFixture.id)?lang=ky")
            #expect(kyrgyz.text.contains(#"<tr><td>Санариптик көндүмдөр</td>"#))
        }
    }

    @Test("the XForm downloads as XML")
    func xformDownload() async throws {
        try await app.test { client in
            let browser = Browser(client)
            try await browser.logIn()
            let response = try await browser.get("/instruments/\(InstrumentFixture.id)/xform.xml")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/xml; charset=utf-8")
            #expect(response.headers[.contentDisposition] == #"attachment; filename="\#(InstrumentFixture.id).xml""#)
            #expect(response.text.hasPrefix("<?xml"))
            #expect(response.text.contains(#"id="hh_survey""#))
            #expect(response.text.contains("Сколько человек живёт?"))
        }
    }

    @Test("the XLSForm downloads as an xlsx workbook")
    func xlsformDownload() async throws {
        try await app.test { client in
            let browser = Browser(client)
            try await browser.logIn()
            let response = try await browser.get("/instruments/\(InstrumentFixture.id)/xlsform.xlsx")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(Array(response.body.readableBytesView.prefix(2)) == Array("PK".utf8))

            let file = FileManager.default.temporaryDirectory.appendingPathComponent("sanarip-\(UUID().uuidString).xlsx")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data(response.body.readableBytesView).write(to: file)
            let workbook = try WorkbookLoader.load(contentsOf: file)
            let survey = try #require(workbook.sheet(named: "survey"))
            #expect(survey.rows.contains { $0.cells.starts(with: ["integer", "members", "Канча адам жашайт?"]) })
            #expect(workbook.sheet(named: "settings")?.rows.last?.cells.contains("hh_survey") == true)
        }
    }

    @Test("manuals download per form language, with a policy that still forbids scripts")
    func manualDownload() async throws {
        try await app.test { client in
            let browser = Browser(client)
            try await browser.logIn()
            let response = try await browser.get("/instruments/\(InstrumentFixture.id)/manual/ru")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.text.lowercased().hasPrefix("<!doctype html"))
            #expect(response.text.contains("Household survey"))
            let policy = try #require(response.headers[.contentSecurityPolicy])
            #expect(policy.contains("default-src 'none'"))
            #expect(!policy.contains("script"))
            #expect(try await browser.get("/instruments/\(InstrumentFixture.id)/manual/de").status == .notFound)
        }
    }

    @Test("pages carry the security headers and escape what they show")
    func securityHeaders() async throws {
        var study = BuiltInStudy.study
        study.title.values["English (en)"] = "<script>alert(1)</script>"
        try await app.stores.studies.save(study, by: "test")
        try await app.test { client in
            let browser = Browser(client)
            try await browser.logIn()
            let page = try await browser.get("/?lang=en")
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'none'") == true)
            #expect(page.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            #expect(page.headers[.cacheControl] == "no-store")
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.text.contains("<script"))
        }
    }
}

/// Which engine types are still stand-ins, so tests of what they produce run as soon as the real ones land.
