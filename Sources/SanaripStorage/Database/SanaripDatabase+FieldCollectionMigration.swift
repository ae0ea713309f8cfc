import GRDB

extension SanaripDatabase {
    /// `v4.field-collection`: published form versions and their media, collectors' tokens, submissions as
    /// received with their parsed answers (repeats as child rows) and their attachments.
    static func createFieldCollectionTables(_ db: Database) throws {
        try db.create(table: "form_version") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("form_id", .text).notNull()
            t.column("version", .text).notNull()
            t.column("title", .text).notNull()
            t.column("instrument_id", .text).notNull().indexed().references("instrument", onDelete: .restrict)
            t.column("xform", .blob).notNull()
            t.column("md5", .text).notNull()
            t.column("published_at", .datetime).notNull()
            t.column("published_by", .text).notNull()
            t.uniqueKey(["form_id", "version"])
        }
        try db.create(table: "form_media") { t in
            t.column("form_version_id", .integer).notNull().references("form_version", onDelete: .cascade)
            t.column("filename", .text).notNull()
            t.column("content_type", .text).notNull()
            t.column("size", .integer).notNull()
            t.column("md5", .text).notNull()
            t.column("path", .text).notNull()
            t.primaryKey(["form_version_id", "filename"])
        }
        try db.create(table: "collector") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull().unique().collate(.nocase)
            t.column("token_hash", .text).notNull().unique()
            t.column("created_at", .datetime).notNull()
            t.column("created_by", .text).notNull()
            t.column("revoked_at", .datetime)
        }
        try db.create(table: "submission") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("instance_id", .text).notNull().unique()
            t.column("deprecated_id", .text)
            t.column("root_instance_id", .text).notNull().indexed()
            t.column("is_current", .boolean).notNull()
            t.column("form_version_id", .integer).notNull().indexed().references("form_version", onDelete: .restrict)
            t.column("form_id", .text).notNull()
            t.column("version", .text).notNull()
            t.column("xml", .blob).notNull()
            t.column("xml_md5", .text).notNull()
            t.column("submitter", .text).notNull()
            t.column("collector_id", .integer).references("collector", onDelete: .setNull)
            t.column("device_id", .text)
            t.column("received_at", .datetime).notNull()
            t.column("review_state", .text).notNull()
                .check { ["received", "has_issues", "edited", "approved", "rejected"].contains($0) }
            t.column("problems", .jsonText).notNull()
        }
        try db.create(index: "submission_on_form_current", on: "submission", columns: ["form_id", "is_current", "id"])
        try db.create(table: "submission_row") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("submission_id", .integer).notNull().indexed().references("submission", onDelete: .cascade)
            t.column("parent_row_id", .integer).references("submission_row", onDelete: .cascade)
            t.column("repeat_path", .text).notNull()
            t.column("position", .integer).notNull()
        }
        try db.create(table: "submission_answer") { t in
            t.column("row_id", .integer).notNull().indexed().references("submission_row", onDelete: .cascade)
            t.column("path", .text).notNull()
            t.column("type", .text).notNull()
            t.column("value", .text).notNull()
            t.column("number", .double)
        }
        try db.create(table: "submission_attachment") { t in
            t.column("submission_id", .integer).notNull().references("submission", onDelete: .cascade)
            t.column("name", .text).notNull()
            t.column("is_present", .boolean).notNull()
            t.column("content_type", .text)
            t.column("size", .integer)
            t.column("md5", .text)
            t.column("path", .text)
            t.primaryKey(["submission_id", "name"])
        }
    }
}
