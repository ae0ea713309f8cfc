import Foundation

/// A data collector's device: ODK Collect reaches the server at `/key/TOKEN/` with a token only it was given.
///
/// Only the token's SHA-256 is kept, so a copy of the database does not let anyone submit.
public struct Collector: Sendable, Hashable, Codable, Identifiable {
    /// Assigned by the store on insert.
    public var id: Int64?
    public var name: String
    /// Lower-case hex SHA-256 of the token.
    public var tokenHash: String
    public var createdAt: Date
    public var createdBy: String
    /// When set, the token no longer opens anything.
    public var revokedAt: Date?
    /// The study whose forms the key sees; nil for every study's.
    public var studyID: String?

    public init(
        id: Int64? = nil,
        name: String,
        tokenHash: String,
        createdAt: Date = Date(),
        createdBy: String,
        revokedAt: Date? = nil,
        studyID: String? = nil
    ) {
        self.id = id
        self.name = name
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.revokedAt = revokedAt
        self.studyID = studyID
    }

    /// True until the collector is revoked.
    public var isActive: Bool { revokedAt == nil }

    enum CodingKeys: String, CodingKey {
        case id, name
        case tokenHash = "token_hash"
        case createdAt = "created_at"
        case createdBy = "created_by"
        case revokedAt = "revoked_at"
        case studyID = "study_id"
    }
}
