import GRDB

extension SanaripDatabase {
    /// `v14.media-text`: near-duplicate articles (syndicated copies across outlets) — each article that has copies
    /// with its group (the group's first article), and per study the threshold and shingle size the groups were
    /// computed with.
    static func createMediaCopyTables(_ db: Database) throws {
        try db.create(table: "media_copy") { t in
            t.column("article_id", .integer).notNull().primaryKey().references("media_article", onDelete: .cascade)
            t.column("study_id", .text).notNull()
            t.column("group_id", .integer).notNull()
        }
        try db.create(index: "media_copy_on_group", on: "media_copy", columns: ["study_id", "group_id"])
        try db.create(table: "media_copy_grouping") { t in
            t.primaryKey { t.column("study_id", .text) }
            t.column("threshold", .double).notNull()
            t.column("shingle_size", .integer).notNull()
            t.column("articles", .integer).notNull()
            t.column("groups", .integer).notNull()
            t.column("copies", .integer).notNull()
            t.column("computed_at", .datetime).notNull()
            t.column("computed_by", .text).notNull()
        }
    }
}
