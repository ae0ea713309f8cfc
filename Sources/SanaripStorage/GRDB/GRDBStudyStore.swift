import Foundation
import GRDB
import SanaripCore

/// ``StudyStore`` on SQLite.
public struct GRDBStudyStore: StudyStore {
    let writer: any DatabaseWriter

    public init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    public func studies() async throws -> [Study] {
        try await writer.read { db in
            try StudyRecord.order(StudyRecord.Columns.id).fetchAll(db).map(\.study)
        }
    }

    public func study(id: String) async throws -> Study? {
        try await writer.read { db in try StudyRecord.fetchOne(db, key: id)?.study }
    }

    public func save(_ study: Study, by actor: String) async throws {
        try await writer.write { db in
            let now = Date()
            let existing = try StudyRecord.fetchOne(db, key: study.id)
            try StudyRecord(study, createdAt: existing?.createdAt ?? now, updatedAt: now).save(db)
            try db.audit(existing == nil ? .create : .update, by: actor, objectType: "study", objectID: study.id)
        }
    }
}
