import GRDB

extension SanaripDatabase {
    /// `v13.media`: media narratives (issue 12) — each study's outlets with their feeds, the articles collected from
    /// feeds, pages or imported archives (unique per study by their normalised URL; GUID and normalised title per
    /// outlet catch the rest), and the fetch rounds with their progress and problems.
    static func createMediaTables(_ db: Database) throws {
        try db.create(table: "media_source") { t in
            t.column("study_id", .text).notNull()
            t.column("key", .text).notNull()
            t.column("position", .integer).notNull()
            t.column("data", .jsonText).notNull()
            t.primaryKey(["study_id", "key"])
        }
        try db.create(table: "media_article") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("study_id", .text).notNull()
            t.column("source_key", .text).notNull()
            t.column("url", .text).notNull()
            t.column("url_key", .text).notNull()
            t.column("guid", .text).notNull()
            t.column("title", .text).notNull()
            t.column("title_key", .text).notNull()
            t.column("published_at", .datetime)
            t.column("language", .text).notNull()
            t.column("author", .text).notNull()
            t.column("text", .text).notNull()
            t.column("origin", .text).notNull()
            t.column("added_at", .datetime).notNull()
            t.uniqueKey(["study_id", "url_key"])
        }
        try db.create(index: "media_article_on_title", on: "media_article", columns: ["study_id", "source_key", "title_key"])
        try db.create(index: "media_article_on_guid", on: "media_article", columns: ["study_id", "source_key", "guid"])
        try db.create(index: "media_article_on_date", on: "media_article", columns: ["study_id", "published_at"])
        try db.create(table: "media_fetch") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("study_id", .text).notNull()
            t.column("name", .text).notNull()
            t.column("started_at", .datetime).notNull()
            t.column("finished_at", .datetime)
            t.column("feeds_total", .integer).notNull()
            t.column("feeds_done", .integer).notNull()
            t.column("added", .integer).notNull()
            t.column("duplicates", .integer).notNull()
            t.column("problems", .jsonText).notNull()
            t.column("started_by", .text).notNull()
            t.uniqueKey(["study_id", "name"])
        }
    }
}
