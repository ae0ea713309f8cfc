import Foundation
import Testing
import SanaripMedia
import SanaripQualitative
import SanaripStorage

@Suite("Articles imported from JSON archives and folders of saved pages; copies grouped in the store")
struct ArticleArchiveFormatsTests {
    static let mediaCloudJSON = """
        [
          {"id": 101, "media_name": "24.kg", "media_url": "24.kg", "publish_date": "2026-11-02 09:00:00",
           "title": "Тарифы на мобильный интернет выросли", "url": "https://24.kg/ekonomika/1/", "language": "ru",
           "text": "Операторы связи повысили тарифы на мобильный интернет."},
          {"id": 102, "media_name": "Азаттык", "media_url": "https://www.azattyk.org", "publish_date": "2026-11-03",
           "title": "Интернеттин баасы өстү", "url": "https://www.azattyk.org/a/2.html", "language": null,
           "text": "Мобилдик байланыш операторлору интернеттин баасын көтөрүштү."}
        ]
        """

    @Test("A Media Cloud JSON array: fields, numeric ids, outlets and dates as from the CSV")
    func mediaCloudArray() throws {
        let archive = try ArticleArchive.read(Data(Self.mediaCloudJSON.utf8), file: "stories.json", known: [])
        #expect(archive.articles.map(\.guid) == ["101", "102"])
        #expect(archive.newSources.map(\.key) == ["24.kg", "azattyk.org"])
        #expect(archive.articles[0].published == FeedDate.parse("2026-11-02T09:00:00Z"))
        #expect(archive.articles[1].language == "ky")
        #expect(archive.articles.allSatisfy { $0.origin == "json" })
        let csv = try ArticleArchive.read(Data("""
            id,media_name,media_url,publish_date,title,url,language,text
            101,24.kg,24.kg,2026-11-02 09:00:00,Тарифы на мобильный интернет выросли,https://24.kg/ekonomika/1/,ru,Операторы связи повысили тарифы на мобильный интернет.
            """.utf8), file: "stories.csv", known: [])
        var fromCSV = try #require(csv.articles.first)
        fromCSV.origin = "json"
        #expect(fromCSV == archive.articles[0])
    }

    @Test("JSON Lines with pages as html, and an object holding the list")
    func linesAndWrapper() throws {
        let page = "<html lang=ru><body><nav><a href=/>Главная</a> <a href=/news>Новости</a></nav><article><h1>Сеть в селах</h1><p>В селах Иссык-Кульской области появился мобильный интернет четвертого поколения, сообщили в министерстве.</p></article><footer>© 2026 Все права защищены</footer></body></html>"
        let lines = [
            #"{"url": "https://kaktus.media/1", "title": "Сеть в селах", "outlet": "Kaktus", "date": "2026-11-05", "html": \#(String(decoding: try JSONEncoder().encode(page), as: UTF8.self))}"#,
            "",
            #"{"url": "https://kaktus.media/2", "title": "Второй", "outlet": "Kaktus", "text": "Текст"}"#,
        ].joined(separator: "\n")
        let archive = try ArticleArchive.read(Data(lines.utf8), file: "a.jsonl", known: [])
        #expect(archive.articles.count == 2)
        let first = try #require(archive.articles.first)
        #expect(first.text.contains("четвертого поколения"))
        #expect(!first.text.contains("Главная"))
        #expect(!first.text.contains("права защищены"))
        #expect(archive.newSources.map(\.name) == ["Kaktus"])
        let wrapped = try ArticleArchive.read(Data(#"{"stories": [{"url": "https://24.kg/x", "title": "X"}], "next": null}"#.utf8), file: "w.json", known: [])
        #expect(wrapped.articles.map(\.url) == ["https://24.kg/x"])
    }

    @Test("Bad JSON names the file, the line where the object starts and the field")
    func errors() throws {
        let bad = """
            [
              {"url": "https://24.kg/1", "title": "One"},
              {"url": "ftp://24.kg/2",
               "title": "Two"}
            ]
            """
        #expect(throws: MediaError.invalid(file: "bad.json", row: 3, column: "url", reason: "\"ftp://24.kg/2\" is not an http(s) address")) {
            try ArticleArchive.read(Data(bad.utf8), file: "bad.json", known: [])
        }
        #expect(throws: MediaError.invalid(file: "bad.json", row: 2, column: "publish_date", reason: "\"yesterday\" is not a date (write 2026-12-04, 2026-12-04 10:00:00 or RFC 822)")) {
            try ArticleArchive.read(Data("{\"url\": \"https://24.kg/1\", \"title\": \"One\"}\n{\"url\": \"https://24.kg/2\", \"title\": \"Two\", \"publish_date\": \"yesterday\"}".utf8), file: "bad.json", known: [])
        }
        do {
            _ = try ArticleArchive.read(Data("[{\"url\": \"https://24.kg/1\", \"title\": }]".utf8), file: "broken.json", known: [])
            Issue.record("a broken file was read")
        } catch {
            #expect(error.description.hasPrefix("broken.json: not readable JSON"))
        }
    }

