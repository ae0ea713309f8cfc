import GRDB

/// ``UserStore`` on SQLite. Usernames are unique without regard to case.
public struct GRDBUserStore: UserStore {
    let writer: any DatabaseWriter

    public init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    public func users() async throws -> [User] {
        try await writer.read { db in try User.order(User.Columns.username).fetchAll(db) }
    }

    public func user(id: Int64) async throws -> User? {
        try await writer.read { db in try User.fetchOne(db, key: id) }
    }

    public func user(username: String) async throws -> User? {
        try await writer.read { db in try User.filter(User.Columns.username == username).fetchOne(db) }
    }

    public func userCount() async throws -> Int {
        try await writer.read { db in try User.fetchCount(db) }
    }

    @discardableResult
    public func insert(_ user: User, by actor: String) async throws -> User {
        try await writer.write(conflict: "user \(user.username) exists") { db in
            var user = user
            try user.insert(db)
            try db.audit(
                .create, by: actor, objectType: "user", objectID: user.username, detail: ["role": user.role.rawValue]
            )
            return user
        }
    }

    public func update(_ user: User, by actor: String) async throws {
        try await writer.write(conflict: "user \(user.username) exists") { db in
            guard let id = user.id, let old = try User.fetchOne(db, key: id) else {
                throw StorageError.notFound("user \(user.username)")
            }
            try user.update(db)
            try db.audit(.update, by: actor, objectType: "user", objectID: user.username, detail: Self.changes(from: old, to: user))
        }
    }

    /// What changed, without ever logging a password hash.
    static func changes(from old: User, to new: User) -> [String: String] {
        var detail: [String: String] = [:]
        if old.username != new.username { detail["username"] = new.username }
        if old.role != new.role { detail["role"] = new.role.rawValue }
        if old.disabled != new.disabled { detail["disabled"] = String(new.disabled) }
        if old.passwordHash != new.passwordHash { detail["password"] = "changed" }
        return detail
    }
}
