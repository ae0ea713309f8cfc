import GRDB

extension SanaripDatabase {
    /// `v9.audit`: the municipal web audit — sites list, rounds, results (the audit as JSON), page snapshots
    /// (compressed bodies with their headers) and reviewers' checklist answers.
    static func createWebAuditTables(_ db: Database) throws {
        try db.create(table: "web_audit_site") { t in
            t.column("position", .integer).notNull()
            t.column("municipality", .text).notNull().indexed()
            t.column("url", .text).notNull()
            t.column("kind", .text).notNull()
            t.primaryKey(["municipality", "url"])
        }
        try db.create(table: "web_audit_round") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull().unique()
            t.column("started_at", .datetime).notNull()
            t.column("finished_at", .datetime)
            t.column("total", .integer).notNull()
            t.column("settings", .jsonText).notNull()
            t.column("started_by", .text).notNull()
        }
        try db.create(table: "web_audit_result") { t in
            t.column("round_id", .integer).notNull().references("web_audit_round", onDelete: .cascade)
            t.column("municipality", .text).notNull()
            t.column("score", .double).notNull()
            t.column("level", .text).notNull()
            t.column("audit", .jsonText).notNull()
            t.column("finished_at", .datetime).notNull()
            t.primaryKey(["round_id", "municipality"])
        }
        try db.create(table: "web_audit_snapshot") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("round_id", .integer).notNull().references("web_audit_round", onDelete: .cascade)
            t.column("municipality", .text).notNull()
            t.column("url", .text).notNull()
            t.column("final_url", .text).notNull()
            t.column("status", .integer).notNull()
            t.column("fetched_at", .datetime).notNull()
            t.column("headers", .jsonText).notNull()
            t.column("body", .blob).notNull()
            t.column("body_bytes", .integer).notNull()
        }
        try db.create(index: "web_audit_snapshot_on_round", on: "web_audit_snapshot", columns: ["round_id", "municipality"])
        try db.create(table: "web_audit_answer") { t in
            t.column("round_id", .integer).notNull().references("web_audit_round", onDelete: .cascade)
            t.column("municipality", .text).notNull()
            t.column("indicator", .text).notNull()
            t.column("reviewer", .text).notNull()
            t.column("answer", .text).notNull().check { ["yes", "partly", "no"].contains($0) }
            t.column("note", .text).notNull()
            t.column("answered_at", .datetime).notNull()
            t.primaryKey(["round_id", "municipality", "indicator", "reviewer"])
        }
    }
}
