import Foundation
import GRDB

/// ``MediaFrameStore`` on SQLite: one row per study and version.
public struct GRDBMediaFrameStore: MediaFrameStore {
    let writer: any DatabaseWriter

    public init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    private static func version(_ row: Row) -> MediaFrameVersion {
        MediaFrameVersion(study: row["study_id"], version: row["version"], csv: row["csv"], note: row["note"], savedBy: row["saved_by"], savedAt: row["saved_at"])
    }

    public func versions(study: String) async throws -> [MediaFrameVersion] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM media_frame_dictionary WHERE study_id = ? ORDER BY version DESC", arguments: [study]).map(Self.version)
        }
    }

    public func version(_ version: Int, study: String) async throws -> MediaFrameVersion? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM media_frame_dictionary WHERE study_id = ? AND version = ?", arguments: [study, version]).map(Self.version)
        }
    }

    public func save(csv: String, note: String, study: String, by actor: String) async throws -> MediaFrameVersion {
        try await writer.write { db in
            let next = (try Int.fetchOne(db, sql: "SELECT MAX(version) FROM media_frame_dictionary WHERE study_id = ?", arguments: [study]) ?? 0) + 1
            let saved = MediaFrameVersion(study: study, version: next, csv: csv, note: note, savedBy: actor, savedAt: Date())
            try db.execute(sql: "INSERT INTO media_frame_dictionary (study_id, version, csv, note, saved_by, saved_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [study, next, csv, note, actor, saved.savedAt])
            try db.audit(.create, by: actor, objectType: "media_frame_dictionary", objectID: "\(study)/\(next)",
                         detail: ["version": String(next), "note": note, "bytes": String(csv.utf8.count)])
            return saved
        }
    }
}
