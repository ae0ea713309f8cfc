import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripQualitative
import SanaripStorage
import Testing

@testable import SanaripServer

/// The places page (mentions of the frame's places, the district map, downloads, the cache invalidated by a new
/// import) and the frame dictionary's versions (upload, one frame edited, frames computed with a chosen version).
@Suite("Media places and dictionary pages")
struct MediaFramesPageTests {
    let app: TestApp
    static let base = "/studies/\(BuiltInStudy.id)/media"

    init() throws {
        app = try TestApp()
    }

    static func configure(_ configuration: inout ServerConfiguration) {
        configuration.instrumentsDirectory = WorkspaceTests.repository.appendingPathComponent("instruments")
    }

    func insert(_ articles: [MediaArticle]) async throws {
        let inserted = try await app.stores.media.insert(articles, study: BuiltInStudy.id)
        #expect(inserted.added == articles.count)
    }

    @Test("places by oblast, district and municipality with the map and downloads; a new article is counted at once")
    func places() async throws {
        try await insert([
            MediaArticle(source: "news-ky", url: "http://n.example/1", title: "Караколдо интернет", published: FramePeriodDates.day(2026, 11, 2), language: "ky",
                         text: "Тюп районунда да курстар башталды."),
            MediaArticle(source: "news-ru", url: "http://n.example/2", title: "В Караколе открыли центр", published: FramePeriodDates.day(2026, 11, 20), language: "ru",
                         text: "Жители Иссык-Кульской области довольны."),
        ])
        try await app.test(configure: Self.configure) { client in
            let browser = Browser(client)
            try await browser.logIn()
            // The home page links the study's media pages.
            #expect(try await browser.get("/?lang=ky").text.contains("href=\"\(Self.base)\""))
            let overview = try await browser.get(Self.base + "?lang=en")
            #expect(overview.text.contains("href=\"\(Self.base)/places\"") && overview.text.contains("href=\"\(Self.base)/dictionary\""))
            let page = try await browser.get(Self.base + "/places?level=oblast&lang=ru")
            #expect(page.status == .ok)
            #expect(page.text.contains("Иссык-Кульская область"))
            #expect(page.text.contains("data-code=\"41702000000000\"><td>Иссык-Кульская область</td><td>область</td><td class=\"number\">2</td>"))
            #expect(page.text.contains("<svg"))
            #expect(page.text.contains("Караколе"))
            let csv = try await browser.get(Self.base + "/places.csv?level=municipality&by=month")
            #expect(csv.status == .ok)
            let rows = csv.text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            #expect(rows.first == ["period", "group", "level", "code", "name", "articles", "mentioning", "share"])
            let karakol = try #require(rows.first { $0.count > 6 && $0[3] == "41702410000010" })
            #expect([karakol[0], karakol[5], karakol[6]] == ["2026-11", "2", "2"])
            let json = try await browser.get(Self.base + "/places.json?level=district")
            #expect(json.text.contains("\"41702225000000\""))
            #expect(try await browser.get(Self.base + "/places.xlsx").body.readableBytesView.starts(with: [0x50, 0x4B]))

            // A new import changes the articles' version: the cached view is not served.
            try await insert([MediaArticle(source: "news-ru", url: "http://n.example/3", title: "Форум в Ошской области", published: FramePeriodDates.day(2026, 12, 1), language: "ru")])
            let again = try await browser.get(Self.base + "/places?level=oblast&lang=en")
            #expect(again.text.contains("data-code=\"41706000000000\""))
            let entries = try await app.stores.auditLog.entries(objectType: "media_places", objectID: BuiltInStudy.id)
            #expect(entries.count == 3)
        }
    }

