import GRDB

extension SanaripDatabase {
    /// `v5.review`: supervisors' comments on submissions (on the chain of edits, as ODK Central keeps them on the
    /// logical submission), interviewers assigned to the units of a sampling plan, and drafts of browser entry.
    static func createReviewTables(_ db: Database) throws {
        try db.create(table: "submission_comment") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("root_instance_id", .text).notNull().indexed()
            t.column("submission_id", .integer).notNull().references("submission", onDelete: .cascade)
            t.column("author", .text).notNull()
            t.column("body", .text).notNull()
            t.column("created_at", .datetime).notNull()
        }
        try db.create(table: "interviewer_assignment") { t in
            t.column("plan_id", .integer).notNull().references("sampling_plan", onDelete: .cascade)
            t.column("unit_id", .text).notNull()
            t.column("interviewer", .text).notNull()
            t.column("assigned_by", .text).notNull()
            t.column("assigned_at", .datetime).notNull()
            t.primaryKey(["plan_id", "unit_id", "interviewer"])
        }
        try db.create(table: "entry_draft") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("form_version_id", .integer).notNull().references("form_version", onDelete: .cascade)
            t.column("form_id", .text).notNull()
            t.column("author", .text).notNull().indexed()
            t.column("answers", .jsonText).notNull()
            t.column("page", .integer).notNull()
            t.column("created_at", .datetime).notNull()
            t.column("updated_at", .datetime).notNull()
        }
    }
}
