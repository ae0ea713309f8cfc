import Foundation
import GRDB

/// ``SubmissionReviewStore`` on SQLite.
public struct GRDBSubmissionReviewStore: SubmissionReviewStore {
    let writer: any DatabaseWriter

    public init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    public func page(_ query: SubmissionQuery) async throws -> SubmissionPage {
        try await writer.read { db in
            var conditions = ["s.form_id = ?", "s.is_current = 1"]
            var arguments: [any DatabaseValueConvertible] = [query.formID]
            if let version = query.version {
                conditions.append("s.version = ?")
                arguments.append(version)
            }
            if let state = query.reviewState {
                conditions.append("s.review_state = ?")
                arguments.append(state.rawValue)
            }
            if let submitter = query.submitter {
                conditions.append("s.submitter = ?")
                arguments.append(submitter)
            }
            if let from = query.receivedFrom {
                conditions.append("s.received_at >= ?")
                arguments.append(from)
            }
            if let before = query.receivedBefore {
                conditions.append("s.received_at < ?")
                arguments.append(before)
            }
            for (path, value) in query.answers.sorted(by: { $0.key < $1.key }) {
                conditions.append(
                    """
                    EXISTS (SELECT 1 FROM submission_row r JOIN submission_answer a ON a.row_id = r.id
                    WHERE r.submission_id = s.id AND r.parent_row_id IS NULL AND a.path = ? AND a.value = ?)
                    """
                )
                arguments += [path, value]
            }
            let filter = conditions.joined(separator: " AND ")
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM submission s WHERE \(filter)", arguments: StatementArguments(arguments)) ?? 0
            let submissions = try StoredSubmission.fetchAll(
                db, sql: "SELECT s.* FROM submission s WHERE \(filter) ORDER BY s.id DESC LIMIT ? OFFSET ?",
                arguments: StatementArguments(arguments + [query.limit, query.offset])
            )
            return SubmissionPage(submissions: submissions, total: total)
        }
    }

    public func submission(id: Int64) async throws -> StoredSubmission? {
        try await writer.read { db in try StoredSubmission.fetchOne(db, key: id) }
    }

    public func review(submissionID: Int64, state: SubmissionReviewState, comment: String?, by actor: String) async throws {
        try await writer.write { db in
            guard var submission = try StoredSubmission.fetchOne(db, key: submissionID) else {
                throw StorageError.notFound("submission \(submissionID)")
            }
            guard submission.isCurrent else {
                throw StorageError.conflict("This version of the submission has been edited since; review the current version.")
            }
            let previous = submission.reviewState
            submission.reviewState = state
            try submission.update(db)
            try db.audit(
                "submission.review", by: actor, objectType: "submission", objectID: submission.instanceID,
                detail: ["review_state": state.rawValue, "previous": previous.rawValue]
            )
            if let comment = comment?.trimmingCharacters(in: .whitespacesAndNewlines), !comment.isEmpty {
                try Self.insertComment(on: submission, body: comment, by: actor, db: db)
            }
        }
    }

    public func comment(submissionID: Int64, body: String, by actor: String) async throws {
        try await writer.write { db in
            guard let submission = try StoredSubmission.fetchOne(db, key: submissionID) else {
                throw StorageError.notFound("submission \(submissionID)")
            }
            try Self.insertComment(on: submission, body: body, by: actor, db: db)
        }
    }

    private static func insertComment(on submission: StoredSubmission, body: String, by actor: String, db: Database) throws {
        var comment = SubmissionComment(rootInstanceID: submission.rootInstanceID, submissionID: submission.id ?? 0, author: actor, body: body)
        try comment.insert(db)
        try db.audit(
            "submission.comment", by: actor, objectType: "submission", objectID: submission.instanceID,
            detail: ["comment_id": String(comment.id ?? 0)]
        )
    }

    public func comments(rootInstanceID: String) async throws -> [SubmissionComment] {
        try await writer.read { db in
            try SubmissionComment.filter(Column("root_instance_id") == rootInstanceID).order(Column("id")).fetchAll(db)
        }
    }

    public func fieldworkRecords(formID: String, paths: [String]) async throws -> [FieldworkRecord] {
        try await writer.read { db in
            var records: [FieldworkRecord] = []
            var index: [Int64: Int] = [:]
            let submissions = try Row.fetchCursor(
                db, sql: "SELECT id, instance_id, submitter, received_at, review_state FROM submission WHERE form_id = ? AND is_current = 1 ORDER BY id",
                arguments: [formID]
            )
            while let row = try submissions.next() {
                let id: Int64 = row[0]
                index[id] = records.count
                records.append(FieldworkRecord(
                    submissionID: id, instanceID: row[1], submitter: row[2], receivedAt: row[3],
                    reviewState: SubmissionReviewState(rawValue: row[4]) ?? .received, values: [:]
                ))
            }
            guard !paths.isEmpty else { return records }
            let answers = try Row.fetchCursor(
                db,
                sql: """
                    SELECT r.submission_id, a.path, a.value FROM submission s
                    JOIN submission_row r ON r.submission_id = s.id AND r.parent_row_id IS NULL
                    JOIN submission_answer a ON a.row_id = r.id
                    WHERE s.form_id = ? AND s.is_current = 1 AND a.path IN (\(databaseQuestionMarks(count: paths.count)))
                    """,
                arguments: StatementArguments([formID] + paths)
            )
            while let row = try answers.next() {
                guard let position = index[row[0]] else { continue }
                records[position].values[row[1]] = row[2]
            }
            return records
        }
    }

    public func assignments(planID: Int64) async throws -> [InterviewerAssignment] {
        try await writer.read { db in
            try InterviewerAssignment.filter(Column("plan_id") == planID).order(Column("unit_id"), Column("interviewer")).fetchAll(db)
        }
    }

    public func replaceAssignments(planID: Int64, with assignments: [InterviewerAssignment], by actor: String) async throws {
        try await writer.write(conflict: "an interviewer is assigned to the same unit twice") { db in
            try InterviewerAssignment.filter(Column("plan_id") == planID).deleteAll(db)
            for assignment in assignments { try assignment.insert(db) }
            try db.audit(
                "plan.assign", by: actor, objectType: "sampling_plan", objectID: String(planID),
                detail: ["assignments": String(assignments.count)]
            )
        }
    }

    public func save(_ draft: EntryDraft, by actor: String) async throws -> EntryDraft {
        try await writer.write { db in
            var draft = draft
            draft.updatedAt = Date()
            if draft.id == nil {
                try draft.insert(db)
                try db.audit("entry.draft", by: actor, objectType: "entry_draft", objectID: String(draft.id ?? 0), detail: ["form_id": draft.formID])
            } else {
                try draft.update(db)
            }
            return draft
        }
    }

    public func draft(id: Int64) async throws -> EntryDraft? {
        try await writer.read { db in try EntryDraft.fetchOne(db, key: id) }
    }

    public func drafts(author: String) async throws -> [EntryDraft] {
        try await writer.read { db in try EntryDraft.filter(Column("author") == author).order(Column("id").desc).fetchAll(db) }
    }

    public func deleteDraft(id: Int64, by actor: String) async throws {
        try await writer.write { db in
            guard try EntryDraft.deleteOne(db, key: id) else { throw StorageError.notFound("draft \(id)") }
            try db.audit("entry.delete", by: actor, objectType: "entry_draft", objectID: String(id))
        }
    }
}

extension SubmissionComment: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "submission_comment"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension InterviewerAssignment: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "interviewer_assignment"
}

extension EntryDraft: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "entry_draft"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
