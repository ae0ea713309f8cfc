import GRDB

extension SanaripDatabase {
    /// `v15.media-frames`: each study's frame dictionaries as numbered versions (the CSV text, who saved it, when
    /// and a note), edited in the browser or uploaded; frames are computed with a chosen version, the latest by default.
    static func createMediaFrameTables(_ db: Database) throws {
        try db.create(table: "media_frame_dictionary") { t in
            t.column("study_id", .text).notNull()
            t.column("version", .integer).notNull()
            t.column("csv", .text).notNull()
            t.column("note", .text).notNull()
            t.column("saved_by", .text).notNull()
            t.column("saved_at", .datetime).notNull()
            t.primaryKey(["study_id", "version"])
        }
    }
}
