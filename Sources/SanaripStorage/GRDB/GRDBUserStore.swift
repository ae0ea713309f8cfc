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

    public func memberships(userID: Int64) async throws -> Set<String> {
        try await writer.read { db in
            Set(try String.fetchAll(db, sql: "SELECT study_id FROM study_member WHERE user_id = ?", arguments: [userID]))
        }
    }

    public func addMembership(userID: Int64, studyID: String, by actor: String) async throws {
        try await writer.write { db in
            guard let user = try User.fetchOne(db, key: userID) else { throw StorageError.notFound("user \(userID)") }
            try db.execute(sql: "INSERT OR IGNORE INTO study_member (study_id, user_id) VALUES (?, ?)", arguments: [studyID, userID])
            guard db.changesCount > 0 else { return }
            try db.audit(.update, by: actor, objectType: "user", objectID: user.username, detail: ["study": studyID])
        }
    }

    /// What changed, without ever logging a password hash.
    static func changes(from old: User, to new: User) -> [String: String] {
        var detail: [String: String] = [:]
        if old.username != new.username { detail["username"] = new.username }
        if old.role != new.role { detail["role"] = new.role.rawValue }
        if old.disabled != new.disabled { detail["disabled"] = String(new.disabled) }
        if old.passwordHash != new.passwordHash { detail["password"] = "changed" }
        if old.mustChangePassword != new.mustChangePassword { detail["mustChangePassword"] = String(new.mustChangePassword) }
        return detail
    }
}
