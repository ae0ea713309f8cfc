import GRDB

extension SanaripDatabase {
    /// `v10.qualitative`: focus-group projects of a study (issue 12). Participants' names and attributes and the
    /// transcripts are sensitive: they are read only through ``QualitativeStore``, behind the `viewTranscripts`
    /// permission, and every read for display or export is audit-logged by the caller.
    static func createQualitativeTables(_ db: Database) throws {
        try db.create(table: "qual_project") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("study_id", .text).notNull()
            t.column("name", .text).notNull()
            t.column("created_at", .datetime).notNull()
            t.column("updated_at", .datetime).notNull()
            t.uniqueKey(["study_id", "name"])
        }
        func child(_ name: String, _ body: (TableDefinition) -> Void) throws {
            try db.create(table: name) { t in
                t.column("project_id", .integer).notNull().references("qual_project", onDelete: .cascade)
                t.column("id", .text).notNull()
                t.column("position", .integer).notNull()
                body(t)
                t.primaryKey(["project_id", "id"])
            }
        }
        try child("qual_session") { t in t.column("data", .jsonText).notNull() }
        try child("qual_participant") { t in
            t.column("pseudonym", .text).notNull()
            t.column("name", .text).notNull()
            t.column("data", .jsonText).notNull()
        }
        try child("qual_transcript") { t in
            t.column("name", .text).notNull()
            t.column("text", .text).notNull()
            t.column("original_text", .text).notNull()
            t.column("data", .jsonText).notNull()
        }
        try child("qual_code") { t in
            t.column("key", .text).notNull()
            t.column("data", .jsonText).notNull()
        }
        try child("qual_coder") { t in t.column("name", .text).notNull() }
        try child("qual_coding") { t in
            t.column("transcript_id", .text).notNull()
            t.column("code_id", .text).notNull()
            t.column("coder_id", .text).notNull()
            t.column("start", .integer).notNull()
            t.column("end", .integer).notNull()
            t.column("memo", .text).notNull()
        }
        try db.create(index: "qual_coding_on_transcript", on: "qual_coding", columns: ["project_id", "transcript_id"])
    }
}
