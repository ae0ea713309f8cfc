import Foundation

/// Reads the automated indicators from a crawled site, keeping the evidence for each.
public struct SiteAnalyzer: Sendable {
    /// Domains of national e-services (a subdomain counts).
    public var eserviceDomains: [String]
    /// The day of the round: updates are "recent" within 180 days of it, and later dates are ignored.
    public var roundDate: Date

    public init(eserviceDomains: [String], roundDate: Date = Date()) {
        self.eserviceDomains = eserviceDomains.map { $0.lowercased() }
        self.roundDate = roundDate
    }

    /// Reads a domain list: one a line, `#` comments.
    public static func domains(in text: String) -> [String] {
        text.split(separator: "\n").map { $0.split(separator: "#").first.map(String.init) ?? "" }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Every indicator the analyzer reads.
    public static let automatedIDs: Set<String> = [
        "structure", "privacy_policy", "open_data",
        "contacts_phone", "contacts_email", "address", "opening_hours", "head_named", "news_recent", "budget",
        "council_decisions", "documents",
        "service_info", "eservices_link", "downloadable_forms",
        "feedback", "social_links", "public_consultation",
        "reachable", "https", "http_to_https", "hsts", "no_mixed_content", "html_lang", "title", "mobile_viewport",
        "images_alt", "form_labels", "h1", "fast_response", "light_page", "sitemap", "search", "multilingual",
    ]

    /// The audit of `crawl`, unscored.
    public func analyze(_ crawl: SiteCrawl) -> SiteAudit {
        var audit = SiteAudit(municipality: crawl.site.municipality, url: crawl.site.url)
        audit.pages = crawl.pages.map { page in
            SiteAudit.PageSummary(url: page.fetched.url, finalURL: page.fetched.finalURL, status: page.fetched.status,
                                  seconds: page.fetched.seconds, bytes: page.fetched.bytes, truncated: page.fetched.truncated,
                                  redirects: page.fetched.redirects, failure: page.fetched.failure?.rawValue,
                                  charset: page.decoding?.charset)
        }
        audit.pagesFetched = crawl.pages.filter { $0.fetched.status != 0 }.count
        var results: [String: IndicatorResult] = [:]
        read(crawl, into: &audit, results: &results)
        audit.indicators = Self.automatedIDs.sorted().map { results[$0] ?? IndicatorResult(id: $0, value: 0) }
        return audit
    }

    /// Fills in the headline facts and every indicator found (those not set were not found).
    private func read(_ crawl: SiteCrawl, into audit: inout SiteAudit, results: inout [String: IndicatorResult]) {
        func set(_ id: String, _ found: Bool, _ evidence: [Evidence] = []) {
            results[id] = IndicatorResult(id: id, value: found ? 1 : 0, evidence: evidence)
        }
        guard !crawl.site.url.isEmpty else {
            audit.problem = "no website"
            return
        }
        guard let home = crawl.pages.first else {
            audit.problem = "not crawled"
            return
        }
        audit.status = home.fetched.status
        audit.reachable = home.fetched.succeeded
        let redirectText = home.fetched.redirects.map { "\($0.status) → \($0.to)" }.joined(separator: "; ")
        set("reachable", audit.reachable, [Evidence(url: home.fetched.url, found: home.fetched.failure.map {
            "\($0.rawValue)\(home.fetched.failureDetail.map { ": \($0)" } ?? "")"
        } ?? "HTTP \(home.fetched.status)\(redirectText.isEmpty ? "" : " after \(redirectText)")")])
        guard audit.reachable, let homeHTML = home.html else {
            audit.problem = home.fetched.failure?.rawValue ?? (home.fetched.succeeded ? "not an HTML page" : "HTTP \(home.fetched.status)")
            return
        }
        audit.responseSeconds = home.fetched.seconds
        audit.homeBytes = home.fetched.bytes
        let finalHome = home.fetched.finalURL
        let htmlPages = crawl.pages.filter { $0.fetched.succeeded && $0.html != nil }
        let texts = htmlPages.map { PageText(url: $0.fetched.finalURL, text: $0.html!.text) }
        let links = htmlPages.flatMap { page in page.html!.links.map { (page: page.fetched.finalURL, link: $0) } }
        let linkHosts = links.map { Self.host($0.link.href) } // one URL parse per link

        // Technology.
        let homeIsHTTPS = finalHome.lowercased().hasPrefix("https://")
        audit.https = homeIsHTTPS
        var httpsEvidence = [Evidence(url: finalHome, found: homeIsHTTPS ? "served over https" : "served over http")]
        if let other = crawl.otherScheme, other.failure == .invalidCertificate {
            httpsEvidence.append(Evidence(url: other.url, found: "\(FetchedPage.Failure.invalidCertificate.rawValue): \(other.failureDetail ?? "")"))
        }
        set("https", homeIsHTTPS, httpsEvidence)
        var toHTTPS: [Evidence] = []
        for page in [home.fetched] + (crawl.otherScheme.map { [$0] } ?? [])
        where page.url.lowercased().hasPrefix("http://") && page.redirects.contains(where: { $0.to.lowercased().hasPrefix("https://") }) {
            let hop = page.redirects.first { $0.to.lowercased().hasPrefix("https://") }!
            toHTTPS.append(Evidence(url: hop.from, found: "\(hop.status) → \(hop.to)"))
        }
        set("http_to_https", !toHTTPS.isEmpty, toHTTPS)
        let hsts = homeIsHTTPS ? home.fetched.header("strict-transport-security") : nil
        set("hsts", hsts != nil, hsts.map { [Evidence(url: finalHome, found: "Strict-Transport-Security: \($0)")] } ?? [])
        var mixed: [Evidence] = []
        for page in htmlPages where page.fetched.finalURL.lowercased().hasPrefix("https://") {
            for resource in page.html!.subresources where resource.lowercased().hasPrefix("http://") {
                mixed.append(Evidence(url: page.fetched.finalURL, found: resource))
            }
        }
        set("no_mixed_content", homeIsHTTPS && mixed.isEmpty, mixed.isEmpty ? [] : Array(mixed.prefix(10)))
        let lang = homeHTML.lang
        let langValid = ["ky", "ru", "en"].contains(String(lang.prefix(2))) && (lang.count == 2 || lang.dropFirst(2).first == "-")
        set("html_lang", langValid, lang.isEmpty ? [] : [Evidence(url: finalHome, found: "<html lang=\"\(lang)\">")])
        audit.title = homeHTML.title
        set("title", !homeHTML.title.isEmpty, homeHTML.title.isEmpty ? [] : [Evidence(url: finalHome, found: "<title>\(homeHTML.title)</title>")])
        let viewport = homeHTML.meta("viewport")
        audit.mobileViewport = viewport.map(Self.viewportAllowsMobile) ?? false
        set("mobile_viewport", audit.mobileViewport, viewport.map { [Evidence(url: finalHome, found: "<meta name=\"viewport\" content=\"\($0)\">")] } ?? [])
        var missingAlt: [Evidence] = []
        var unlabeled: [Evidence] = []
        for page in htmlPages {
            for image in page.html!.images where image.alt == nil { missingAlt.append(Evidence(url: page.fetched.finalURL, found: "<img src=\"\(image.src)\">")) }
            for field in page.html!.unlabeledFields { unlabeled.append(Evidence(url: page.fetched.finalURL, found: field)) }
        }
        set("images_alt", missingAlt.isEmpty, Array(missingAlt.prefix(10)))
        set("form_labels", unlabeled.isEmpty, Array(unlabeled.prefix(10)))
        let h1 = homeHTML.headings1.first
        set("h1", h1 != nil, h1.map { [Evidence(url: finalHome, found: "<h1>\($0)</h1>")] } ?? [])
        let seconds = String(format: "%.2f s", home.fetched.seconds)
        set("fast_response", home.fetched.seconds <= 3, [Evidence(url: finalHome, found: seconds)])
        set("light_page", home.fetched.bytes <= 2_000_000 && !home.fetched.truncated,
            [Evidence(url: finalHome, found: "\(home.fetched.bytes) bytes\(home.fetched.truncated ? ", cut at the size cap" : "")")])
        let sitemapFound = crawl.sitemap.map { $0.succeeded && Self.isSitemap($0.body) } ?? false
        set("sitemap", sitemapFound, sitemapFound ? [Evidence(url: crawl.sitemap!.finalURL, found: "sitemap")] : [])
        let searchPage = htmlPages.first { $0.html!.forms.contains(where: \.isSearch) }
        set("search", searchPage != nil, searchPage.map { [Evidence(url: $0.fetched.finalURL, found: "search form")] } ?? [])
        audit.cms = homeHTML.meta("generator")

        // Languages.
        let detected = LanguageDetector.detect(pages: zip(htmlPages, texts).map { (html: $0.0.html!, text: $0.1) })
        audit.languages = detected.map(\.code)
        set("multilingual", detected.count >= 2, detected.map { Evidence(url: $0.url, found: "\($0.code): \($0.reason)") })

        // Content, services, participation, institutional framework: words and links.
        let linkTexts = links.map { PageText(url: $0.page, text: $0.link.text + " " + $0.link.href) }
        func linkEvidence(_ words: [String], documentsOnly: Bool = false) -> [Evidence] {
            var found: [Evidence] = []
            for ((page, link), linkText) in zip(links, linkTexts) {
                guard linkText.contains(anyOf: words) else { continue }
                if documentsOnly && !Self.isDocument(link.href) { continue }
                found.append(Evidence(url: page, found: "<a href=\"\(link.href)\">\(link.text)</a>"))
                if found.count >= 5 { break }
            }
            return found
        }
        func textEvidence(_ words: [String]) -> [Evidence] {
            for page in texts {
                if let snippet = page.snippet(ofFirst: words) { return [Evidence(url: page.url, found: snippet)] }
            }
            return []
        }
        func wordsOrLinks(_ id: String, _ words: [String]) -> Bool {
            let evidence = linkEvidence(words) + textEvidence(words)
            set(id, !evidence.isEmpty, evidence)
            return !evidence.isEmpty
        }
        _ = wordsOrLinks("structure", Keywords.structure)
        _ = wordsOrLinks("privacy_policy", Keywords.privacy)
        let openData = zip(links, linkHosts).filter { $0.1.map { $0 == "data.gov.kg" || $0.hasSuffix(".data.gov.kg") } ?? false }
            .map { Evidence(url: $0.0.page, found: $0.0.link.href) } + linkEvidence(Keywords.openData)
        set("open_data", !openData.isEmpty, openData)

        var phones: [Evidence] = links.filter { $0.link.href.lowercased().hasPrefix("tel:") }.map { Evidence(url: $0.page, found: $0.link.href) }
        var emails: [Evidence] = links.filter { $0.link.href.lowercased().hasPrefix("mailto:") }.map { Evidence(url: $0.page, found: $0.link.href) }
        for page in texts {
            phones += page.matches(Patterns.phone, limit: 3).map { Evidence(url: page.url, found: $0) }
            emails += page.matches(Patterns.email, limit: 3).map { Evidence(url: page.url, found: $0) }
        }
        set("contacts_phone", !phones.isEmpty, Array(phones.prefix(5)))
        set("contacts_email", !emails.isEmpty, Array(emails.prefix(5)))
        let addresses = texts.flatMap { page in page.matches(Patterns.address, limit: 2).map { Evidence(url: page.url, found: $0) } }
        set("address", !addresses.isEmpty, Array(addresses.prefix(3)))
        let hours = texts.flatMap { page in page.matches(Patterns.hours, limit: 2).map { Evidence(url: page.url, found: $0) } }
        set("opening_hours", !hours.isEmpty, Array(hours.prefix(3)))
        let heads = texts.flatMap { page in page.matches(Patterns.head, limit: 2).map { Evidence(url: page.url, found: $0) } }
        set("head_named", !heads.isEmpty, Array(heads.prefix(3)))
        audit.hasContacts = !phones.isEmpty || !emails.isEmpty || !addresses.isEmpty

        audit.hasBudget = wordsOrLinks("budget", Keywords.budget)
        _ = wordsOrLinks("council_decisions", Keywords.council)
        let documents = links.filter { Self.isDocument($0.link.href) }.prefix(5)
            .map { Evidence(url: $0.page, found: "<a href=\"\($0.link.href)\">\($0.link.text)</a>") }
        set("documents", !documents.isEmpty, Array(documents))

        _ = wordsOrLinks("service_info", Keywords.services)
        let eservices = zip(links, linkHosts).filter { _, host in
            guard let host else { return false }
            return eserviceDomains.contains { host == $0 || host.hasSuffix("." + $0) }
        }.prefix(5).map { Evidence(url: $0.0.page, found: "<a href=\"\($0.0.link.href)\">\($0.0.link.text)</a>") }
        audit.hasEservicesLink = !eservices.isEmpty
        set("eservices_link", !eservices.isEmpty, Array(eservices))
        let forms = linkEvidence(Keywords.applicationForms, documentsOnly: true)
        set("downloadable_forms", !forms.isEmpty, forms)

        var feedback: [Evidence] = htmlPages.flatMap { page in
            page.html!.forms.filter { !$0.isSearch && $0.textareas > 0 }.map { Evidence(url: page.fetched.finalURL, found: "<form action=\"\($0.action)\"> with \($0.fields) fields") }
        }
        feedback += linkEvidence(Keywords.feedback)
        audit.hasFeedback = !feedback.isEmpty
        set("feedback", !feedback.isEmpty, Array(feedback.prefix(5)))
        var social: [String: Evidence] = [:]
        for ((page, link), host) in zip(links, linkHosts) {
            guard let host, let network = Keywords.socialNetwork(host: host), social[network] == nil else { continue }
            social[network] = Evidence(url: page, found: link.href)
        }
        audit.socialLinks = social.keys.sorted()
        set("social_links", !social.isEmpty, audit.socialLinks.map { social[$0]! })
        _ = wordsOrLinks("public_consultation", Keywords.consultation)

        // Last update.
        let dates = DateFinder(roundDate: roundDate).dates(crawl: crawl, pages: htmlPages, texts: texts)
        if let newest = dates.max(by: { $0.date < $1.date }) {
            audit.lastUpdate = DateFinder.iso(newest.date)
            let recent = roundDate.timeIntervalSince(newest.date) <= 180 * 86_400
            set("news_recent", recent, [Evidence(url: newest.url, found: "\(DateFinder.iso(newest.date)) (\(newest.source))")])
        } else {
            set("news_recent", false)
        }
    }

    static func viewportAllowsMobile(_ content: String) -> Bool {
        let lower = content.lowercased().replacingOccurrences(of: " ", with: "")
        guard lower.contains("width=device-width") else { return false }
        if lower.contains("user-scalable=no") || lower.contains("user-scalable=0") { return false }
        if let range = lower.range(of: "maximum-scale=") {
            let number = Double(lower[range.upperBound...].prefix { $0.isNumber || $0 == "." }) ?? 5
            if number < 2 { return false }
        }
        return true
    }

    static func isSitemap(_ body: Data) -> Bool {
        let head = String(decoding: body.prefix(2000), as: UTF8.self)
        return head.contains("<urlset") || head.contains("<sitemapindex")
    }

    static func isDocument(_ href: String) -> Bool {
        let path = href.lowercased().split(separator: "?").first.map(String.init) ?? ""
        return [".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".rtf"].contains { path.hasSuffix($0) }
    }

    static func host(_ href: String) -> String? {
        guard href.contains("//") else { return nil }
        return URL(string: href.trimmingCharacters(in: .whitespaces))?.host?.lowercased()
    }
}
