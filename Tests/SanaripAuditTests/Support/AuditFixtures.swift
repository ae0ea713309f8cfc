import Foundation
@testable import SanaripAudit

/// The shipped index and e-service domains, and a runner for the fixture sites.
enum AuditFixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let auditFolder = repository.appendingPathComponent("instruments/digital-divide-kg/audit")

    static func index() throws -> AuditIndex {
        try AuditIndex(contentsOf: auditFolder.appendingPathComponent("index.csv"))
    }

    static func domains() throws -> [String] {
        SiteAnalyzer.domains(in: try String(contentsOf: auditFolder.appendingPathComponent("eservice-domains.txt"), encoding: .utf8))
    }

    /// The day the fixture rounds are run on, so "recent" does not depend on today.
    static let roundDate = DateFinder.day(2026, 12, 4)!

    /// Settings for loopback: no delay, short timeouts.
    static func settings() -> CrawlSettings {
        var settings = CrawlSettings()
        settings.hostDelay = 0
        settings.connectTimeout = 2
        settings.readTimeout = 1
        settings.requestTimeout = 3
        settings.checkOtherScheme = false
        return settings
    }

    static func run(_ sites: [AuditSite], settings: CrawlSettings = settings()) async throws -> [SiteAudit] {
        let runner = AuditRunner(settings: settings, analyzer: SiteAnalyzer(eserviceDomains: try domains(), roundDate: roundDate),
                                 index: try index())
        return try await runner.run(AuditRunner.municipalities(sites))
    }
}
