import Foundation
import GRDB
import SanaripCore
import Testing

@testable import SanaripStorage

@Suite("Migrations")
struct MigrationTests {
    @Test("a fresh database gets every migration and every table")
    func freshDatabase() async throws {
        let database = try SanaripDatabase.inMemory()
        #expect(try await database.appliedMigrations() == ["v1.core", "v1.sessions", "v2.sampling-plans", "v3.field-collection"])
        let tables = try await database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb_%' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        }
        #expect(tables == [
            "audit_log", "collector", "form_media", "form_version", "instrument", "sampling_plan", "sampling_plan_unit", "session",
            "study", "submission", "submission_answer", "submission_attachment", "submission_row", "user",
        ])
    }

    @Test("re-opening a database on disk keeps its data and applies nothing twice")
    func reopenedDatabase() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sanarip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }

        do {
            let database = try SanaripDatabase.open(directory: directory)
            try await database.stores.studies.save(Fixtures.study, by: "tester")
            let journalMode = try await database.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            #expect(journalMode == "wal")
        }
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("sanarip.sqlite").path))

        let reopened = try SanaripDatabase.open(directory: directory)
        #expect(try await reopened.appliedMigrations() == ["v1.core", "v1.sessions", "v2.sampling-plans", "v3.field-collection"])
        let study = try await reopened.stores.studies.study(id: Fixtures.study.id)
        #expect(study?.title.text(code: "ru") == "Цифровой разрыв")
    }

    @Test("the health check answers")
    func health() async throws {
        try await SanaripDatabase.inMemory().checkHealth()
    }
}