    static func folder(_ pages: [String: [UInt8]]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sanarip-pages-\(UUID().uuidString)")
        for (name, bytes) in pages {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return folder
    }

    @Test("A folder of saved pages: UTF-8 with JSON-LD, windows-1251 with og:url, a browser's saved-from mark")
    func savedPages() throws {
        let body = "Министерство цифрового развития сообщило, что к концу года оптоволокно проведут в сорок сел Иссык-Кульской области, а стоимость подключения снизится."
        let utf8 = """
            <!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Оптоволокно в селах | 24.kg</title>
            <link rel="canonical" href="https://24.kg/obschestvo/301/">
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Оптоволокно придет в сорок сел",
            "datePublished":"2026-11-20T10:15:00+06:00","author":{"@type":"Person","name":"Айгуль Садыкова"},"publisher":{"@type":"Organization","name":"24.kg"}}</script>
            </head><body><header class="site-header"><a href="/">24.kg</a><ul class="menu"><li><a href="/a">Политика</a></li><li><a href="/b">Экономика</a></li></ul></header>
            <div class="content"><h1>Оптоволокно придет в сорок сел</h1><div class="article-text"><p>\(body)</p><p>Работы начнутся весной, сообщили в ведомстве, и продлятся до осени.</p></div>
            <div class="share">Поделиться: Facebook, Telegram, WhatsApp</div></div><footer>Все права защищены, 2026</footer></body></html>
            """
        let cp1251 = """
            <html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><meta property="og:url" content="https://www.vesti.kg/news/77">
            <meta property="og:title" content="Тарифы снизят"><meta property="og:site_name" content="Вести.kg"><meta property="article:published_time" content="2026-11-21T08:00:00Z">
            </head><body><div id="sidebar"><a href="/1">Курсы валют</a> <a href="/2">Погода</a></div><div id="main-content"><p>Антимонопольный орган потребовал от операторов снизить тарифы на мобильный интернет в регионах, где работает только один провайдер.</p></div></body></html>
            """
        let saved = """
            <!DOCTYPE html>
            <!-- saved from url=(0036)https://kloop.kg/blog/2026/11/22/x/ -->
            <html lang="ky"><head><title>Айылда интернет</title></head><body><main><p>Айыл өкмөтү жаңы интернет борборун ачты, анда жаштар жана аялдар акысыз окуй алышат, деп билдирди мэрия.</p></main></body></html>
            """
        let encoded = try #require(cp1251.data(using: .windowsCP1251))
        let folder = try Self.folder(["a/24kg.html": Array(utf8.utf8), "b/vesti.htm": [UInt8](encoded), "c/saved.html": Array(saved.utf8), "notes.txt": Array("x".utf8)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let archive = try ArticleArchive.readPages(folder: folder, known: [MediaSource(key: "kloop", name: "Kloop", url: "https://kloop.kg", language: "ky")])
        #expect(archive.articles.map(\.url) == ["https://24.kg/obschestvo/301/", "https://www.vesti.kg/news/77", "https://kloop.kg/blog/2026/11/22/x/"])
        #expect(archive.articles.map(\.title) == ["Оптоволокно придет в сорок сел", "Тарифы снизят", "Айылда интернет"])
        #expect(archive.articles.map(\.source) == ["24.kg", "vesti.kg", "kloop"])
        #expect(archive.newSources.map(\.name) == ["24.kg", "Вести.kg"])
        #expect(archive.articles[0].published == FeedDate.parse("2026-11-20T04:15:00Z"))
        #expect(archive.articles[1].published == FeedDate.parse("2026-11-21T08:00:00Z"))
        #expect(archive.articles[0].author == "Айгуль Садыкова")
        #expect(archive.articles.map(\.language) == ["ru", "ru", "ky"])
        #expect(archive.articles[0].text.contains(body))
        #expect(archive.articles[0].text.contains("продлятся до осени"))
        for boilerplate in ["Политика", "Поделиться", "права защищены"] { #expect(!archive.articles[0].text.contains(boilerplate)) }
        #expect(archive.articles[1].text.contains("Антимонопольный орган"))
        #expect(!archive.articles[1].text.contains("Курсы валют"))
        #expect(archive.articles[2].text.hasPrefix("Айыл өкмөтү"))

        let nameless = try Self.folder(["x.html": Array("<html><body><p>Текст без адреса</p></body></html>".utf8)])
        defer { try? FileManager.default.removeItem(at: nameless) }
        #expect(throws: MediaError.self) { try ArticleArchive.readPages(folder: nameless, known: []) }
        do {
            _ = try ArticleArchive.readPages(folder: nameless, known: [])
        } catch {
            #expect(error.description.hasPrefix("x.html, column url: the page does not say its address"))
        }
    }

    @Test("Copies grouped in the store; frames' input counts a group once")
    func storedGroups() async throws {
        let story = "Министерство цифрового развития сообщило что к концу года оптоволокно проведут в сорок сел Иссык-Кульской области а стоимость подключения для жителей снизится вдвое"
        let other = "Антимонопольный орган потребовал от операторов снизить тарифы на мобильный интернет в регионах где работает только один провайдер связи и нет конкуренции"
        let articles = [
            MediaArticle(source: "24.kg", url: "https://24.kg/1", title: "Оптоволокно в селах", text: story),
            MediaArticle(source: "kabar", url: "https://kabar.kg/2", title: "Оптоволокно в селах", text: "БИШКЕК, (Кабар) — " + story),
            MediaArticle(source: "vesti", url: "https://vesti.kg/3", title: "Тарифы", text: other),
            MediaArticle(source: "akipress", url: "https://akipress.kg/4", title: "Оптоволокно придет в села", text: story + " Работы начнутся весной."),
        ]
        let database = try SanaripDatabase.inMemory()
        #expect(try await database.stores.media.insert(articles, study: "s") == MediaInsertion(added: 4, duplicates: 0))
        let grouping = try await MediaCopies.update(study: "s", media: database.stores.media, copies: database.stores.mediaCopies, by: "tester")
        #expect(grouping.groups == 1)
        #expect(grouping.copies == 2)
        let stored = try await database.stores.media.articles(study: "s", source: nil, limit: nil, offset: 0)
        let ids = Dictionary(uniqueKeysWithValues: stored.map { ($0.url, try! #require($0.id)) })
        let groups = try await database.stores.mediaCopies.groups(study: "s")
        let first = try #require(ids["https://24.kg/1"])
        #expect(groups == [first: first, ids["https://kabar.kg/2"]!: first, ids["https://akipress.kg/4"]!: first])
        #expect(try await database.stores.mediaCopies.copies(of: first, study: "s") == [ids["https://kabar.kg/2"]!, ids["https://akipress.kg/4"]!].sorted())
        #expect(try await database.stores.mediaCopies.grouping(study: "s")?.threshold == 0.8)
        #expect(Set(MediaCopies.collapsing(stored, groups: groups).map(\.url)) == ["https://24.kg/1", "https://vesti.kg/3"])
        let strict = try await MediaCopies.update(study: "s", media: database.stores.media, copies: database.stores.mediaCopies,
                                                  settings: NearDuplicates(threshold: 0.95), by: "tester")
        #expect(strict.groups == 0)
        #expect(try await database.stores.mediaCopies.groups(study: "s").isEmpty)
    }
}
