import GRDB

extension SanaripDatabase {
    /// `v2.sampling-plans`: selected samples and their units, the targets of fieldwork.
    ///
    /// The study is not a foreign key: a plan may be imported before the workbench first starts and creates its study.
    static func createSamplingPlanTables(_ db: Database) throws {
        try db.create(table: "sampling_plan") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("study_id", .text).notNull().indexed()
            t.column("name", .text).notNull()
            t.column("method", .text).notNull()
            t.column("seed", .text).notNull()
            t.column("size_column", .text)
            t.column("strata_column", .text)
            t.column("sample_size", .text).notNull()
            t.column("interviews_per_unit", .integer)
            t.column("frame_columns", .jsonText).notNull()
            t.column("strata", .jsonText).notNull()
            t.column("created_at", .datetime).notNull()
            t.column("created_by", .text).notNull()
            t.column("source_file", .text).notNull()
            t.uniqueKey(["study_id", "name"])
        }
        try db.create(table: "sampling_plan_unit") { t in
            t.column("plan_id", .integer).notNull().references("sampling_plan", onDelete: .cascade)
            t.column("position", .integer).notNull()
            t.column("stratum", .text).notNull()
            t.column("unit_id", .text).notNull()
            t.column("unit_name", .text).notNull()
            t.column("columns", .jsonText).notNull()
            t.column("size", .double)
            t.column("pi", .double).notNull().check { $0 > 0 && $0 <= 1 }
            t.column("certainty", .boolean).notNull()
            t.column("reserve", .boolean).notNull()
            t.column("selection_order", .integer).notNull()
            t.column("expected_interviews", .integer).notNull()
            t.primaryKey(["plan_id", "position"])
        }
    }
}
