import GRDB

extension SanaripDatabase {
    /// `v7.analysis`: each study's analysis dataset (its form's submissions or an imported file), its design, and
    /// per-submission weights (from the sampling plan, raked to the frame's margins).
    static func createAnalysisTables(_ db: Database) throws {
        try db.create(table: "study_analysis") { t in
            t.primaryKey("study_id", .text)
            t.column("source", .text).notNull().check { ["submissions", "import"].contains($0) }
            t.column("form_id", .text)
            t.column("review_filter", .text).notNull().defaults(to: "all").check { ["all", "approved"].contains($0) }
            t.column("import_name", .text)
            t.column("import_data", .blob)
            t.column("design", .jsonText).notNull()
            t.column("plan_id", .integer)
            t.column("synthetic", .boolean).notNull().defaults(to: false)
            t.column("revision", .integer).notNull().defaults(to: 1)
            t.column("updated_at", .datetime).notNull()
            t.column("updated_by", .text).notNull()
        }
        try db.create(table: "analysis_weight") { t in
            t.column("study_id", .text).notNull().references("study_analysis", column: "study_id", onDelete: .cascade)
            t.column("instance_id", .text).notNull()
            t.column("base_weight", .double).notNull()
            t.column("weight", .double).notNull()
            t.primaryKey(["study_id", "instance_id"])
        }
    }
}
