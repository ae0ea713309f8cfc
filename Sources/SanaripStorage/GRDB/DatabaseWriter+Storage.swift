import GRDB

extension DatabaseWriter {
    /// Runs `updates` in a transaction, turning broken unique constraints into ``StorageError/conflict(_:)``.
    func write<T: Sendable>(
        conflict: String,
        _ updates: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        do {
            return try await write(updates)
        } catch let error as DatabaseError
            where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
            || error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY
        {
            throw StorageError.conflict(conflict)
        }
    }
}

extension Database {
    /// Appends an audit entry in the current transaction, so a change and its log line stand or fall together.
    func audit(
        _ action: AuditAction,
        by actor: String,
        objectType: String,
        objectID: String,
        detail: [String: String] = [:]
    ) throws {
        var entry = AuditEntry(user: actor, action: action, objectType: objectType, objectID: objectID, detail: detail)
        try entry.insert(self)
    }
}
