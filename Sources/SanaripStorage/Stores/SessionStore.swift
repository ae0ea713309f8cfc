import Foundation

/// Web sessions, kept in the database so that signing in survives a restart.
public protocol SessionStore: Sendable {
    /// Adds a session; throws ``StorageError/conflict(_:)`` when the identifier is taken.
    func insert(_ session: StoredSession) async throws
    /// Adds or replaces a session.
    func save(_ session: StoredSession) async throws
    /// The session, unless it is missing or lapsed at `date`.
    func session(id: String, at date: Date) async throws -> StoredSession?
    func delete(id: String) async throws
    /// Removes sessions lapsed at `date` and says how many.
    @discardableResult
    func deleteExpired(at date: Date) async throws -> Int
    /// Ends every session of the user except `keeping` (the key of the session that asked), and says how many.
    @discardableResult
    func deleteSessions(userID: Int64, keeping: String?) async throws -> Int
}
