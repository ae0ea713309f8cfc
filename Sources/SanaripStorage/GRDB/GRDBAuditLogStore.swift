import GRDB

/// ``AuditLogStore`` on SQLite.
public struct GRDBAuditLogStore: AuditLogStore {
    let writer: any DatabaseWriter

    public init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    public func record(_ entry: AuditEntry) async throws {
        try await writer.write { db in
            var entry = entry
            try entry.insert(db)
        }
    }

    public func entries(limit: Int) async throws -> [AuditEntry] {
        try await writer.read { db in
            try AuditEntry.order(AuditEntry.Columns.id.desc).limit(limit).fetchAll(db)
        }
    }

    public func entries(objectType: String, objectID: String) async throws -> [AuditEntry] {
        try await writer.read { db in
            try AuditEntry
                .filter(AuditEntry.Columns.objectType == objectType && AuditEntry.Columns.objectID == objectID)
                .order(AuditEntry.Columns.id)
                .fetchAll(db)
        }
    }
}
