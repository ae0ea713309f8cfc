import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripAudit
import SanaripStorage
import Testing

@testable import SanaripServer

@Suite("Municipal web audit pages")
struct WebAuditPageTests {
    let app: TestApp
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let base = "/studies/\(BuiltInStudy.id)/audit"
    /// Karakol city in the frame.
    static let karakol = "41702410000010"

    init() throws {
        app = try TestApp()
    }

    /// A finished round with Karakol's audit (title, budget and https found) and its home page kept.
    func seed() async throws -> Int64 {
        let store = app.stores.webAudits
        try await store.replaceSites([WebAuditSite(municipality: Self.karakol, url: "http://karakol.example/", kind: "website")], by: "admin")
        let round = try await store.startRound(named: "2026-12", total: 1, settings: Data("{}".utf8), by: "admin")
        let index = try AuditIndex(contentsOf: Self.repository.appendingPathComponent("instruments/digital-divide-kg/audit/index.csv"))
        var audit = SiteAudit(municipality: Self.karakol, url: "http://karakol.example/")
        audit.reachable = true
        audit.status = 200
        audit.title = "Каракол шаары"
        audit.indicators = SiteAnalyzer.automatedIDs.sorted().map { id in
            IndicatorResult(id: id, value: ["title", "budget", "https"].contains(id) ? 1 : 0,
                            evidence: id == "budget" ? [Evidence(url: "http://karakol.example/budget", found: "<a href=\"/b.pdf\">Бюджет 2026</a>")] : [])
        }
        audit.score(with: index)
        let html = Data("<html><title>Каракол шаары</title></html>".utf8)
        try await store.save(
            WebAuditResult(roundID: round.id, municipality: Self.karakol, score: audit.score, level: audit.level,
                           audit: try JSONEncoder().encode(audit), finishedAt: Date()),
            snapshots: [WebAuditSnapshot(roundID: round.id, municipality: Self.karakol, url: audit.url, finalURL: audit.url, status: 200,
                                         fetchedAt: Date(), headers: try JSONEncoder().encode([["content-type", "text/html; charset=utf-8"]]),
                                         body: SnapshotCompression.compress(html), bodyBytes: html.count)])
        try await store.finishRound(id: round.id)
        return round.id
    }

