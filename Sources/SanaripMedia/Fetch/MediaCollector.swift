import Foundation
import SanaripAudit
import SanaripQualitative
import SanaripStorage

/// Collects a study's outlets' feeds into the store, politely, through the audit's ``PoliteFetcher`` (robots.txt for
/// every address, one request per host after a delay, an identifying User-Agent, timeouts and size caps): each
/// feed is read, its items become articles (language from the outlet, else detected), optionally with their page's
/// text, and new ones are stored. A broken or unreachable feed is one problem line naming its address; the others go on.
public struct MediaCollector: Sendable {
    /// Progress after each feed: feeds done, total, and the round so far.
    public typealias Progress = @Sendable (MediaFetchRound) async -> Void

    public let store: any MediaStore
    public let settings: MediaFetchSettings

    public init(store: any MediaStore, settings: MediaFetchSettings = MediaFetchSettings()) {
        self.store = store
        self.settings = settings
    }

    /// Runs (or resumes) the round `name` over the study's sources, recording its progress in the store.
    /// Outlets listed without feeds have their home page read first for the feeds it announces (saved to the outlet).
    public func run(name: String, study: String, by actor: String, progress: Progress? = nil) async throws -> MediaFetchRound {
        let fetcher = PoliteFetcher(settings: settings.crawl)
        var sources = try await store.sources(study: study)
        var discovered: [MediaSource] = []
        var discoveryProblems: [String] = []
        for index in sources.indices where sources[index].feeds.isEmpty && !sources[index].url.isEmpty {
            let page = await fetcher.fetch(sources[index].url)
            let bytes = [UInt8](page.body)
            let html = page.succeeded ? TextDecoding.decode(bytes, charset: TextDecoding.choose(bytes: bytes, contentType: page.header("content-type")).charset) : ""
            let feeds = FeedDiscovery.feeds(inHTML: html, base: page.finalURL)
            if feeds.isEmpty {
                discoveryProblems.append("\(sources[index].key) \(sources[index].url): no feed announced (<link rel=\"alternate\" type=\"application/rss+xml\">)" + (page.succeeded ? "" : ", " + (page.failure?.rawValue ?? "HTTP \(page.status)")))
            } else {
                sources[index].feeds = feeds
                discovered.append(sources[index])
            }
        }
        if !discovered.isEmpty { try await store.saveSources(discovered, study: study, by: actor) }
        let feeds = sources.flatMap { source in source.feeds.map { (source, $0) } }
        var round = try await store.startFetch(named: name, study: study, feeds: feeds.count, by: actor)
        round.feedsDone = 0
        round.problems = discoveryProblems
        do {
            try await withThrowingTaskGroup(of: (Feed?, [MediaArticle], String?).self) { group in
                var next = 0
                while next < min(feeds.count, max(1, settings.concurrentFeeds)) {
                    let (source, url) = feeds[next]
                    next += 1
                    group.addTask { await collect(url, source: source, fetcher: fetcher) }
                }
                while let result = try await group.next() {
                    let inserted = try await store.insert(result.1, study: study)
                    round.feedsDone += 1
                    round.added += inserted.added
                    round.duplicates += inserted.duplicates
                    if let problem = result.2 { round.problems.append(problem) }
                    try await store.updateFetch(round, finished: false)
                    await progress?(round)
                    if next < feeds.count {
                        let (source, url) = feeds[next]
                        next += 1
                        group.addTask { await collect(url, source: source, fetcher: fetcher) }
                    }
                }
            }
        } catch {
            await fetcher.shutdown()
            throw error
        }
        await fetcher.shutdown()
        try await store.updateFetch(round, finished: true)
        round.finishedAt = Date()
        return round
    }

    /// One feed's articles, or the problem that kept them away.
    func collect(_ url: String, source: MediaSource, fetcher: PoliteFetcher) async -> (Feed?, [MediaArticle], String?) {
        let page = await fetcher.fetch(url)
        guard page.succeeded else {
            let why = page.failure.map { "\($0.rawValue)" + (page.failureDetail.map { ": \($0)" } ?? "") } ?? "HTTP \(page.status)"
            return (nil, [], "\(source.key) \(url): \(why)")
        }
        let feed: Feed
        do {
            feed = try FeedParser.parse([UInt8](page.body), contentType: page.header("content-type"), url: url)
        } catch {
            return (nil, [], "\(source.key) \(error.description)")
        }
        var articles: [MediaArticle] = []
        var problems: [String] = []
        for item in feed.items {
            if let since = settings.since, let date = item.published, date.timeIntervalSince1970 < since { continue }
            guard !item.link.isEmpty || !item.guid.isEmpty else {
                problems.append("an item without link or guid (\(item.title.prefix(60)))")
                continue
            }
            var article = Self.article(item, source: source, feedLanguage: feed.language)
            if settings.fetchPages, !item.link.isEmpty {
                let page = await fetcher.fetch(item.link)
                if page.succeeded, page.isHTML {
                    let extracted = ArticleExtractor.extract(bytes: [UInt8](page.body), contentType: page.header("content-type"))
                    if extracted.text.count > article.text.count {
                        article.text = extracted.text
                        article.origin = "page"
                    }
                    if article.author.isEmpty { article.author = extracted.author }
                    if article.published == nil { article.published = extracted.published }
                } else {
                    problems.append("\(item.link): " + (page.failure?.rawValue ?? "HTTP \(page.status)"))
                }
            }
            articles.append(article)
        }
        let problem = problems.isEmpty ? nil : "\(source.key) \(url): " + problems.prefix(5).joined(separator: "; ") + (problems.count > 5 ? " (and \(problems.count - 5) more)" : "")
        return (feed, articles, problem)
    }

    /// The article a feed item becomes: the outlet's language when it has one, else the feed's, else detected.
    static func article(_ item: Feed.Item, source: MediaSource, feedLanguage: String) -> MediaArticle {
        let declared = ["ky", "ru", "en"].contains(source.language) ? source.language : String(feedLanguage.prefix(2)).lowercased()
        let language = ["ky", "ru", "en"].contains(declared) ? declared : MediaLanguage.detect(item.title + " " + item.text, fallback: "")
        return MediaArticle(source: source.key, url: item.link.isEmpty ? item.guid : item.link, guid: item.guid, title: item.title,
                            published: item.published, language: language, author: item.author, text: item.text, origin: "feed")
    }
}
