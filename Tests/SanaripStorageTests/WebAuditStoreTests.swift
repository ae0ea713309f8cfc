import Foundation
import Testing
@testable import SanaripStorage

@Suite("Web audit store")
struct WebAuditStoreTests {
    @Test("sites, a round resumed by name, results with snapshots, answers")
    func roundTrip() async throws {
        let store = try SanaripDatabase.inMemory().stores.webAudits
        try await store.replaceSites([WebAuditSite(municipality: "1", url: "http://a.kg", kind: "website"),
                                      WebAuditSite(municipality: "1", url: "https://t.me/a", kind: "telegram")], by: "admin")
        #expect(try await store.sites().map(\.url) == ["http://a.kg", "https://t.me/a"])
        await #expect(throws: StorageError.self) {
            try await store.replaceSites([WebAuditSite(municipality: "1", url: "x", kind: "website"),
                                          WebAuditSite(municipality: "1", url: "x", kind: "website")], by: "admin")
        }
        #expect(try await store.sites().count == 2)

        let round = try await store.startRound(named: "2026-12", total: 2, settings: Data("{}".utf8), by: "admin")
        let snapshot = WebAuditSnapshot(roundID: round.id, municipality: "1", url: "http://a.kg", finalURL: "http://a.kg/",
                                        status: 200, fetchedAt: Date(), headers: Data("[[\"content-type\",\"text/html\"]]".utf8),
                                        body: Data([1, 2, 3]), bodyBytes: 10)
        try await store.save(WebAuditResult(roundID: round.id, municipality: "1", score: 0.5, level: "high", audit: Data("{}".utf8),
                                            finishedAt: Date()), snapshots: [snapshot, snapshot])
        // Saving again replaces, never duplicates.
        try await store.save(WebAuditResult(roundID: round.id, municipality: "1", score: 0.6, level: "high", audit: Data("{}".utf8),
                                            finishedAt: Date()), snapshots: [snapshot])
        let resumed = try await store.startRound(named: "2026-12", total: 2, settings: Data("{}".utf8), by: "admin")
        #expect(resumed.id == round.id)
        #expect(resumed.done == 1)
        #expect(try await store.results(roundID: round.id).map(\.score) == [0.6])
        let listed = try await store.snapshots(roundID: round.id, municipality: "1")
        #expect(listed.count == 1 && listed.first?.body.isEmpty == true)
        let snapshotID = try #require(listed.first?.id)
        let stored = try #require(try await store.snapshot(id: snapshotID))
        #expect(stored.body == Data([1, 2, 3]))
        try await store.finishRound(id: round.id)
        await #expect(throws: StorageError.self) {
            try await store.startRound(named: "2026-12", total: 2, settings: Data("{}".utf8), by: "admin")
        }

        for reviewer in ["aida", "bakyt"] {
            try await store.saveAnswer(WebAuditAnswer(roundID: round.id, municipality: "1", indicator: "budget_current_year",
                                                      reviewer: reviewer, answer: reviewer == "aida" ? "yes" : "partly", note: "", answeredAt: Date()))
        }
        try await store.saveAnswer(WebAuditAnswer(roundID: round.id, municipality: "1", indicator: "budget_current_year",
                                                  reviewer: "aida", answer: "no", note: "2024 budget", answeredAt: Date()))
        let answers = try await store.answers(roundID: round.id, municipality: "1")
        #expect(answers.map(\.answer) == ["no", "partly"])
        #expect(answers.first?.note == "2024 budget")
    }
}
