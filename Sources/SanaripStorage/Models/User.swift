import Foundation
import SanaripCore

/// A person who may sign in to the workbench.
///
/// Only the password's bcrypt hash is kept; hashing and checking happen in the server layer.
public struct User: Sendable, Hashable, Codable, Identifiable {
    /// Assigned by the store on insert.
    public var id: Int64?
    public var username: String
    public var passwordHash: String
    public var role: Role
    public var createdAt: Date
    /// A disabled user keeps their history in the audit log but cannot sign in.
    public var disabled: Bool
    /// Set for a password someone else chose (the first admin's generated one): the next sign-in must change it.
    public var mustChangePassword: Bool
    /// Lower-case hex MD5 of `username:realm:password`, for HTTP Digest (ODK Collect over plain HTTP); nil for
    /// accounts whose password was last set before Digest existed.
    public var digestHA1: String?

    public init(
        id: Int64? = nil,
        username: String,
        passwordHash: String,
        role: Role,
        createdAt: Date = Date(),
        disabled: Bool = false,
        mustChangePassword: Bool = false,
        digestHA1: String? = nil
    ) {
        self.id = id
        self.username = username
        self.passwordHash = passwordHash
        self.role = role
        self.createdAt = createdAt
        self.disabled = disabled
        self.mustChangePassword = mustChangePassword
        self.digestHA1 = digestHA1
    }

    enum CodingKeys: String, CodingKey {
        case id, username
        case passwordHash = "password_hash"
        case role
        case createdAt = "created_at"
        case disabled
        case mustChangePassword = "must_change_password"
        case digestHA1 = "digest_ha1"
    }
}
