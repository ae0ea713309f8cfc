import Foundation
import Testing
@testable import SanaripMedia
import SanaripQualitative

@Suite("Feeds are read as PyPI feedparser reads them")
struct FeedParserTests {
    /// feedparser's view of one feed: each entry's title, link, id and publication time (epoch seconds, UTC).
    struct Reference: Decodable {
        struct Entry: Decodable {
            var title: String
            var link: String
            var id: String
            var published: Double?
        }

        var version: String
        var bozo: Bool
        var entries: [Entry]
    }

    static let script = """
        import calendar, json, sys, feedparser
        data = open(sys.argv[1], 'rb').read()
        parsed = feedparser.parse(data, response_headers={'content-location': sys.argv[2], 'content-type': sys.argv[3]})
        def when(entry):
            t = entry.get('published_parsed') or entry.get('updated_parsed')
            return calendar.timegm(t) if t else None
        print(json.dumps({'version': parsed.version, 'bozo': bool(parsed.bozo),
            'entries': [{'title': e.get('title', ''), 'link': e.get('link', ''), 'id': e.get('id', ''), 'published': when(e)} for e in parsed.entries]}))
        """

    static let feeds: [(file: String, url: String, contentType: String, kind: Feed.Kind)] = [
        ("news-ru.rss", "http://news-ru.test/rss", "application/rss+xml; charset=utf-8", .rss),
        ("news-ky.atom", "http://news-ky.test/atom.xml", "application/atom+xml", .atom),
        ("news-1251.rss", "http://news-1251.test/rss.xml", "application/rss+xml", .rss),
        ("news-ky.rdf", "http://news-rdf.test/index.rdf", "application/rdf+xml", .rdf),
    ]

    @Test("RSS 2.0, Atom, RDF and a windows-1251 feed: titles, links, ids and dates equal feedparser's", arguments: feeds.map(\.file))
    func sameAsFeedparser(file: String) throws {
        let fixture = try #require(Self.feeds.first { $0.file == file })
        let bytes = try MediaFixtures.feed(file)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sanarip-feed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(file)
        try Data(bytes).write(to: path)
        let reference = try JSONDecoder().decode(Reference.self, from: MediaFixtures.python(Self.script, [path.path, fixture.url, fixture.contentType]))
        #expect(!reference.bozo)
        let feed = try FeedParser.parse(bytes, contentType: fixture.contentType, url: fixture.url)
        #expect(feed.kind == fixture.kind)
        #expect(feed.items.count == reference.entries.count)
        for (item, entry) in zip(feed.items, reference.entries) {
            #expect(item.title == entry.title)
            #expect(item.link == entry.link)
            #expect(item.guid == entry.id)
            #expect(item.published.map { $0.timeIntervalSince1970 } == entry.published)
        }
    }

    @Test("The windows-1251 feed is decoded from its XML declaration; text comes without HTML")
    func charsetAndText() throws {
        let feed = try FeedParser.parse(try MediaFixtures.feed("news-1251.rss"), contentType: "application/rss+xml", url: "http://news-1251.test/rss.xml")
        #expect(feed.charset.hasPrefix("windows-1251"))
        let first = try #require(feed.items.first)
        #expect(first.title == "Законопроект о блокировке сайтов вызвал споры")
        let ru = try FeedParser.parse(try MediaFixtures.feed("news-ru.rss"), contentType: nil, url: "http://news-ru.test/rss")
        let item = try #require(ru.items.first)
        #expect(item.text.hasPrefix("Операторы связи построят базовые станции 4G"))
        #expect(!item.text.contains("<"))
        #expect(item.author == "Айгуль Токтосунова")
    }

    /// Why `bytes` is not a feed, or nil when it is one.
    static func failure(_ bytes: [UInt8], contentType: String?, url: String) -> String? {
        do {
            _ = try FeedParser.parse(bytes, contentType: contentType, url: url)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("A broken feed is an error naming its address and the line")
    func broken() throws {
        let broken = try MediaFixtures.feed("broken.rss")
        let reason = Self.failure(broken, contentType: nil, url: "http://broken.test/rss")
        #expect(reason?.hasPrefix("http://broken.test/rss: not well-formed XML at line") == true)
        let html = Self.failure(Array("<html><body>moved</body></html>".utf8), contentType: "text/html", url: "http://x.test/feed")
        #expect(html?.contains("the root element is <html>") == true)
    }

    @Test("RFC 822 and ISO 8601 dates, with zones, as Foundation's ISO 8601 formatter reads them")
    func dates() throws {
        let iso = ISO8601DateFormatter()
        #expect(FeedDate.parse("2026-12-04T10:00:00+06:00") == iso.date(from: "2026-12-04T10:00:00+06:00"))
        #expect(FeedDate.parse("2026-12-04 04:00:00") == iso.date(from: "2026-12-04T04:00:00Z"))
        #expect(FeedDate.parse("Fri, 04 Dec 2026 10:00:00 +0600") == iso.date(from: "2026-12-04T04:00:00Z"))
        #expect(FeedDate.parse("4 Dec 2026 09:00 EST") == iso.date(from: "2026-12-04T14:00:00Z"))
        #expect(FeedDate.parse("yesterday") == nil)
        #expect(FeedDate.parse("2026-13-01") == nil)
    }
}