    @Test("a frame edited in its form is a new version, saved by whom, and frames are computed with the version chosen")
    func dictionaryVersions() async throws {
        try await insert([
            MediaArticle(source: "news-ru", url: "http://n.example/s", title: "Скамеры обманули пенсионеров", published: FramePeriodDates.day(2026, 11, 2), language: "ru"),
        ])
        try await app.test { client in
            let browser = Browser(client)
            try await browser.logIn()
            let builtIn = try await browser.get(Self.base + "/dictionary?lang=en")
            #expect(builtIn.status == .ok)
            #expect(builtIn.text.contains("built-in"))
            let csv = try await browser.get(Self.base + "/dictionary.csv")
            let dictionary = try FrameDictionary.csv(csv.text, file: "download.csv")
            #expect(dictionary.frames.map(\.key) == (try FrameDictionary.builtIn()).frames.map(\.key))
            let cyber = try #require(dictionary.frames.first { $0.key == "cyber" })
            let russian = cyber.terms.filter { $0.language == "ru" }.map(\.text).joined(separator: "; ")

            // A stem of two letters is refused with the frame's column; nothing is saved.
            var token = try await browser.formToken()
            let refused = try await browser.post(Self.base + "/dictionary/frames/cyber?lang=en", form: [("_csrf", token), ("name_en", "Cyber"), ("terms_ru", russian + "; ск*")])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("column terms_ru"))
            #expect(try await app.stores.mediaFrames.versions(study: BuiltInStudy.id).isEmpty)

            token = try await browser.formToken()
            let saved = try await browser.post(Self.base + "/dictionary/frames/cyber", form: [
                ("_csrf", token), ("name_ky", cyber.names["ky"] ?? ""), ("name_ru", cyber.names["ru"] ?? ""), ("name_en", cyber.names["en"] ?? ""),
                ("terms_ky", cyber.terms.filter { $0.language == "ky" }.map(\.text).joined(separator: "; ")), ("terms_ru", russian + "; скамер*"),
                ("terms_en", cyber.terms.filter { $0.language == "en" }.map(\.text).joined(separator: "; ")), ("note", "скамер* added"),
            ])
            #expect(saved.status == .seeOther || saved.status == .found)
            let versions = try await app.stores.mediaFrames.versions(study: BuiltInStudy.id)
            let version = try #require(versions.first)
            #expect(versions.count == 1 && version.version == 1 && version.savedBy == "admin" && version.note == "скамер* added")
            #expect(try await app.stores.auditLog.entries(objectType: "media_frame_dictionary", objectID: "\(BuiltInStudy.id)/1").count == 1)

            // Built-in: the article carries no frame; version 1 (the default now): it carries cyber.
            let cyberIndex = try #require(dictionary.frames.firstIndex { $0.key == "cyber" })
            func cyberCount(_ query: String) async throws -> String {
                let csv = try await browser.get(Self.base + "/frames.csv?by=month" + query)
                let header = csv.text.split(separator: "\n").first?.split(separator: ",").map(String.init) ?? []
                let column = header.firstIndex(of: "cyber") ?? 3 + 2 * cyberIndex
                return csv.text.split(separator: "\n").dropFirst().first.map { String($0.split(separator: ",", omittingEmptySubsequences: false)[column]) } ?? ""
            }
            #expect(try await cyberCount("") == "1")
            #expect(try await cyberCount("&version=1") == "1")
            let page = try await browser.get(Self.base + "/dictionary?version=1&lang=en")
            #expect(page.text.contains("скамер*"))
            #expect(try await browser.get(Self.base + "/dictionary?version=7").status == .notFound)
            // A viewer reads the versions but gets no forms to change them.
            try await app.addUser("reader", role: .viewer, studies: [BuiltInStudy.id])
            let viewer = Browser(client)
            #expect(try await viewer.logIn(username: "reader", password: TestApp.userPassword).status == .seeOther)
            let read = try await viewer.get(Self.base + "/dictionary?lang=en")
            #expect(read.status == .ok && !read.text.contains("/dictionary/frames/cyber") && !read.text.contains("name=\"terms_ru\""))
            #expect(read.text.contains("href=\"\(Self.base)/dictionary.csv?version=1\""))

            // An uploaded file becomes version 2; the built-in one counted nothing for this article.
            token = try await browser.formToken()
            let upload = try await browser.upload(Self.base + "/dictionary", fields: [("_csrf", token), ("note", "")],
                                                  file: ("file", "frames.csv", Data((try FrameDictionary.builtIn()).csvText().utf8)))
            #expect(upload.status == .seeOther || upload.status == .found)
            #expect(try await cyberCount("") == "0")
            #expect(try await app.stores.mediaFrames.versions(study: BuiltInStudy.id).first?.note == "frames.csv")
        }
    }
}
