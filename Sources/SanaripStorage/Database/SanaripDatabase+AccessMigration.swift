import GRDB
import SanaripCore

extension SanaripDatabase {
    /// `v3.access`: roles become rows of a `role` table (no CHECK constraint, so later roles are one insert),
    /// users get `must_change_password`, study membership gets its table, and sessions record their user.
    ///
    /// Existing non-admin users become members of every existing study, so nobody loses what they could see.
    /// Existing sessions are dropped: their keys are now stored hashed, so everyone signs in again once.
    static func migrateAccess(_ db: Database) throws {
        try db.create(table: "role") { t in
            t.primaryKey("name", .text)
            t.column("position", .integer).notNull()
        }
        for (position, role) in Role.known.enumerated() {
            try db.execute(sql: "INSERT INTO role (name, position) VALUES (?, ?)", arguments: [role.rawValue, position])
        }
        try db.create(table: "user_v3") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("username", .text).notNull().unique().collate(.nocase)
            t.column("password_hash", .text).notNull()
            t.column("role", .text).notNull().indexed().references("role", column: "name", onDelete: .restrict, onUpdate: .cascade)
            t.column("created_at", .datetime).notNull()
            t.column("disabled", .boolean).notNull().defaults(to: false)
            t.column("must_change_password", .boolean).notNull().defaults(to: false)
        }
        try db.execute(sql: """
            INSERT INTO user_v3 (id, username, password_hash, role, created_at, disabled)
            SELECT id, username, password_hash, role, created_at, disabled FROM user
            """)
        try db.drop(table: "user")
        try db.rename(table: "user_v3", to: "user")
        try db.create(table: "study_member") { t in
            t.column("study_id", .text).notNull()
            t.column("user_id", .integer).notNull().indexed().references("user", onDelete: .cascade)
            t.primaryKey(["study_id", "user_id"])
        }
        try db.execute(sql: """
            INSERT INTO study_member (study_id, user_id)
            SELECT study.id, user.id FROM study, user WHERE user.role <> 'admin'
            """)
        try db.execute(sql: "DELETE FROM session")
        try db.alter(table: "session") { t in
            t.add(column: "user_id", .integer)
        }
        try db.create(index: "session_on_user_id", on: "session", columns: ["user_id"])
    }
}
