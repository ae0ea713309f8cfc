/// What the crawler brought back from one site, before scoring: the pages (home first) with their decoded
/// HTML, the other scheme's answer for the home page, and the sitemap.
public struct SiteCrawl: Sendable {
    /// A fetched page, its encoding and what was parsed from it (nil when it was not HTML or not fetched).
    public struct Page: Sendable {
        public var fetched: FetchedPage
        public var decoding: TextDecoding.Choice?
        public var html: HTMLPage?
    }

    public var site: AuditSite
    public var pages: [Page] = []
    /// The home page asked for with the other scheme (https when the site's URL is http, and the reverse).
    public var otherScheme: FetchedPage?
    /// `sitemap.xml`, when it answered.
    public var sitemap: FetchedPage?
    /// Other resources fetched (robots.txt is not counted).
    public var extraRequests = 0

    public init(site: AuditSite) {
        self.site = site
    }
}
