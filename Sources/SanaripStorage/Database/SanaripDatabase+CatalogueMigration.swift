import GRDB

extension SanaripDatabase {
    /// `v8.catalogue`: each study's catalogue entries (courses, providers, e-services, legal acts, initiatives) and
    /// their full-text index (FTS5, `unicode61` without removing diacritics, so Kyrgyz ң ө ү stay distinct letters);
    /// the monitoring datasets (official and manual series, the event log), each stored whole as imported.
    static func createCatalogueTables(_ db: Database) throws {
        try db.create(table: "catalogue_entry") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("study_id", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("entry_id", .text).notNull()
            t.column("fields", .jsonText).notNull()
            t.column("search_text", .text).notNull()
            t.column("review_state", .text).notNull().defaults(to: "draft")
            t.column("demo", .boolean).notNull().defaults(to: false)
            t.column("created_at", .datetime).notNull()
            t.column("updated_at", .datetime).notNull()
            t.column("updated_by", .text).notNull()
            t.uniqueKey(["study_id", "kind", "entry_id"])
        }
        try db.execute(sql: "CREATE VIRTUAL TABLE catalogue_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 0')")
        try db.create(table: "catalogue_dataset") { t in
            t.column("study_id", .text).notNull()
            t.column("kind", .text).notNull().check { ["series", "events"].contains($0) }
            t.column("name", .text).notNull()
            t.column("file_name", .text).notNull()
            t.column("data", .blob).notNull()
            t.column("count", .integer).notNull()
            t.column("updated_at", .datetime).notNull()
            t.column("updated_by", .text).notNull()
            t.primaryKey(["study_id", "kind", "name"])
        }
    }
}
