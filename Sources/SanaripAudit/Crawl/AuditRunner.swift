import Foundation

/// Runs a round: each municipality's website crawled (several at a time, each politely), read and scored.
/// A dead, slow or broken site is a result like any other; the round never stops for one.
public struct AuditRunner: Sendable {
    public var settings: CrawlSettings
    public var analyzer: SiteAnalyzer
    public var index: AuditIndex

    public init(settings: CrawlSettings, analyzer: SiteAnalyzer, index: AuditIndex) {
        self.settings = settings
        self.analyzer = analyzer
        self.index = index
    }

    /// One municipality's channels: the site the crawler reads (its first website or portal page) and the rest.
    public struct Municipality: Sendable, Hashable {
        public var code: String
        public var site: AuditSite
        public var otherChannels: [AuditSite]
    }

    /// The sites list grouped by municipality, in the order of first appearance.
    public static func municipalities(_ sites: [AuditSite]) -> [Municipality] {
        var order: [String] = []
        var grouped: [String: [AuditSite]] = [:]
        for site in sites {
            if grouped[site.municipality] == nil { order.append(site.municipality) }
            grouped[site.municipality, default: []].append(site)
        }
        return order.map { code in
            let channels = grouped[code]!
            let crawled = channels.first { $0.isCrawled && !$0.url.isEmpty } ?? AuditSite(municipality: code, url: "")
            return Municipality(code: code, site: crawled, otherChannels: channels.filter { $0 != crawled && !$0.url.isEmpty })
        }
    }

    /// Crawls and scores every municipality; `done` is called as each one finishes (in completion order), with the
    /// crawl (whose pages are the snapshots). Results come back in the order of `municipalities`.
    public func run(
        _ municipalities: [Municipality],
        done: @Sendable (SiteAudit, SiteCrawl) async throws -> Void = { _, _ in }
    ) async throws -> [SiteAudit] {
        let fetcher = PoliteFetcher(settings: settings)
        let crawler = SiteCrawler(fetcher: fetcher)
        var results = [SiteAudit?](repeating: nil, count: municipalities.count)
        do {
            try await withThrowingTaskGroup(of: (Int, SiteAudit, SiteCrawl).self) { group in
                var next = 0
                func start() {
                    guard next < municipalities.count else { return }
                    let position = next
                    let municipality = municipalities[position]
                    next += 1
                    group.addTask {
                        let crawl = await crawler.crawl(municipality.site)
                        return (position, audit(crawl, otherChannels: municipality.otherChannels), crawl)
                    }
                }
                for _ in 0..<max(1, settings.concurrentSites) { start() }
                while let (position, audit, crawl) = try await group.next() {
                    try await done(audit, crawl)
                    results[position] = audit
                    try Task.checkCancellation()
                    start()
                }
            }
        } catch {
            await fetcher.shutdown()
            throw error
        }
        await fetcher.shutdown()
        return results.compactMap { $0 }
    }

    /// The scored audit of one crawl, with the municipality's other channels counted as social links.
    public func audit(_ crawl: SiteCrawl, otherChannels: [AuditSite] = []) -> SiteAudit {
        var audit = analyzer.analyze(crawl)
        audit.municipality = crawl.site.municipality
        if !otherChannels.isEmpty, let position = audit.indicators.firstIndex(where: { $0.id == "social_links" }) {
            var networks = Set(audit.socialLinks)
            for channel in otherChannels {
                let network = SiteAnalyzer.host(channel.url).flatMap(Keywords.socialNetwork(host:)) ?? channel.kind.rawValue
                networks.insert(network)
                audit.indicators[position].evidence.append(Evidence(url: channel.url, found: "listed in the sites list as \(channel.kind.rawValue)"))
            }
            audit.socialLinks = networks.sorted()
            audit.indicators[position].value = 1
        }
        audit.score(with: index)
        return audit
    }
}
