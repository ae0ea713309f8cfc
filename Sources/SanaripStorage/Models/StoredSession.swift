import Foundation

/// A web session's encoded data under its identifier, with the time it lapses.
public struct StoredSession: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var data: Data
    /// Nil for a session that never lapses.
    public var expiresAt: Date?

    public init(id: String, data: Data, expiresAt: Date?) {
        self.id = id
        self.data = data
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case id, data
        case expiresAt = "expires_at"
    }

    /// Whether the session has lapsed at `date`.
    public func isExpired(at date: Date) -> Bool {
        expiresAt.map { $0 <= date } ?? false
    }
}
