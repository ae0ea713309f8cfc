import Foundation
import SanaripStorage
import Testing
@testable import SanaripAudit

@Suite("Rounds in the store")
struct AuditRoundTests {
    @Test("an interrupted round resumes: finished municipalities are not crawled again; pages kept compressed")
    func resume() async throws {
        let good = FixtureServer(pages: FixtureSites.good())
        let poor = FixtureServer(pages: FixtureSites.poor())
        let goodBase = try await good.start()
        let poorBase = try await poor.start()
        defer { good.stop(); poor.stop() }
        let store = try SanaripDatabase.inMemory().stores.webAudits
        let runner = AuditRunner(settings: AuditFixtures.settings(),
                                 analyzer: SiteAnalyzer(eserviceDomains: try AuditFixtures.domains(), roundDate: AuditFixtures.roundDate),
                                 index: try AuditFixtures.index())
        let sites = [AuditSite(municipality: "good", url: goodBase + "/"), AuditSite(municipality: "poor", url: poorBase + "/")]

        // The round was interrupted after the poor site.
        let round = try await store.startRound(named: "r1", total: 2, settings: Data("{}".utf8), by: "test")
        let poorAudit = try #require(try await runner.run(AuditRunner.municipalities([sites[1]])).first)
        try await store.save(AuditRoundRecorder.result(poorAudit, roundID: round.id), snapshots: [])
        let requestsBefore = poor.paths.count

        let recorder = AuditRoundRecorder(store: store, runner: runner)
        let (finished, audits) = try await recorder.run(name: "r1", sites: sites, by: "test")
        #expect(finished.id == round.id)
        #expect(finished.finishedAt != nil)
        #expect(finished.done == 2)
        #expect(poor.paths.count == requestsBefore)
        #expect(audits.map(\.municipality) == ["good", "poor"])
        #expect(audits.last == poorAudit)

        let snapshots = try await store.snapshots(roundID: round.id, municipality: "good")
        #expect(snapshots.count == 8)
        let home = try #require(snapshots.first)
        #expect(home.url == goodBase + "/")
        let homeID = try #require(home.id)
        let stored = try #require(try await store.snapshot(id: homeID))
        let body = try #require(SnapshotCompression.decompress(stored.body, size: stored.bodyBytes))
        #expect(String(decoding: body, as: UTF8.self).contains("<title>Тамга айыл өкмөтү</title>"))
        #expect(stored.body.count < body.count)
        let headers = try JSONDecoder().decode([[String]].self, from: stored.headers)
        #expect(headers.contains(["content-type", "text/html; charset=utf-8"]))
    }
}
