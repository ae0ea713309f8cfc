import Foundation
import Hummingbird
import SanaripAnalysis
import SanaripAudit

/// The web audit's study files: the index (`audit/index.csv`), the e-service domains and the municipal frame,
/// found beside the instruments (`instruments/digital-divide-kg/audit/`, `data/frames/`).
struct WebAuditFiles: Sendable {
    let auditFolder: URL
    let frameFolder: URL

    init(instrumentsDirectory: URL?) {
        let instruments = instrumentsDirectory ?? URL(fileURLWithPath: "instruments")
        auditFolder = instruments.appendingPathComponent("digital-divide-kg/audit")
        frameFolder = instruments.deletingLastPathComponent().appendingPathComponent("data/frames")
    }

    func index() throws -> AuditIndex {
        do { return try AuditIndex(contentsOf: auditFolder.appendingPathComponent("index.csv")) } catch {
            throw HTTPError(.internalServerError, message: error.description)
        }
    }

    /// The frame, or nil when its files are not there (pages then show SOATE codes).
    func frame() -> MunicipalFrame? {
        try? MunicipalFrame(folder: frameFolder)
    }

    /// `data/official/oblasts.geojson`, for the map of levels.
    func oblasts() -> Data? {
        try? Data(contentsOf: frameFolder.deletingLastPathComponent().appendingPathComponent("official/oblasts.geojson"))
    }

    /// `data/geo/districts.geojson`, for the map by district; nil when it is not there.
    func districts() -> DistrictBoundaries? {
        try? DistrictBoundaries(contentsOf: frameFolder.deletingLastPathComponent().appendingPathComponent("geo/districts.geojson"))
    }

    func runner() throws -> AuditRunner {
        let domains = (try? String(contentsOf: auditFolder.appendingPathComponent("eservice-domains.txt"), encoding: .utf8)) ?? ""
        return AuditRunner(settings: CrawlSettings(), analyzer: SiteAnalyzer(eserviceDomains: SiteAnalyzer.domains(in: domains)), index: try index())
    }
}
