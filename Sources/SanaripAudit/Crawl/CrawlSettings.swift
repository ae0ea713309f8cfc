/// How politely and how far the crawler goes. Every limit is per request or per site.
public struct CrawlSettings: Sendable, Hashable, Codable {
    /// Sent with every request, naming the audit and where to read about it.
    public var userAgent = "SanaripAudit/0.1 (municipal web audit; +https://github.com/sanarip/sanarip)"
    /// The product token matched against `robots.txt` groups.
    public var robotsAgent = "SanaripAudit"
    public var connectTimeout: Double = 10
    /// Longest wait for the next bytes of an answer.
    public var readTimeout: Double = 15
    /// Longest time for one whole request, body included.
    public var requestTimeout: Double = 30
    /// Bodies are cut here (bytes).
    public var maxPageBytes = 3_000_000
    /// The home page and at most this many more pages linked from it.
    public var maxPagesPerSite = 12
    /// Seconds between two requests to the same host.
    public var hostDelay: Double = 1.0
    public var maxRedirects = 5
    /// Connections open to one host at most (real municipal sites are each their own host; a benchmark on one
    /// loopback host raises it).
    public var connectionsPerHost = 2
    /// Sites crawled at the same time.
    public var concurrentSites = 8
    /// Whether to check the other scheme (http→https redirect, https availability) of each home page.
    public var checkOtherScheme = true
    /// Whether to read `sitemap.xml` for its `<lastmod>` dates.
    public var readSitemap = true
    /// Root certificates (PEM) trusted beside the system's: set only by the tests, for their own fixture CA.
    var testTrustRootsPEM: [String] = []

    public init() {}
}
