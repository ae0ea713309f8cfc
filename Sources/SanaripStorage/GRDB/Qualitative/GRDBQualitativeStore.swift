import Foundation
import GRDB
import SanaripQualitative

/// ``QualitativeStore`` on SQLite: one row per object, the object's remaining fields as JSON.
public struct GRDBQualitativeStore: QualitativeStore {
    let writer: any DatabaseWriter

    public init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    public func projectNames(study: String) async throws -> [String] {
        try await writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM qual_project WHERE study_id = ? ORDER BY name", arguments: [study])
        }
    }

    public func project(study: String, name: String) async throws -> QualitativeProject? {
        try await writer.read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM qual_project WHERE study_id = ? AND name = ?", arguments: [study, name]) else {
                return nil
            }
            func rows(_ table: String) throws -> [Row] {
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE project_id = ? ORDER BY position", arguments: [id])
            }
            let decoder = JSONDecoder()
            func decode<T: Decodable>(_ type: T.Type, _ row: Row) throws -> T {
                try decoder.decode(type, from: Data((row["data"] as String).utf8))
            }
            var project = QualitativeProject(name: name)
            project.sessions = try rows("qual_session").map { try decode(FocusGroupSession.self, $0) }
            project.participants = try rows("qual_participant").map { try decode(Participant.self, $0) }
            project.transcripts = try rows("qual_transcript").map { row in
                var transcript = try decode(Transcript.self, row)
                transcript.text = row["text"]
                transcript.originalText = row["original_text"]
                return transcript
            }
            project.codebook = Codebook(codes: try rows("qual_code").map { try decode(Code.self, $0) })
            project.coders = try rows("qual_coder").map { row in Coder(id: UUID(uuidString: row["id"]) ?? UUID(), name: row["name"]) }
            project.codings = try rows("qual_coding").map { row in
                Coding(
                    id: UUID(uuidString: row["id"]) ?? UUID(), transcriptID: UUID(uuidString: row["transcript_id"]) ?? UUID(),
                    codeID: UUID(uuidString: row["code_id"]) ?? UUID(), coderID: UUID(uuidString: row["coder_id"]) ?? UUID(),
                    start: row["start"], end: row["end"], memo: row["memo"]
                )
            }
            project.memos = try rows("qual_code_memo").map { row in
                CodeMemo(id: UUID(uuidString: row["id"]) ?? UUID(), codeID: UUID(uuidString: row["code_id"]) ?? UUID(),
                         author: row["author"], text: row["text"], updatedAt: row["updated_at"])
            }
            return project
        }
    }

    private static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    public func save(_ project: QualitativeProject, study: String) async throws {
        try await writer.write { db in
            let now = Date()
            let id: Int64
            if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM qual_project WHERE study_id = ? AND name = ?", arguments: [study, project.name]) {
                id = existing
                for table in ["qual_code_memo", "qual_coding", "qual_coder", "qual_code", "qual_transcript", "qual_participant", "qual_session"] {
                    try db.execute(sql: "DELETE FROM \(table) WHERE project_id = ?", arguments: [id])
                }
                try db.execute(sql: "UPDATE qual_project SET updated_at = ? WHERE id = ?", arguments: [now, id])
            } else {
                try db.execute(sql: "INSERT INTO qual_project (study_id, name, created_at, updated_at) VALUES (?, ?, ?, ?)", arguments: [study, project.name, now, now])
                id = db.lastInsertedRowID
            }
            for (position, session) in project.sessions.enumerated() {
                try db.execute(sql: "INSERT INTO qual_session (project_id, id, position, data) VALUES (?, ?, ?, ?)", arguments: [id, session.id.uuidString, position, try Self.json(session)])
            }
            for (position, person) in project.participants.enumerated() {
                try db.execute(sql: "INSERT INTO qual_participant (project_id, id, position, pseudonym, name, data) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [id, person.id.uuidString, position, person.pseudonym, person.name, try Self.json(person)])
            }
            for (position, transcript) in project.transcripts.enumerated() {
                var meta = transcript
                meta.text = ""
                meta.originalText = ""
                try db.execute(sql: "INSERT INTO qual_transcript (project_id, id, position, name, text, original_text, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               arguments: [id, transcript.id.uuidString, position, transcript.name, transcript.text, transcript.originalText, try Self.json(meta)])
            }
            for (position, code) in project.codebook.codes.enumerated() {
                try db.execute(sql: "INSERT INTO qual_code (project_id, id, position, key, data) VALUES (?, ?, ?, ?, ?)", arguments: [id, code.id.uuidString, position, code.key, try Self.json(code)])
            }
            for (position, coder) in project.coders.enumerated() {
                try db.execute(sql: "INSERT INTO qual_coder (project_id, id, position, name) VALUES (?, ?, ?, ?)", arguments: [id, coder.id.uuidString, position, coder.name])
            }
            for (position, coding) in project.codings.enumerated() {
                try db.execute(sql: "INSERT INTO qual_coding (project_id, id, position, transcript_id, code_id, coder_id, start, \"end\", memo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               arguments: [id, coding.id.uuidString, position, coding.transcriptID.uuidString, coding.codeID.uuidString, coding.coderID.uuidString, coding.start, coding.end, coding.memo])
            }
            for (position, memo) in project.memos.enumerated() {
                try db.execute(sql: "INSERT INTO qual_code_memo (project_id, id, position, code_id, author, text, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               arguments: [id, memo.id.uuidString, position, memo.codeID.uuidString, memo.author, memo.text, memo.updatedAt])
            }
        }
    }
}
