import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripQualitative
import SanaripStorage
import Testing

@testable import SanaripServer

extension MediaPageTests {
    static let story = "Министерство цифрового развития сообщило что к концу года оптоволокно проведут в сорок сел Иссык-Кульской области а стоимость подключения для жителей снизится вдвое"

    @Test("an uploaded JSON archive is imported, its syndicated copies grouped, counted once in frames and linked from each article")
    func archiveAndCopies() async throws {
        let json = """
            [
              {"url": "https://24.kg/1", "title": "Оптоволокно в селах", "media_name": "24.kg", "publish_date": "2026-11-02", "language": "ru", "text": "\(Self.story)"},
              {"url": "https://kabar.kg/2", "title": "Оптоволокно придет в села", "media_name": "Кабар", "publish_date": "2026-11-03", "language": "ru", "text": "БИШКЕК, (Кабар) — \(Self.story)"},
              {"url": "https://vesti.kg/3", "title": "Мошенники и фишинг", "media_name": "Вести", "publish_date": "2026-11-04", "language": "ru", "text": "Кибермилиция предупреждает о новых схемах мошенников в мессенджерах и просит не сообщать коды из SMS."}
            ]
            """
        try await app.test { client in
            let browser = Browser(client)
            try await browser.logIn()
            let overview = try await browser.get(Self.base + "?lang=en")
            #expect(overview.text.contains("Import an archive"))
            #expect(overview.text.contains("name=\"threshold\" value=\"0.8\""))
            var token = try await browser.formToken()
            let bad = try await browser.upload(Self.base + "/imports?lang=en", fields: [("_csrf", token)],
                                               file: (field: "archive", name: "bad.json", data: Data("[{\"url\": \"ftp://x/1\", \"title\": \"X\"}]".utf8)))
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("bad.json, row 1, column url"))
            #expect(try await app.stores.media.articleCount(study: BuiltInStudy.id) == 0)
            token = try await browser.formToken()
            let imported = try await browser.upload(Self.base + "/imports", fields: [("_csrf", token)], file: (field: "archive", name: "stories.json", data: Data(json.utf8)))
            #expect(imported.status == .seeOther || imported.status == .found)
            #expect(try await app.stores.media.articleCount(study: BuiltInStudy.id) == 3)
            let grouping = try #require(try await app.stores.mediaCopies.grouping(study: BuiltInStudy.id))
            #expect(grouping.groups == 1)
            #expect(grouping.copies == 1)

            let articles = try await browser.get(Self.base + "/articles?lang=en")
            #expect(articles.text.contains("1 copies"))
            let stored = try await app.stores.media.articles(study: BuiltInStudy.id, source: nil, limit: nil, offset: 0)
            let first = try #require(stored.first { $0.url == "https://24.kg/1" }?.id)
            let copy = try #require(stored.first { $0.url == "https://kabar.kg/2" }?.id)
            let page = try await browser.get(Self.base + "/articles/\(first)?lang=ru")
            #expect(page.text.contains("1 копий"))
            #expect(page.text.contains("/articles/\(copy)\""))

            let once = try await browser.get(Self.base + "/frames.csv?by=month")
            #expect(once.text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").prefix(2).joined(separator: ",") } == ["2026-11,2"])
            let all = try await browser.get(Self.base + "/frames.csv?by=month&copies=all")
            #expect(all.text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").prefix(2).joined(separator: ",") } == ["2026-11,3"])
            #expect(try await browser.get(Self.base + "/frames?lang=en").text.contains("copies left out: (1)"))
            #expect(try await browser.get(Self.base + "/frames?copies=all&lang=en").text.contains("Every copy of a syndicated article is counted."))

            token = try await browser.formToken()
            let refused = try await browser.post(Self.base + "/copies?lang=en", form: [("_csrf", token), ("threshold", "2")])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("between 0.05 and 1"))
            token = try await browser.formToken()
            let strict = try await browser.post(Self.base + "/copies", form: [("_csrf", token), ("threshold", "0,99")])
            #expect(strict.status == .seeOther || strict.status == .found)
            #expect(try await app.stores.mediaCopies.grouping(study: BuiltInStudy.id)?.threshold == 0.99)
            #expect(try await app.stores.mediaCopies.groups(study: BuiltInStudy.id).isEmpty)
            let counted = try await browser.get(Self.base + "/frames.csv?by=month")
            #expect(counted.text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").prefix(2).joined(separator: ",") } == ["2026-11,3"])
        }
    }
}
