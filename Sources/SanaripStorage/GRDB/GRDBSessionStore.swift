import Foundation
import GRDB

/// ``SessionStore`` on SQLite.
public struct GRDBSessionStore: SessionStore {
    let writer: any DatabaseWriter

    public init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    public func insert(_ session: StoredSession) async throws {
        try await writer.write(conflict: "session exists") { db in try session.insert(db) }
    }

    public func save(_ session: StoredSession) async throws {
        try await writer.write { db in try session.save(db) }
    }

    public func session(id: String, at date: Date) async throws -> StoredSession? {
        let session = try await writer.read { db in try StoredSession.fetchOne(db, key: id) }
        return session.flatMap { $0.isExpired(at: date) ? nil : $0 }
    }

    public func delete(id: String) async throws {
        try await writer.write { db in _ = try StoredSession.deleteOne(db, key: id) }
    }

    @discardableResult
    public func deleteExpired(at date: Date) async throws -> Int {
        try await writer.write { db in
            try StoredSession.filter(StoredSession.Columns.expiresAt <= date).deleteAll(db)
        }
    }

    @discardableResult
    public func deleteSessions(userID: Int64, keeping: String?) async throws -> Int {
        try await writer.write { db in
            var sessions = StoredSession.filter(StoredSession.Columns.userID == userID)
            if let keeping { sessions = sessions.filter(StoredSession.Columns.id != keeping) }
            return try sessions.deleteAll(db)
        }
    }
}
