import Foundation

/// One line of the audit log: who did what to which object, and when.
public struct AuditEntry: Sendable, Hashable, Codable, Identifiable {
    /// Assigned by the store on insert.
    public var id: Int64?
    public var at: Date
    /// The username of whoever acted, or ``AuditEntry/system`` for start-up work.
    public var user: String
    public var action: AuditAction
    public var objectType: String?
    public var objectID: String?
    /// Facts worth keeping about the change, such as a new role or a form version.
    public var detail: [String: String]

    /// The actor recorded for changes the workbench makes by itself, such as loading built-in instruments.
    public static let system = "system"

    public init(
        id: Int64? = nil,
        at: Date = Date(),
        user: String,
        action: AuditAction,
        objectType: String? = nil,
        objectID: String? = nil,
        detail: [String: String] = [:]
    ) {
        self.id = id
        self.at = at
        self.user = user
        self.action = action
        self.objectType = objectType
        self.objectID = objectID
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case id, at, user, action
        case objectType = "object_type"
        case objectID = "object_id"
        case detail
    }
}

/// The kind of event an ``AuditEntry`` records; open so later layers can add their own.
public struct AuditAction: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static let create: AuditAction = "create"
    public static let update: AuditAction = "update"
    public static let delete: AuditAction = "delete"
    public static let login: AuditAction = "login"
    public static let loginFailed: AuditAction = "login.failed"
    public static let logout: AuditAction = "logout"
    /// Respondents' answers were exported (format and whether sensitive questions were included in the detail).
    public static let export: AuditAction = "export"
}
