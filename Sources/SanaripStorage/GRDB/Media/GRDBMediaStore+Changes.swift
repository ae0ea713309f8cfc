import GRDB

extension GRDBMediaStore {
    public func articlesVersion(study: String) async throws -> String {
        try await writer.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) AS last, COUNT(*) AS count FROM media_article WHERE study_id = ?", arguments: [study])
            return "\(row?["last"] as Int64? ?? 0)-\(row?["count"] as Int? ?? 0)"
        }
    }
}
