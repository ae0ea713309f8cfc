/// The append-only record of who changed what. Stores log their own changes; this adds other events, such as sign-ins.
public protocol AuditLogStore: Sendable {
    func record(_ entry: AuditEntry) async throws
    /// The newest entries first.
    func entries(limit: Int) async throws -> [AuditEntry]
    /// The entries about one object, oldest first.
    func entries(objectType: String, objectID: String) async throws -> [AuditEntry]
}
