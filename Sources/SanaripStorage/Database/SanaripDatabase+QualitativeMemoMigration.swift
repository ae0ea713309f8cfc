import GRDB

extension SanaripDatabase {
    /// `v12.qualitative`: researchers' memos on codes (one per researcher and code); memos on coded segments stay in
    /// `qual_coding.memo`. Saved with the project by ``GRDBQualitativeStore``.
    static func createQualitativeMemoTables(_ db: Database) throws {
        try db.create(table: "qual_code_memo") { t in
            t.column("project_id", .integer).notNull().references("qual_project", onDelete: .cascade)
            t.column("id", .text).notNull()
            t.column("position", .integer).notNull()
            t.column("code_id", .text).notNull()
            t.column("author", .text).notNull()
            t.column("text", .text).notNull()
            t.column("updated_at", .datetime).notNull()
            t.primaryKey(["project_id", "id"])
        }
    }
}
