import Foundation
import Testing
import SanaripMedia
import SanaripQualitative
import SanaripStorage

@Suite("Articles imported from a Media Cloud CSV export")
struct ArticleArchiveTests {
    static let export = """
        id,indexed_date,language,media_name,media_url,publish_date,title,url
        a1,2026-11-03 10:00:00,ru,24.kg,24.kg,2026-11-02 09:00:00,Тарифы на мобильный интернет выросли,https://24.kg/ekonomika/1/
        a2,2026-11-03 10:00:00,ky,Азаттык,www.azattyk.org,2026-11-02,Интернеттин баасы кымбаттады,https://www.azattyk.org/a/2.html
        a3,2026-11-04 10:00:00,ru,24.kg,24.kg,2026-11-03T12:00:00+06:00,Тарифы на мобильный интернет выросли!,https://24.kg/ekonomika/1-copy/
        a4,2026-11-04 10:00:00,,24.kg,24.kg,,Без даты,https://24.kg/3/?utm_source=tg
        """

    @Test("Columns recognised, outlets created from their domains, duplicates by title per outlet")
    func mediaCloud() async throws {
        let archive = try ArticleArchive.read(Data(Self.export.utf8), file: "export.csv", known: [MediaSource(key: "azattyk-ky", name: "Азаттык", url: "https://www.azattyk.org", language: "ky")])
        #expect(archive.articles.count == 4)
        #expect(archive.newSources.map(\.key) == ["24.kg"])
        #expect(archive.articles.map(\.source) == ["24.kg", "azattyk-ky", "24.kg", "24.kg"])
        #expect(archive.articles[3].published == nil)
        #expect(archive.articles[1].published == FeedDate.parse("2026-11-02T00:00:00Z"))
        let database = try SanaripDatabase.inMemory()
        let first = try await database.stores.media.insert(archive.articles, study: "s")
        #expect(first == MediaInsertion(added: 3, duplicates: 1))
        var again = archive.articles[3]
        again.url = "http://24.kg/3"
        #expect(try await database.stores.media.insert([again], study: "s") == MediaInsertion(added: 0, duplicates: 1))
        // The same title a month later in the same outlet is another story.
        var later = archive.articles[0]
        later.url = "https://24.kg/ekonomika/99/"
        later.guid = "a99"
        later.published = FeedDate.parse("2026-12-05")
        #expect(try await database.stores.media.insert([later], study: "s") == MediaInsertion(added: 1, duplicates: 0))
    }

    @Test("A bad date or address names the file, row and column")
    func badRows() {
        #expect(throws: MediaError.invalid(file: "x.csv", row: 3, column: "publish_date", reason: "\"yesterday\" is not a date (write 2026-12-04, 2026-12-04 10:00:00 or RFC 822)")) {
            try ArticleArchive.read(Data("title,url,publish_date\nA,https://a.kg/1,2026-01-01\nB,https://a.kg/2,yesterday\n".utf8), file: "x.csv", known: [])
        }
        #expect(throws: MediaError.invalid(file: "x.csv", row: 2, column: "url", reason: "\"a.kg/1\" is not an http(s) address")) {
            try ArticleArchive.read(Data("title,url\nA,a.kg/1\n".utf8), file: "x.csv", known: [])
        }
        #expect(throws: MediaError.self) { try ArticleArchive.read(Data("name,link2\n".utf8), file: "x.csv", known: []) }
    }
}
