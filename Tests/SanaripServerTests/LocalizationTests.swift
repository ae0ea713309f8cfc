import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import SanaripServer

@Suite("Interface languages")
struct LocalizationTests {
    let app: TestApp

    init() throws {
        app = try TestApp()
    }

    /// Language, study title, region, and the instrument's title: the form has a Russian `form_title::Russian (ru)`,
    /// other languages show its `form_title`.
    static let titles: [(String, String, String, String)] = [
        ("ky", "Санариптик ажырым: Ысык-Көл жана Ош облустары", "Ысык-Көл облусу", "Household survey"),
        ("ru", "Цифровой разрыв: Иссык-Кульская и Ошская области", "Иссык-Кульская область", "Обследование домохозяйств"),
        ("en", "Digital divide: Issyk-Kul and Osh oblasts", "Issyk-Kul oblast", "Household survey"),
    ]

    @Test("the home page shows the study and its instruments in Kyrgyz, Russian and English", arguments: titles)
    func homeInEachLanguage(language: String, title: String, region: String, instrument: String) async throws {
        try await app.test { client in
            let browser = Browser(client)
            try await browser.logIn()
            let page = try await browser.get("/?lang=\(language)")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<html lang="\#(language)">"#))
            #expect(page.text.contains("<h1>\(title)</h1>"))
            #expect(page.text.contains("<li>\(region)</li>"))
            #expect(page.text.contains(#"<a href="/instruments/\#(InstrumentFixture.id)">\#(instrument)</a>"#))
            #expect(browser.cookies["lang"] == language)
        }
    }

    @Test("?lang= beats the cookie, the cookie beats Accept-Language, which beats Kyrgyz")
    func precedence() async throws {
        try await app.test { client in
            let browser = Browser(client)
            try await browser.logIn()
            let english: HTTPFields = [.acceptLanguage: "en-GB,en;q=0.9"]

            #expect(try await browser.get("/", headers: english).text.contains("Digital divide"))
            #expect(try await browser.get("/", headers: [.acceptLanguage: "de-DE, en;q=0.5, ru;q=0.8"]).text.contains("Цифровой разрыв"))
            #expect(try await browser.get("/", headers: [.acceptLanguage: "de, fr"]).text.contains("Санариптик ажырым"))
            #expect(try await browser.get("/", headers: [.acceptLanguage: "en;q=0, ky;q=0.1"]).text.contains("Санариптик ажырым"))

            let chosen = try await browser.get("/?lang=ru", headers: english)
            #expect(chosen.text.contains("Цифровой разрыв"))
            #expect(chosen.headers[values: .setCookie].contains { $0.hasPrefix("lang=ru;") })

            #expect(try await browser.get("/", headers: english).text.contains("Цифровой разрыв"))
            #expect(try await browser.get("/?lang=en").text.contains("Digital divide"))
            #expect(try await browser.get("/?lang=xx").text.contains("Digital divide"))
        }
    }

    @Test("the sign-in page and the language switch are localized")
    func loginPage() async throws {
        try await app.test { client in
            let page = try await client.execute(uri: "/login?lang=ru", method: .get)
            #expect(page.text.contains("<h1>Вход</h1>"))
            #expect(page.text.contains(#"<label for="password">Пароль</label>"#))
            #expect(page.text.contains(#"<strong lang="ru" title="Русский">ru</strong>"#))
            #expect(page.text.contains(#"<a href="/login?lang=ky" lang="ky" hreflang="ky" title="Кыргызча">ky</a>"#))

            let kyrgyz = try await client.execute(uri: "/login", method: .get)
            #expect(kyrgyz.text.contains(#"<label for="username">Колдонуучунун аты</label>"#))
        }
    }

    @Test("a missing page is a localized 404 without internals")
    func notFound() async throws {
        try await app.test { client in
            let browser = Browser(client)
            try await browser.logIn()
            let kyrgyz = try await browser.get("/no-such-page")
            #expect(kyrgyz.status == .notFound)
            #expect(kyrgyz.text.contains("Барак табылган жок"))
            let english = try await browser.get("/instruments/unknown?lang=en")
            #expect(english.status == .notFound)
            #expect(english.text.contains("There is no page at this address."))
            #expect(!english.text.contains("HTTPError"))
        }
    }

    @Test("every language has every key English has, and the files parse")
    func tablesComplete() throws {
        let localizer = try Localizer(bundle: .module)
        for language in InterfaceLanguage.allCases {
            #expect(localizer.missingKeys(in: language).isEmpty, "\(language) lacks keys")
        }
        #expect(localizer.string("nav.logout", in: .ky) == "Чыгуу")
        #expect(localizer.string("nav.logout", in: .ru) == "Выйти")
        #expect(localizer.string("no.such.key", in: .ru) == "no.such.key")
    }

    @Test(".strings files: comments, escapes and errors")
    func stringsFile() throws {
        let table = try StringsFile.parse(#"""
            /* block
               comment */
            "a" = "Say \"салам\"";   // line comment
            "b"="two\nlines";
            """#)
        #expect(table == ["a": #"Say "салам""#, "b": "two\nlines"])
        #expect(throws: StringsFile.ParseError.self) { try StringsFile.parse(#""a" = "b""#) }
    }

    @Test("Accept-Language: q-values, order and unknown tags")
    func acceptLanguage() {
        #expect(InterfaceLanguage.preferred(byAcceptLanguage: "ru-RU,ru;q=0.9,en;q=0.8") == .ru)
        #expect(InterfaceLanguage.preferred(byAcceptLanguage: "en;q=0.4, KY-kg;q=0.7") == .ky)
        #expect(InterfaceLanguage.preferred(byAcceptLanguage: "en, ru") == .en)
        #expect(InterfaceLanguage.preferred(byAcceptLanguage: "de, *;q=0.1") == nil)
        #expect(InterfaceLanguage.preferred(byAcceptLanguage: "ru;q=0") == nil)
    }

    @Test("numbers and dates follow ky_KG, ru_RU and en_GB")
    func formatting() {
        #expect(InterfaceLanguage.en.format(12345) == "12,345")
        #expect(InterfaceLanguage.ru.format(12345).filter(\.isNumber) == "12345")
        #expect(InterfaceLanguage.ru.format(12345) != "12,345")
        let date = Date(timeIntervalSince1970: 1_736_935_200)
        #expect(InterfaceLanguage.en.format(date).contains("15 January 2025"))
        #expect(InterfaceLanguage.ru.format(date).contains("января"))
        #expect(InterfaceLanguage.ky.format(date).contains("2025"))
    }
}
