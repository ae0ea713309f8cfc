import Foundation

/// A person who may sign in to the workbench.
///
/// Only the password's bcrypt hash is kept; hashing and checking happen in the server layer.
public struct User: Sendable, Hashable, Codable, Identifiable {
    /// Assigned by the store on insert.
    public var id: Int64?
    public var username: String
    public var passwordHash: String
    public var role: UserRole
    public var createdAt: Date
    /// A disabled user keeps their history in the audit log but cannot sign in.
    public var disabled: Bool

    public init(
        id: Int64? = nil,
        username: String,
        passwordHash: String,
        role: UserRole,
        createdAt: Date = Date(),
        disabled: Bool = false
    ) {
        self.id = id
        self.username = username
        self.passwordHash = passwordHash
        self.role = role
        self.createdAt = createdAt
        self.disabled = disabled
    }

    enum CodingKeys: String, CodingKey {
        case id, username
        case passwordHash = "password_hash"
        case role
        case createdAt = "created_at"
        case disabled
    }
}

/// What a user may do: viewers read, researchers also change studies and instruments, admins also manage users.
public enum UserRole: String, Sendable, Hashable, Codable, CaseIterable {
    case admin
    case researcher
    case viewer

    /// Whether the role may add, disable or change users.
    public var canManageUsers: Bool { self == .admin }

    /// Whether the role may change studies and instruments.
    public var canEditStudies: Bool { self != .viewer }
}
