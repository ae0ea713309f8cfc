import Foundation
import Testing
import SanaripMedia
import SanaripQualitative
import SanaripStorage

@Suite("Fetching fixture feeds on loopback into the store, then frames over time")
struct MediaCollectorTests {
    static func server() throws -> FeedServer {
        FeedServer(pages: [
            "/robots.txt": .init(contentType: "text/plain", body: Array("User-agent: *\nDisallow: /private/\n".utf8)),
            "/ru/rss": .init(contentType: "application/rss+xml; charset=utf-8", body: try MediaFixtures.feed("news-ru.rss")),
            "/ky/atom.xml": .init(contentType: "application/atom+xml", body: try MediaFixtures.feed("news-ky.atom")),
            "/1251/rss.xml": .init(contentType: "application/rss+xml", body: try MediaFixtures.feed("news-1251.rss")),
            "/ky/index.rdf": .init(contentType: "application/rdf+xml", body: try MediaFixtures.feed("news-ky.rdf")),
            "/broken/rss": .init(contentType: "application/rss+xml", body: try MediaFixtures.feed("broken.rss")),
            "/private/rss": .init(contentType: "application/rss+xml", body: try MediaFixtures.feed("news-ru.rss")),
            "/home": .init(contentType: "text/html; charset=utf-8", body: Array("""
                <!doctype html><html><head><title>Жаңылыктар</title>
                <link rel="stylesheet" href="/s.css"><LINK REL="alternate" TYPE="application/atom+xml" title="Atom" HREF='/ky/atom.xml'>
                </head><body><p>Башкы бет</p></body></html>
                """.utf8)),
        ])
    }

    @Test("Every feed read politely; broken, missing and robots-disallowed feeds reported; duplicates counted; frames by month")
    func fetchAndFrames() async throws {
        let server = try Self.server()
        let base = try await server.start()
        defer { server.stop() }
        let database = try SanaripDatabase.inMemory()
        let media = database.stores.media
        let sources = [
            MediaSource(key: "news-ru", name: "Новости", url: base, feeds: ["\(base)/ru/rss", "\(base)/private/rss"], language: "ru"),
            MediaSource(key: "news-ky", name: "Жаңылыктар", url: base, feeds: ["\(base)/ky/atom.xml", "\(base)/ky/index.rdf"], language: "ky"),
            MediaSource(key: "news-1251", name: "Вести", url: base, feeds: ["\(base)/1251/rss.xml", "\(base)/broken/rss", "\(base)/gone/rss"], scope: "regional", oblast: "Issyk-Kul"),
        ]
        try await media.saveSources(sources, study: "s", by: "tester")
        var settings = MediaFetchSettings()
        settings.hostDelay = 0.05
        settings.timeout = 5
        let collector = MediaCollector(store: media, settings: settings)
        let round = try await collector.run(name: "first", study: "s", by: "tester")
        #expect(round.feedsDone == 7)
        // ru: 3 of 4 items (the 4th repeats the 1st's GUID and URL without the tracking parameter); ky: 3 + 2; 1251: 2.
        #expect(round.added == 10)
        #expect(round.duplicates == 1)
        #expect(round.problems.count == 3)
        #expect(round.problems.contains { $0.contains("/broken/rss") && $0.contains("not well-formed XML at line") })
        #expect(round.problems.contains { $0.contains("/gone/rss") && $0.contains("404") })
        #expect(round.problems.contains { $0.contains("/private/rss") && $0.contains("robots") })
        #expect(!server.seen.withLock { $0.contains { $0.path == "/private/rss" } })
        #expect(server.seen.withLock { $0.allSatisfy { $0.agent.hasPrefix("SanaripMedia/") } })

        let articles = try await media.articles(study: "s", source: nil, limit: nil, offset: 0)
        #expect(articles.count == 10)
        let cp1251 = try #require(articles.first { $0.url.hasSuffix("/news/501") })
        #expect(cp1251.title == "Законопроект о блокировке сайтов вызвал споры")
        #expect(cp1251.language == "ru")
        #expect(articles.filter { $0.source == "news-ky" }.allSatisfy { $0.language == "ky" })
        let stored = try await media.fetches(study: "s")
        #expect(stored.first?.finishedAt != nil)

        let again = try await collector.run(name: "second", study: "s", by: "tester")
        #expect(again.added == 0)
        #expect(again.duplicates == 11)

        let analysis = FrameAnalysis(articles: articles, matcher: FrameMatcher(dictionary: try FrameDictionary.builtIn()), period: .month)
        #expect(analysis.rows.map(\.period) == ["2026-10", "2026-11", "2026-12"])
        #expect(analysis.rows.map(\.articles) == [1, 6, 3])
        let keys = analysis.dictionary.frames.map(\.key)
        func share(_ frame: String, _ period: String) throws -> Int {
            let row = try #require(analysis.rows.first { $0.period == period })
            return row.frames[try #require(keys.firstIndex(of: frame))]
        }
        #expect(try share("regulation", "2026-11") == 3) // the 1251 bill, the Kyrgyz draft law, and "фейковые сайты" (фейк*)
        #expect(try share("egov", "2026-12") == 1)
        #expect(try share("access", "2026-11") >= 3)
        let egov = try #require(keys.firstIndex(of: "egov"))
        #expect(analysis.examples[egov].contains { $0.snippet.localizedCaseInsensitiveContains("тундук") || $0.snippet.localizedCaseInsensitiveContains("түндүк") })
        let report = FrameReport(analysis: analysis, articles: articles, language: "ru")
        #expect(report.csv().hasPrefix("period,group,articles,access,access_share"))
        #expect(report.svgPage().contains("2026-11"))
        #expect(try report.xlsx().count > 1000)
    }

    @Test("An outlet listed without feeds gets the feed its home page announces, saved to the outlet")
    func discovery() async throws {
        let server = try Self.server()
        let base = try await server.start()
        defer { server.stop() }
        let database = try SanaripDatabase.inMemory()
        try await database.stores.media.saveSources([MediaSource(key: "home", name: "Башкы", url: "\(base)/home", language: "ky"),
                                                      MediaSource(key: "none", name: "Жок", url: "\(base)/nothing")], study: "s", by: "tester")
        var settings = MediaFetchSettings()
        settings.hostDelay = 0
        let round = try await MediaCollector(store: database.stores.media, settings: settings).run(name: "r", study: "s", by: "tester")
        #expect(round.added == 3)
        #expect(round.problems.count == 1)
        #expect(round.problems.first?.hasPrefix("none \(base)/nothing: no feed announced") == true)
        let sources = try await database.stores.media.sources(study: "s")
        #expect(sources.first?.feeds == ["\(base)/ky/atom.xml"])
    }
}
