import Foundation

/// Crawls one site: the home page, the other scheme of its address, `sitemap.xml`, then the pages linked from
/// the home page that matter (contacts, budget, services, council, documents, news, structure, feedback), up to
/// the per-site limit. Every page is decoded (any charset) and parsed as it arrives.
public struct SiteCrawler: Sendable {
    public let fetcher: PoliteFetcher

    public init(fetcher: PoliteFetcher) {
        self.fetcher = fetcher
    }

    public func crawl(_ site: AuditSite) async -> SiteCrawl {
        var crawl = SiteCrawl(site: site)
        guard !site.url.isEmpty, site.isCrawled else { return crawl }
        let settings = fetcher.settings
        let home = Self.read(await fetcher.fetch(site.url))
        crawl.pages.append(home)
        guard home.fetched.succeeded, let homeURL = URL(string: home.fetched.finalURL), let html = home.html else { return crawl }
        if settings.checkOtherScheme, let other = Self.otherScheme(site.url) {
            crawl.otherScheme = await fetcher.fetch(other)
            crawl.extraRequests += 1
        }
        if settings.readSitemap {
            let robots = await fetcher.robots(for: homeURL)
            let sitemapURL = robots.sitemaps.first ?? PoliteFetcher.origin(homeURL) + "/sitemap.xml"
            let sitemap = await fetcher.fetch(sitemapURL)
            crawl.extraRequests += 1
            if sitemap.succeeded { crawl.sitemap = sitemap }
        }
        for url in Self.pagesThatMatter(in: html, base: homeURL, scope: URL(string: site.url) ?? homeURL,
                                        limit: settings.maxPagesPerSite - 1) {
            crawl.pages.append(Self.read(await fetcher.fetch(url)))
        }
        return crawl
    }

    /// Decodes and parses a fetched page when it is HTML.
    public static func read(_ fetched: FetchedPage) -> SiteCrawl.Page {
        guard fetched.failure == nil, !fetched.body.isEmpty, fetched.isHTML else {
            return SiteCrawl.Page(fetched: fetched, decoding: nil, html: nil)
        }
        let bytes = [UInt8](fetched.body)
        let choice = TextDecoding.choose(bytes: bytes, contentType: fetched.header("content-type"))
        let html = HTMLPage(parsing: TextDecoding.decode(bytes, charset: choice.charset))
        return SiteCrawl.Page(fetched: fetched, decoding: choice, html: html)
    }

    static func otherScheme(_ url: String) -> String? {
        guard var components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else { return nil }
        components.scheme = scheme == "https" ? "http" : "https"
        components.path = "/"
        components.query = nil
        return components.string
    }

    /// Links of the home page to the same site (and under the site's path when it has one) whose text or address
    /// names something that matters, one per kind first, in the order of ``Keywords/pagesThatMatter``.
    static func pagesThatMatter(in html: HTMLPage, base: URL, scope: URL, limit: Int) -> [String] {
        guard limit > 0 else { return [] }
        let host = Self.bareHost(base)
        var scopePath = scope.path
        if !scopePath.hasSuffix("/") { scopePath = String(scopePath[..<(scopePath.lastIndex(of: "/") ?? scopePath.endIndex)]) + "/" }
        var seen: Set<String> = [Self.normalized(base)]
        var byKind: [[String]] = Array(repeating: [], count: Keywords.pagesThatMatter.count)
        for link in html.links where link.hreflang == nil || !link.text.isEmpty {
            let href = link.href.trimmingCharacters(in: .whitespaces)
            let lowerHref = href.lowercased()
            if href.isEmpty || href.hasPrefix("#") || lowerHref.hasPrefix("mailto:") || lowerHref.hasPrefix("tel:")
                || lowerHref.hasPrefix("javascript:") || SiteAnalyzer.isDocument(href) { continue }
            guard let url = URL(string: href, relativeTo: base)?.absoluteURL, let scheme = url.scheme?.lowercased(),
                  scheme == "http" || scheme == "https", Self.bareHost(url) == host, url.port == base.port,
                  url.path.hasPrefix(scopePath) || scopePath == "/" else { continue }
            let haystack = (link.text + " " + href).lowercased()
            guard let kind = Keywords.pagesThatMatter.firstIndex(where: { words in words.contains { haystack.contains($0) } }) else { continue }
            let key = Self.normalized(url)
            guard seen.insert(key).inserted else { continue }
            byKind[kind].append(key)
        }
        var chosen: [String] = byKind.compactMap(\.first)
        for list in byKind { chosen += list.dropFirst() }
        return Array(chosen.prefix(limit))
    }

    static func bareHost(_ url: URL) -> String {
        let host = url.host?.lowercased() ?? ""
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }

    static func normalized(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: true) else { return url.absoluteString }
        components.fragment = nil
        if components.path.isEmpty { components.path = "/" }
        return components.string ?? url.absoluteString
    }
}
