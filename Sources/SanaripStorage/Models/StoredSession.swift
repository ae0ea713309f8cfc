import Foundation

/// A web session's encoded data under its key, with the time it lapses and whose it is.
///
/// The key is a hash of the identifier in the browser's cookie (the server hashes it), so a copy of the
/// database does not hand out live sessions.
public struct StoredSession: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var data: Data
    /// Nil for a session that never lapses.
    public var expiresAt: Date?
    /// The signed-in user, so that a password change can end their other sessions; nil before signing in.
    public var userID: Int64?

    public init(id: String, data: Data, expiresAt: Date?, userID: Int64? = nil) {
        self.id = id
        self.data = data
        self.expiresAt = expiresAt
        self.userID = userID
    }

    enum CodingKeys: String, CodingKey {
        case id, data
        case expiresAt = "expires_at"
        case userID = "user_id"
    }

    /// Whether the session has lapsed at `date`.
    public func isExpired(at date: Date) -> Bool {
        expiresAt.map { $0 <= date } ?? false
    }
}
