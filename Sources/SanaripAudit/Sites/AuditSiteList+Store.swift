import SanaripInstrument
import SanaripStorage

extension AuditSiteList {
    /// The sites in CSV text (any delimiter), as pasted on the sites page; problems name `file`, row and column.
    public static func sites(csv: String, file: String) throws(AuditError) -> [AuditSite] {
        let rows: [[String]]
        do { rows = try CSVCodec(delimiter: CSVCodec.detectDelimiter(in: csv)).records(in: csv) } catch {
            throw AuditError("\(file): \(error)")
        }
        return try sites(rows: rows, file: file)
    }

    /// Replaces the study's sites list in `store` with `sites`: the one import behind the sites page and
    /// `sanarip audit sites import`.
    public static func save(_ sites: [AuditSite], to store: any WebAuditStore, by actor: String) async throws {
        try await store.replaceSites(sites.map { WebAuditSite(municipality: $0.municipality, url: $0.url, kind: $0.kind.rawValue) },
                                     by: actor)
    }
}
