import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripQualitative
import SanaripStorage
import Testing

@testable import SanaripServer

@Suite("Media narratives pages")
struct MediaPageTests {
    let app: TestApp
    static let base = "/studies/\(BuiltInStudy.id)/media"

    init() throws {
        app = try TestApp()
    }

    /// Two outlets and three articles: coverage and Tunduk in November, fraud in December.
    func seed() async throws {
        let media = app.stores.media
        try await media.saveSources([
            MediaSource(key: "news-ru", name: "Новости", url: "http://news-ru.example/", feeds: ["http://news-ru.example/rss"], language: "ru"),
            MediaSource(key: "news-ky", name: "Жаңылыктар", url: "http://news-ky.example/", language: "ky", scope: "regional", oblast: "Osh"),
        ], study: BuiltInStudy.id, by: "admin")
        let inserted = try await media.insert([
            MediaArticle(source: "news-ru", url: "http://news-ru.example/1", title: "Покрытие сотовой связи в селах", published: FramePeriodDates.day(2026, 11, 2),
                         language: "ru", text: "Операторы построят базовые станции."),
            MediaArticle(source: "news-ky", url: "http://news-ky.example/2", title: "Түндүк системасы аркылуу электрондук кызматтар", published: FramePeriodDates.day(2026, 11, 20),
                         language: "ky", text: "Жарандар мамлекеттик кызматтарды онлайн алышат."),
            MediaArticle(source: "news-ru", url: "http://news-ru.example/3", title: "Мошенники и фишинг", published: FramePeriodDates.day(2026, 12, 1),
                         language: "ru", text: "Кибермилиция предупреждает."),
        ], study: BuiltInStudy.id)
        #expect(inserted.added == 3)
    }

    @Test("outlets, frames over time with charts and downloads, articles with their frames and evidence, in three languages")
    func pages() async throws {
        try await seed()
        try await app.test { client in
            let browser = Browser(client)
            try await browser.logIn()
            let overview = try await browser.get(Self.base + "?lang=en")
            #expect(overview.status == .ok)
            #expect(overview.text.contains("Media narratives"))
            #expect(overview.text.contains("http://news-ru.example/rss"))
            #expect(try await browser.get(Self.base + "?lang=ru").text.contains("Медиа-нарративы"))
            #expect(try await browser.get(Self.base + "?lang=ky").text.contains("Медиа баяндары"))

            let frames = try await browser.get(Self.base + "/frames?by=month&lang=ru")
            #expect(frames.status == .ok)
            #expect(frames.text.contains("<svg"))
            #expect(frames.text.contains("Доступ и инфраструктура"))
            #expect(frames.text.contains("2026-11"))
            #expect(frames.text.contains("Тундук") || frames.text.contains("Түндүк"))
            let csv = try await browser.get(Self.base + "/frames.csv?by=month&group=outlet")
            #expect(csv.status == .ok)
            let lines = csv.text.split(separator: "\n")
            #expect(lines.first?.hasPrefix("period,group,articles,access,access_share") == true)
            #expect(lines.dropFirst().map { $0.split(separator: ",").prefix(3).joined(separator: ",") } == ["2026-11,news-ky,1", "2026-11,news-ru,1", "2026-12,news-ru,1"])
            let xlsx = try await browser.get(Self.base + "/frames.xlsx")
            #expect(xlsx.body.readableBytesView.starts(with: [0x50, 0x4B]))

            let cyber = try await browser.get(Self.base + "/articles?frame=cyber&lang=en")
            #expect(cyber.text.contains("Мошенники и фишинг"))
            #expect(!cyber.text.contains("Покрытие сотовой связи"))
            let articles = try await app.stores.media.articles(study: BuiltInStudy.id, source: "news-ru", limit: nil, offset: 0)
            let id = try #require(articles.first { $0.title.hasPrefix("Покрытие") }?.id)
            let article = try await browser.get(Self.base + "/articles/\(id)?lang=en")
            #expect(article.status == .ok)
            #expect(article.text.contains("Access and infrastructure"))
            #expect(article.text.contains("покрыти*"))
            #expect(try await browser.get(Self.base + "/articles/999999").status == .notFound)
        }
    }

    @Test("a bad outlets list names its row and column; a fetch round runs in the background and shows its problems")
    func sourcesAndFetch() async throws {
        try await app.test { client in
            let browser = Browser(client)
            try await browser.logIn()
            var token = try await browser.formToken()
            let refused = try await browser.post(Self.base + "/sources?lang=en", form: [("_csrf", token), ("csv", "key,name,language\nx,X,fr\n")])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("row 2, column language: fr is not ky, ru, en or mixed"))
            token = try await browser.formToken()
            let saved = try await browser.post(Self.base + "/sources", form: [("_csrf", token), ("csv", "key,name,url,feeds\ndead,Dead,http://127.0.0.1:1/,http://127.0.0.1:1/rss\n")])
            #expect(saved.status == .seeOther || saved.status == .found)
            token = try await browser.formToken()
            let started = try await browser.post(Self.base + "/fetches", form: [("_csrf", token), ("name", "first")])
            #expect(started.status == .seeOther || started.status == .found)
            var round = try await app.stores.media.fetches(study: BuiltInStudy.id).first
            for _ in 0..<200 where round?.finishedAt == nil {
                try await Task.sleep(for: .milliseconds(100))
                round = try await app.stores.media.fetches(study: BuiltInStudy.id).first
            }
            let finished = try #require(round)
            #expect(finished.finishedAt != nil)
            #expect(finished.problems.count == 1)
            let page = try await browser.get(Self.base + "/fetches/\(finished.id)?lang=en")
            #expect(page.text.contains("http://127.0.0.1:1/rss"))
        }
    }
}

/// Dates of the seeded articles (UTC noon).
enum FramePeriodDates {
    static func day(_ year: Int, _ month: Int, _ day: Int) -> Date {
        var components = DateComponents(year: year, month: month, day: day, hour: 12)
        components.timeZone = TimeZone(identifier: "UTC")
        return Calendar(identifier: .gregorian).date(from: components)!
    }
}
