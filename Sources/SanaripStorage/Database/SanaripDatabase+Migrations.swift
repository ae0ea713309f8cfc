import GRDB

extension SanaripDatabase {
    /// Named migrations, applied in order. Never edit one that has shipped: add the next.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1.core") { db in
            try db.create(table: "study") { t in
                t.primaryKey("id", .text)
                t.column("title", .jsonText).notNull()
                t.column("summary", .jsonText).notNull()
                t.column("regions", .jsonText).notNull()
                t.column("created_at", .datetime).notNull()
                t.column("updated_at", .datetime).notNull()
            }
            try db.create(table: "instrument") { t in
                t.primaryKey("id", .text)
                t.column("study_id", .text).notNull().indexed().references("study", onDelete: .restrict)
                t.column("form_id", .text).notNull()
                t.column("version", .text).notNull()
                t.column("title", .text).notNull()
                t.column("languages", .jsonText).notNull()
                t.column("question_count", .integer).notNull()
                t.column("section_count", .integer).notNull()
                t.column("sections", .jsonText).notNull()
                t.column("source", .jsonText).notNull()
                t.column("xform", .text).notNull()
                t.column("created_at", .datetime).notNull()
                t.column("updated_at", .datetime).notNull()
                t.uniqueKey(["form_id", "version"])
            }
            try db.create(table: "user") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("username", .text).notNull().unique().collate(.nocase)
                t.column("password_hash", .text).notNull()
                t.column("role", .text).notNull().check { ["admin", "researcher", "viewer"].contains($0) }
                t.column("created_at", .datetime).notNull()
                t.column("disabled", .boolean).notNull().defaults(to: false)
            }
            try db.create(table: "audit_log") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull().indexed()
                t.column("user", .text).notNull()
                t.column("action", .text).notNull()
                t.column("object_type", .text)
                t.column("object_id", .text)
                t.column("detail", .jsonText).notNull()
            }
            try db.create(index: "audit_log_on_object", on: "audit_log", columns: ["object_type", "object_id"])
        }
        migrator.registerMigration("v1.sessions") { db in
            try db.create(table: "session") { t in
                t.primaryKey("id", .text)
                t.column("data", .blob).notNull()
                t.column("expires_at", .datetime).indexed()
            }
        }
        migrator.registerMigration("v2.sampling-plans", migrate: createSamplingPlanTables)
        migrator.registerMigration("v3.access", migrate: migrateAccess)
        migrator.registerMigration("v4.field-collection", migrate: createFieldCollectionTables)
        migrator.registerMigration("v5.review", migrate: createReviewTables)
        migrator.registerMigration("v6.collect", migrate: migrateCollect)
        migrator.registerMigration("v7.analysis", migrate: createAnalysisTables)
        migrator.registerMigration("v8.catalogue", migrate: createCatalogueTables)
        migrator.registerMigration("v9.audit", migrate: createWebAuditTables)
        migrator.registerMigration("v10.qualitative", migrate: createQualitativeTables)
        migrator.registerMigration("v11.collect", migrate: migrateCollectExport)
        migrator.registerMigration("v12.qualitative", migrate: createQualitativeMemoTables)
        migrator.registerMigration("v13.media", migrate: createMediaTables)
        migrator.registerMigration("v14.media-text", migrate: createMediaCopyTables)
        migrator.registerMigration("v15.media-frames", migrate: createMediaFrameTables)
        return migrator
    }
}
