import Foundation
import Testing
@testable import SanaripAudit

@Suite("Crawling and reading the fixture websites")
struct CrawlerTests {
    @Test("a good site: every automated indicator built into it is found, with evidence")
    func goodSite() async throws {
        let server = FixtureServer(pages: FixtureSites.good())
        let base = try await server.start()
        defer { server.stop() }
        let audits = try await AuditFixtures.run([
            AuditSite(municipality: "41702215000010", url: base + "/"),
            AuditSite(municipality: "41702215000010", url: "https://instagram.com/tamga_ao", kind: .instagram),
        ])
        let audit = try #require(audits.first)
        #expect(audits.count == 1)
        func value(_ id: String) -> Double? { audit.indicator(id)?.value }
        for id in ["reachable", "html_lang", "title", "mobile_viewport", "images_alt", "form_labels", "h1", "fast_response",
                   "light_page", "sitemap", "search", "multilingual", "structure", "privacy_policy", "open_data",
                   "contacts_phone", "contacts_email", "address", "opening_hours", "head_named", "news_recent", "budget",
                   "council_decisions", "documents", "service_info", "eservices_link", "downloadable_forms", "feedback",
                   "social_links", "public_consultation"] {
            #expect(value(id) == 1, "\(id): \(String(describing: audit.indicator(id)))")
        }
        // Plain http on loopback: no https, so no HSTS and no https-only checks.
        for id in ["https", "http_to_https", "hsts", "no_mixed_content"] { #expect(value(id) == 0, "\(id)") }
        #expect(audit.status == 200)
        #expect(audit.title == "Тамга айыл өкмөтү")
        #expect(audit.languages == ["ky", "ru"])
        #expect(audit.socialLinks == ["facebook", "instagram", "telegram"])
        #expect(audit.cms == "WordPress 6.4")
        // Newest date: the sitemap's 2026-11-20 (and the hearing on 20.11.2026); 31.12.2099 is after the round.
        #expect(audit.lastUpdate == "2026-11-20")
        let phones = try #require(audit.indicator("contacts_phone")).evidence.map(\.found)
        #expect(phones.contains("+996 (3946) 5-12-34"))
        #expect(phones.contains("0 3946 5-12-35"))
        #expect(try #require(audit.indicator("contacts_email")).evidence.contains { $0.found == "mailto:tamga.ao@example.kg" })
        #expect(try #require(audit.indicator("head_named")).evidence.contains { $0.found.contains("Асанов Бакыт") })
        #expect(try #require(audit.indicator("eservices_link")).evidence.contains { $0.found.contains("portal.tunduk.kg") })
        #expect(try #require(audit.indicator("budget")).evidence.contains { $0.found.contains("budget-2026.pdf") })
        #expect(try #require(audit.indicator("documents")).evidence.contains { $0.found.contains("smeta-2025.xlsx") })
        #expect(try #require(audit.indicator("downloadable_forms")).evidence.contains { $0.found.contains("aryz-blank.docx") })
        // The redirect from /kontakty was followed and recorded.
        let contacts = try #require(audit.pages.first { $0.url.hasSuffix("/kontakty") })
        #expect(contacts.redirects.map(\.status) == [301])
        #expect(contacts.finalURL == base + "/contacts")
        #expect(contacts.status == 200)
        // robots.txt: /private/ never asked for; every request names the crawler.
        let paths = server.paths
        #expect(!paths.contains { $0.hasPrefix("/private") })
        #expect(paths.filter { $0 == "/robots.txt" }.count == 1)
        #expect(server.requests.withLock { $0.allSatisfy { $0.userAgent.hasPrefix("SanaripAudit/") } })
        // Home, the seven pages that matter (kontakty → contacts, budget, services, council, news, structure, feedback).
        #expect(audit.pagesFetched == 8)
        #expect(audit.pages.filter { $0.failure == nil }.allSatisfy { $0.status == 200 })
        #expect(audit.pages.contains { $0.url.hasSuffix("/private/docs") && $0.failure == "disallowed by robots.txt" })
        // Every group assessed; technology loses the four https indicators only.
        let technology = try #require(audit.groupScores["technology"])
        #expect(abs(technology - 12.0 / 16.0) < 1e-12)
        #expect(audit.groupScores["content"] == 1)
        #expect(audit.level == "very high")
    }

    @Test("a poor site in windows-1251 (declared in <meta> only)")
    func poorSite() async throws {
        let server = FixtureServer(pages: FixtureSites.poor())
        let base = try await server.start()
        defer { server.stop() }
        let audit = try #require(try await AuditFixtures.run([AuditSite(municipality: "41706211000010", url: base)]).first)
        #expect(audit.title == "Официальный сайт айылного аймака")
        #expect(audit.pages.first?.charset == "windows-1251")
        #expect(audit.languages == ["ru"])
        #expect(audit.cms == "Joomla! - Open Source Content Management")
        #expect(audit.lastUpdate == "2019-03-03")
        for id in ["html_lang", "mobile_viewport", "h1", "images_alt", "form_labels", "news_recent", "budget", "contacts_phone",
                   "contacts_email", "eservices_link", "feedback", "social_links", "sitemap", "search", "multilingual"] {
            #expect(audit.indicator(id)?.value == 0, "\(id)")
        }
        #expect(try #require(audit.indicator("images_alt")).evidence.map(\.found) == ["<img src=\"/banner.gif\">"])
        #expect(try #require(audit.indicator("form_labels")).evidence.map(\.found) == ["<input answer>"])
        #expect(audit.indicator("reachable")?.value == 1)
        #expect(audit.pagesFetched == 1)
        #expect(audit.level == "low")
    }

    @Test("dead, hanging, failing, huge, disallowed and redirected sites are recorded and the round goes on")
    func brokenSites() async throws {
        let blocked = FixtureServer(pages: [
            "/robots.txt": FixtureResponse(headers: [("Content-Type", "text/plain")], body: Array("User-agent: *\nDisallow: /\n".utf8)),
            "/": .html("<html><title>Blocked</title></html>"),
        ])
        let serverError = FixtureResponse(status: .internalServerError, body: Array("error".utf8))
        let failing = FixtureServer(pages: ["/robots.txt": FixtureResponse(headers: [("Content-Type", "text/plain")], body: Array("User-agent: *\nAllow: /\n".utf8))],
                                    fallback: serverError)
        let failingAll = FixtureServer(pages: [:], fallback: serverError)
        let huge = FixtureServer(pages: ["/": FixtureResponse(streamedBytes: 5_000_000)])
        let moved = FixtureServer(pages: [
            "/": .redirect(.movedPermanently, to: "/ru/"),
            "/ru/": .redirect(.found, to: "/ru/index.html"),
            "/ru/index.html": .html("<html lang=\"ru\"><head><title>Главная</title></head><body><h1>Главная</h1></body></html>"),
        ])
        let loop = FixtureServer(pages: ["/": .redirect(.found, to: "/a"), "/a": .redirect(.found, to: "/")])
        let servers = [blocked, failing, huge, moved, loop, failingAll]
        var bases: [String] = []
        for server in servers { bases.append(try await server.start()) }
        defer { servers.forEach { $0.stop() } }
        let silent = try SilentPort()
        let dead = try SilentPort.deadPort()
        var settings = AuditFixtures.settings()
        settings.maxPageBytes = 200_000
        let sites = [
            AuditSite(municipality: "blocked", url: bases[0] + "/"),
            AuditSite(municipality: "failing", url: bases[1] + "/"),
            AuditSite(municipality: "huge", url: bases[2] + "/"),
            AuditSite(municipality: "moved", url: bases[3] + "/"),
            AuditSite(municipality: "loop", url: bases[4] + "/"),
            AuditSite(municipality: "hanging", url: "http://127.0.0.1:\(silent.port)/"),
            AuditSite(municipality: "dead", url: "http://127.0.0.1:\(dead)/"),
            AuditSite(municipality: "none", url: ""),
            AuditSite(municipality: "failing-all", url: bases[5] + "/"),
        ]
        let started = ContinuousClock.now
        let audits = try await AuditFixtures.run(sites, settings: settings)
        #expect(ContinuousClock.now - started < .seconds(20))
        let byCode = Dictionary(uniqueKeysWithValues: audits.map { ($0.municipality, $0) })
        #expect(audits.map(\.municipality) == sites.map(\.municipality))

        let blockedAudit = try #require(byCode["blocked"])
        #expect(blockedAudit.problem == "disallowed by robots.txt")
        #expect(!blockedAudit.reachable)
        #expect(blocked.paths == ["/robots.txt"])

        let failingAudit = try #require(byCode["failing"])
        #expect(failingAudit.status == 500)
        #expect(!failingAudit.reachable)
        #expect(failingAudit.problem == "HTTP 500")

        let failingAllAudit = try #require(byCode["failing-all"])
        #expect(failingAllAudit.status == 500)
        #expect(failingAllAudit.problem == "robots.txt answered with a server error")
        #expect(failingAll.paths == ["/robots.txt"])

        let hugeAudit = try #require(byCode["huge"])
        #expect(hugeAudit.reachable)
        #expect(hugeAudit.title == "Huge")
        #expect(try #require(hugeAudit.pages.first).truncated)
        #expect(hugeAudit.indicator("light_page")?.value == 0)

        let movedAudit = try #require(byCode["moved"])
        let home = try #require(movedAudit.pages.first)
        #expect(home.redirects.map(\.status) == [301, 302])
        #expect(home.finalURL == bases[3] + "/ru/index.html")
        #expect(movedAudit.title == "Главная")
        #expect(movedAudit.indicator("reachable")?.evidence.first?.found.contains("301") == true)

        #expect(byCode["loop"]?.problem == "too many redirects")
        #expect(byCode["hanging"]?.problem == "timed out")
        #expect(byCode["dead"]?.problem == "connection failed")
        let none = try #require(byCode["none"])
        #expect(none.problem == "no website")
        #expect(none.score == 0)
        #expect(none.level == "low")
        for audit in audits where !audit.reachable { #expect(audit.score == 0, "\(audit.municipality)") }
    }

    @Test("one request per host every hostDelay seconds")
    func politeness() async throws {
        let server = FixtureServer(pages: FixtureSites.good())
        let base = try await server.start()
        defer { server.stop() }
        var settings = AuditFixtures.settings()
        settings.hostDelay = 0.15
        settings.maxPagesPerSite = 4
        _ = try await AuditFixtures.run([AuditSite(municipality: "x", url: base + "/")], settings: settings)
        let times = server.requests.withLock { $0.map(\.at) }
        let paths = server.paths
        // robots.txt, the home page, sitemap.xml and three pages (/kontakty redirects: two requests), sent 150 ms
        // apart. Arrival times jitter when the machine is loaded (other suites run alongside), so the span is checked.
        #expect(paths == ["/robots.txt", "/", "/sitemap.xml", "/kontakty", "/contacts", "/budget", "/services"])
        let first = try #require(times.first)
        let last = try #require(times.last)
        #expect(last - first >= .milliseconds(150 * (times.count - 1) - 100))
    }
}
