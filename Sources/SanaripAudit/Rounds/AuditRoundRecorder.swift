import Foundation
import SanaripStorage

/// Runs a round into the store: each municipality's result and its pages (compressed, with headers) saved as it
/// finishes, so an interrupted round resumes where it stopped (municipalities with a result are not crawled again).
public struct AuditRoundRecorder: Sendable {
    public let store: any WebAuditStore
    public let runner: AuditRunner

    public init(store: any WebAuditStore, runner: AuditRunner) {
        self.store = store
        self.runner = runner
    }

    /// Runs (or resumes) the round `name` over `sites`; `progress` gets each finished municipality with the count done.
    public func run(
        name: String,
        sites: [AuditSite],
        by actor: String,
        progress: @Sendable (SiteAudit, _ done: Int, _ total: Int) async -> Void = { _, _, _ in }
    ) async throws -> (round: WebAuditRound, audits: [SiteAudit]) {
        let municipalities = AuditRunner.municipalities(sites)
        let settings = try JSONEncoder().encode(runner.settings)
        let round = try await store.startRound(named: name, total: municipalities.count, settings: settings, by: actor)
        var earlier: [String: SiteAudit] = [:]
        for result in try await store.results(roundID: round.id) {
            earlier[result.municipality] = try JSONDecoder().decode(SiteAudit.self, from: result.audit)
        }
        let remaining = municipalities.filter { earlier[$0.code] == nil }
        let counter = Counter(done: earlier.count)
        let store = store
        let fresh = try await runner.run(remaining) { audit, crawl in
            try await store.save(Self.result(audit, roundID: round.id), snapshots: Self.snapshots(crawl, roundID: round.id))
            await progress(audit, await counter.increment(), municipalities.count)
        }
        try await store.finishRound(id: round.id)
        for audit in fresh { earlier[audit.municipality] = audit }
        let finished = try await store.round(id: round.id) ?? round
        return (finished, municipalities.compactMap { earlier[$0.code] })
    }

    static func result(_ audit: SiteAudit, roundID: Int64) throws -> WebAuditResult {
        WebAuditResult(roundID: roundID, municipality: audit.municipality, score: audit.score, level: audit.level,
                       audit: try JSONEncoder().encode(audit), finishedAt: Date())
    }

    static func snapshots(_ crawl: SiteCrawl, roundID: Int64) throws -> [WebAuditSnapshot] {
        try crawl.pages.filter { $0.fetched.status != 0 }.map { page in
            WebAuditSnapshot(roundID: roundID, municipality: crawl.site.municipality, url: page.fetched.url,
                             finalURL: page.fetched.finalURL, status: page.fetched.status, fetchedAt: page.fetched.fetchedAt,
                             headers: try JSONEncoder().encode(page.fetched.headers),
                             body: SnapshotCompression.compress(page.fetched.body), bodyBytes: page.fetched.body.count)
        }
    }

    private actor Counter {
        var done: Int
        init(done: Int) { self.done = done }
        func increment() -> Int {
            done += 1
            return done
        }
    }
}
