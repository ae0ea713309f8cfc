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
        #expect(try await database.appliedMigrations() == ["v1.core", "v1.sessions", "v2.sampling-plans", "v3.access", "v4.field-collection", "v5.review", "v6.collect", "v7.analysis", "v8.catalogue", "v9.audit", "v10.qualitative", "v11.collect", "v12.qualitative", "v13.media", "v14.media-text", "v15.media-frames"])
        let tables = try await database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb_%' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        }
        #expect(tables == [
            "analysis_weight", "audit_log", "catalogue_dataset", "catalogue_entry", "catalogue_search", "catalogue_search_config", "catalogue_search_content", "catalogue_search_data", "catalogue_search_docsize", "catalogue_search_idx", "collector", "entry_draft", "form_media", "form_version", "instrument", "interviewer_assignment", "media_article", "media_copy", "media_copy_grouping", "media_fetch", "media_frame_dictionary", "media_source", "qual_code", "qual_code_memo", "qual_coder", "qual_coding", "qual_participant", "qual_project", "qual_session", "qual_transcript", "role", "sampling_plan", "sampling_plan_unit", "session", "study", "study_analysis", "study_member", "submission", "submission_answer", "submission_attachment", "submission_comment", "submission_row", "user", "web_audit_answer", "web_audit_result", "web_audit_round", "web_audit_site", "web_audit_snapshot",
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
        #expect(try await reopened.appliedMigrations() == ["v1.core", "v1.sessions", "v2.sampling-plans", "v3.access", "v4.field-collection", "v5.review", "v6.collect", "v7.analysis", "v8.catalogue", "v9.audit", "v10.qualitative", "v11.collect", "v12.qualitative", "v13.media", "v14.media-text", "v15.media-frames"])
        let study = try await reopened.stores.studies.study(id: Fixtures.study.id)
        #expect(study?.title.text(code: "ru") == "Цифровой разрыв")
    }

    @Test("v6.collect gives users a Digest hash column (empty for existing accounts) and collectors a study")
    func collectColumns() async throws {
        let database = try SanaripDatabase.inMemory()
        let columns = try await database.writer.read { db in
            (try db.columns(in: "user").map(\.name), try db.columns(in: "collector").map(\.name))
        }
        #expect(columns.0.contains("digest_ha1") && columns.1.contains("study_id"))
        let stores = database.stores
        let eldar = try await stores.users.insert(Fixtures.user("eldar", role: .interviewer), by: "test")
        #expect(try await stores.users.user(id: try #require(eldar.id))?.digestHA1 == nil)
    }

    @Test("v11.collect packs the answers of rows stored before it, in the order written, and marks nothing encrypted")
    func collectExportPacksEarlierAnswers() async throws {
        let queue = try DatabaseQueue()
        try SanaripDatabase.migrator.migrate(queue, upTo: "v7.analysis")
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO study (id, title, summary, regions, created_at, updated_at) VALUES ('s1', '{}', '{}', '[]', '2026-01-01', '2026-01-01')")
            try db.execute(sql: """
                INSERT INTO instrument (id, study_id, form_id, version, title, languages, question_count, section_count, sections, source, xform, created_at, updated_at)
                VALUES ('i1', 's1', 'hh', '1', 'HH', '[]', 0, 0, '[]', '{}', '', '2026-01-01', '2026-01-01')
                """)
            try db.execute(sql: "INSERT INTO form_version (id, form_id, version, title, instrument_id, xform, md5, published_at, published_by) VALUES (1, 'hh', '1', 'HH', 'i1', x'00', '', '2026-01-01', 'aida')")
            try db.execute(sql: """
                INSERT INTO submission (id, instance_id, root_instance_id, is_current, form_version_id, form_id, version, xml, xml_md5,
                    submitter, received_at, review_state, problems)
                VALUES (1, 'uuid:1', 'uuid:1', 1, 1, 'hh', '1', x'3c612f3e', '', 'aida', '2026-12-04 10:00:00.000', 'received', '[]')
                """)
            try db.execute(sql: "INSERT INTO submission_row (id, submission_id, parent_row_id, repeat_path, position) VALUES (1, 1, NULL, '', 1), (2, 1, 1, 'member', 1), (3, 1, 1, 'member', 2)")
            try db.execute(sql: """
                INSERT INTO submission_answer (row_id, path, type, value, number) VALUES
                (1, 'household/size', 'integer', '4', 4), (2, 'member/name', 'text', 'Айгүл, "Ака"', NULL), (1, 'apps', 'select_multiple apps', 'whatsapp telegram', NULL)
                """)
        }
        let database = try SanaripDatabase(writer: queue)
        let records = try await database.stores.submissions.currentSubmissions(formID: "hh", after: nil, limit: 10)
        let record = try #require(records.first)
        #expect(record.rows.map { $0.answers.pairs.map(\.path) } == [["household/size", "apps"], ["member/name"], []])
        #expect(record.rows.map { $0.answers.pairs.map(\.text) } == [["4", "whatsapp telegram"], ["Айгүл, \"Ака\""], []])
        #expect(record.rows.map(\.parent) == [nil, 0, 0] && record.encrypted == false)
        #expect(record.submissionDate == "2026-12-04T10:00:00.000Z")
    }

    @Test("roles are rows of the role table: a new one is an insert, an unknown one is refused by the foreign key")
    func rolesTable() async throws {
        let database = try SanaripDatabase.inMemory()
        let roles = try await database.writer.read { db in try String.fetchAll(db, sql: "SELECT name FROM role ORDER BY position") }
        #expect(roles == Role.known.map(\.rawValue))
        let stores = database.stores
        await #expect(throws: (any Error).self) {
            try await stores.users.insert(Fixtures.user("eldar", role: Role(rawValue: "auditor")), by: "test")
        }
        try await database.writer.write { db in try db.execute(sql: "INSERT INTO role (name, position) VALUES ('auditor', 9)") }
        let eldar = try await stores.users.insert(Fixtures.user("eldar", role: Role(rawValue: "auditor")), by: "test")
        #expect(try await stores.users.user(id: try #require(eldar.id))?.role.rawValue == "auditor")
        let schema = try await database.writer.read { db in try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'user'") }
        #expect(try #require(schema).uppercased().contains("CHECK") == false)
    }

    @Test("v3.access keeps v2 users and their roles, makes non-admins members of every study and drops old sessions")
    func accessMigrationFromV2() async throws {
        let queue = try DatabaseQueue()
        try SanaripDatabase.migrator.migrate(queue, upTo: "v2.sampling-plans")
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO study (id, title, summary, regions, created_at, updated_at) VALUES ('s1', '{}', '{}', '[]', '2026-01-01', '2026-01-01')")
            try db.execute(sql: "INSERT INTO user (username, password_hash, role, created_at) VALUES ('aida', 'h1', 'admin', '2026-01-01'), ('bakyt', 'h2', 'viewer', '2026-01-02')")
            try db.execute(sql: "INSERT INTO session (id, data, expires_at) VALUES ('raw-cookie-id', x'7b7d', NULL)")
        }
        let database = try SanaripDatabase(writer: queue)
        let users = try await database.stores.users.users()
        #expect(users.map(\.username) == ["aida", "bakyt"])
        #expect(users.map(\.role) == [.admin, .viewer])
        #expect(users.allSatisfy { !$0.mustChangePassword })
        let bakyt = try #require(users.last?.id)
        #expect(try await database.stores.users.memberships(userID: bakyt) == ["s1"])
        #expect(try await database.stores.users.memberships(userID: try #require(users.first?.id)).isEmpty)
        #expect(try await database.stores.sessions.session(id: "raw-cookie-id", at: Date()) == nil)
    }

    @Test("the health check answers")
    func health() async throws {
        try await SanaripDatabase.inMemory().checkHealth()
    }
}