    @Test("sites, ranking with names from the frame, evidence, checklist and κ, CSV/XLSX, snapshot, in three languages")
    func pages() async throws {
        let roundID = try await seed()
        let store = app.stores.webAudits
        try await app.test(configure: { $0.instrumentsDirectory = Self.repository.appendingPathComponent("instruments") }) { client in
            let browser = Browser(client)
            try await browser.logIn()
            let overview = try await browser.get(Self.base + "?lang=en")
            #expect(overview.status == .ok)
            #expect(overview.text.contains("Municipal web audit"))
            #expect(overview.text.contains("http://karakol.example/"))
            #expect(overview.text.contains("Karakol city"))
            #expect(try await browser.get(Self.base + "?lang=ru").text.contains("Аудит сайтов муниципалитетов"))
            #expect(try await browser.get(Self.base + "?lang=ky").text.contains("Муниципалитеттердин сайттарынын аудити"))

            let ranking = try await browser.get("\(Self.base)/rounds/\(roundID)?lang=en")
            #expect(ranking.status == .ok)
            #expect(ranking.text.contains("Karakol city"))
            #expect(ranking.text.contains("Issyk-Kul"))
            #expect(ranking.text.contains("No item has two reviewers"))
            // The map: every oblast outline; Issyk-Kul (Karakol's score) in its level's colour, Osh (no result) grey.
            #expect(ranking.text.components(separatedBy: "<path ").count - 1 >= 9)
            let results = try await store.results(roundID: roundID)
            let stored = try #require(results.first)
            let level = try #require(LOSILevel(rawValue: stored.level))
            let colour = try #require(AuditMap.colours[level])
            #expect(ranking.text.contains("fill=\"\(colour)\" stroke=\"#ffffff\" stroke-width=\"1\" data-oblast=\"Issyk-Kul\""))
            #expect(ranking.text.contains("fill=\"#e5e5e5\" stroke=\"#ffffff\" stroke-width=\"1\" data-oblast=\"Osh\""))

            let page = try await browser.get("\(Self.base)/rounds/\(roundID)/municipalities/\(Self.karakol)")
            #expect(page.status == .ok)
            #expect(page.text.contains("Бюджет 2026"))
            #expect(page.text.contains("name=\"answer_budget_current_year\""))

            // The admin answers the checklist; a second reviewer answered before. Their κ is shown.
            for (indicator, answer) in [("budget_current_year", "no"), ("council_meetings_announced", "yes"), ("egov_strategy", "no")] {
                try await store.saveAnswer(WebAuditAnswer(roundID: roundID, municipality: Self.karakol, indicator: indicator, reviewer: "bakyt",
                                                          answer: answer, note: "", answeredAt: Date()))
            }
            let token = try await browser.formToken()
            let saved = try await browser.post("\(Self.base)/rounds/\(roundID)/municipalities/\(Self.karakol)/checklist", form: [
                ("_csrf", token), ("answer_budget_current_year", "yes"), ("note_budget_current_year", "2026 budget"),
                ("answer_council_meetings_announced", "yes"), ("answer_egov_strategy", "no"),
            ])
            #expect(saved.status == .seeOther || saved.status == .found)
            let answers = try await store.answers(roundID: roundID, municipality: Self.karakol).filter { $0.reviewer == "admin" }
            #expect(answers.map(\.answer).sorted() == ["no", "yes", "yes"])
            #expect(answers.first { $0.indicator == "budget_current_year" }?.note == "2026 budget")
            let reviewed = try await browser.get("\(Self.base)/rounds/\(roundID)?lang=en")
            #expect(reviewed.text.contains("Disagreements to reconcile"))
            #expect(reviewed.text.contains("admin: yes · bakyt: no"))

            let csv = try await browser.get("\(Self.base)/rounds/\(roundID)/results.csv")
            #expect(csv.status == .ok)
            let lines = csv.text.split(separator: "\n")
            #expect(lines.first?.hasPrefix("municipality,url,reachable,status,https,languages,title,") == true)
            #expect(lines.first?.contains("name_en,oblast,district") == true)
            #expect(lines.count == 2 && lines.last?.contains("Karakol city") == true)
            let xlsx = try await browser.get("\(Self.base)/rounds/\(roundID)/results.xlsx")
            #expect(xlsx.status == .ok)
            #expect(xlsx.body.readableBytesView.starts(with: [0x50, 0x4B]))

            let snapshots = try await store.snapshots(roundID: roundID, municipality: Self.karakol)
            let snapshotID = try #require(snapshots.first?.id)
            let snapshot = try await browser.get("\(Self.base)/snapshots/\(snapshotID)")
            #expect(snapshot.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(snapshot.text.contains("<title>Каракол шаары</title>"))
        }
    }

    @Test("a researcher pastes the sites list and starts a round; it runs in the background and its page shows it")
    func startRound() async throws {
        let store = app.stores.webAudits
        try await app.test(configure: { $0.instrumentsDirectory = Self.repository.appendingPathComponent("instruments") }) { client in
            let browser = Browser(client)
            try await browser.logIn()
            var token = try await browser.formToken()
            let refused = try await browser.post(Self.base + "/sites?lang=en", form: [("_csrf", token), ("csv", "municipality,address\n1,x\n")])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("the header needs the columns municipality and url"))
            token = try await browser.formToken()
            let imported = try await browser.post(Self.base + "/sites", form: [
                ("_csrf", token), ("csv", "municipality,url,kind\n\(Self.karakol),http://127.0.0.1:1/,website\n41702420000010,,website\n"),
            ])
            #expect(imported.status == .seeOther || imported.status == .found)
            #expect(try await store.sites().map(\.municipality) == [Self.karakol, "41702420000010"])
            token = try await browser.formToken()
            let started = try await browser.post(Self.base + "/rounds", form: [("_csrf", token), ("name", "web-1")])
            #expect(started.status == .seeOther || started.status == .found)
            var round = try await store.round(named: "web-1")
            for _ in 0..<200 where round?.finishedAt == nil {
                try await Task.sleep(for: .milliseconds(100))
                round = try await store.round(named: "web-1")
            }
            let finished = try #require(round)
            #expect(finished.finishedAt != nil)
            #expect(finished.done == 2)
            let page = try await browser.get("\(Self.base)/rounds/\(finished.id)?lang=en")
            #expect(page.status == .ok)
            #expect(page.text.contains("connection failed"))
            #expect(page.text.contains("no website"))
        }
    }
}
