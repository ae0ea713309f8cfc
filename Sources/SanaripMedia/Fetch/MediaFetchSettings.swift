import SanaripAudit

/// How politely and how far a fetch goes: the audit's crawl settings with the media collector's User-Agent.
public struct MediaFetchSettings: Sendable, Hashable {
    /// Seconds between two requests to the same host.
    public var hostDelay: Double = 1
    /// Feeds read at the same time (each host still gets one request at a time after the delay).
    public var concurrentFeeds = 4
    /// Whether to fetch each new item's page and keep its text instead of the feed's summary.
    public var fetchPages = false
    /// Only items published on or after this date are kept (nil: all).
    public var since: Double?
    public var timeout: Double = 30

    public init() {}

    /// The audit fetcher's settings for this fetch.
    var crawl: CrawlSettings {
        var settings = CrawlSettings()
        settings.userAgent = "SanaripMedia/0.1 (news feeds for a research study; +https://github.com/sanarip/sanarip)"
        settings.robotsAgent = "SanaripMedia"
        settings.hostDelay = hostDelay
        settings.requestTimeout = timeout
        settings.readTimeout = min(settings.readTimeout, timeout)
        settings.connectTimeout = min(settings.connectTimeout, timeout)
        settings.maxPageBytes = 10_000_000
        settings.connectionsPerHost = 1
        return settings
    }
}
