import SanaripCore
import Foundation
import GRDB

/// ``SubmissionStore`` on SQLite: one transaction per request, so nothing is stored half-way.
public struct GRDBSubmissionStore: SubmissionStore {
    let writer: any DatabaseWriter

    public init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    public func receive(_ incoming: IncomingSubmission, by actor: String) async throws -> SubmissionReceipt {
        try await writer.write(conflict: "submission \(incoming.submission.instanceID) exists") { db in
            let new = incoming.submission
            if let extant = try StoredSubmission.filter(StoredSubmission.Columns.instanceID == new.instanceID).fetchOne(db) {
                return try Self.resubmit(incoming, to: extant, db: db, actor: actor)
            }
            var submission = new
            var inherited: [SubmissionAttachment] = []
            if let deprecatedID = new.deprecatedID {
                guard var deprecated = try StoredSubmission.filter(StoredSubmission.Columns.instanceID == deprecatedID).fetchOne(db),
                    deprecated.formID == new.formID
                else {
                    throw StorageError.notFound(
                        "You tried to update an existing submission, but we can't find that submission to update (\(deprecatedID))."
                    )
                }
                guard deprecated.isCurrent else { throw Self.outOfDate(deprecatedID) }
                deprecated.isCurrent = false
                try deprecated.update(db)
                submission.rootInstanceID = deprecated.rootInstanceID
                submission.reviewState = .edited
                inherited = try SubmissionAttachment.filter(SubmissionAttachment.Columns.submissionID == deprecated.id).fetchAll(db)
            }
            submission.id = nil
            submission.isCurrent = true
            try submission.insert(db)
            let id = submission.id ?? 0
            try Self.insert(incoming.rows, submissionID: id, db: db)
            var unused: [ReceivedFile] = []
            var missing: [String] = []
            let files = Dictionary(incoming.files.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            let expected = Set(incoming.expectedAttachments)
            for file in incoming.files where !expected.contains(file.name) { unused.append(file) }
            for name in Self.unique(incoming.expectedAttachments) {
                var attachment = SubmissionAttachment(submissionID: id, name: name)
                if let file = files[name] {
                    attachment.take(file)
                } else if let old = inherited.first(where: { $0.name == name && $0.isPresent }) {
                    attachment = old
                    attachment.submissionID = id
                } else {
                    missing.append(name)
                }
                try attachment.insert(db)
            }
            try db.audit(
                new.deprecatedID == nil ? "submission.create" : "submission.edit", by: actor,
                objectType: "submission", objectID: new.instanceID,
                detail: ["form_id": new.formID, "version": new.version, "deprecated_id": new.deprecatedID ?? ""].filter { !$0.value.isEmpty }
            )
            return SubmissionReceipt(
                outcome: new.deprecatedID == nil ? .created : .edited, submissionID: id, unusedFiles: unused, missingAttachments: missing
            )
        }
    }

    /// The same instance id again: identical XML may bring the files still missing; anything else is a conflict.
    private static func resubmit(_ incoming: IncomingSubmission, to extant: StoredSubmission, db: Database, actor: String) throws -> SubmissionReceipt {
        guard extant.xml == incoming.submission.xml else {
            throw StorageError.conflict(
                "A submission already exists with this ID, but with different XML. Resubmissions to attach additional multimedia must resubmit an identical xml_submission_file."
            )
        }
        guard extant.isCurrent else { throw outOfDate(extant.instanceID) }
        let id = extant.id ?? 0
        var unused: [ReceivedFile] = []
        var added: [String] = []
        for file in incoming.files {
            guard var attachment = try SubmissionAttachment.fetchOne(db, key: ["submission_id": id, "name": file.name]),
                !attachment.isPresent
            else {
                unused.append(file)
                continue
            }
            attachment.take(file)
            try attachment.update(db)
            added.append(file.name)
        }
        if !added.isEmpty {
            try db.audit(
                "submission.attach", by: actor, objectType: "submission", objectID: extant.instanceID,
                detail: ["files": added.joined(separator: " ")]
            )
        }
        let missing = try String.fetchAll(
            db, sql: "SELECT name FROM submission_attachment WHERE submission_id = ? AND NOT is_present ORDER BY name", arguments: [id]
        )
        return SubmissionReceipt(outcome: .resubmitted, submissionID: id, unusedFiles: unused, missingAttachments: missing)
    }

    private static func outOfDate(_ instanceID: String) -> StorageError {
        .conflict(
            "You tried to update a submission, but the copy you were editing (\(instanceID)) is now out of date. Please get the new version that has been submitted, and make your edits again."
        )
    }

    private static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    private static func insert(_ rows: [SubmissionAnswerRow], submissionID: Int64, db: Database) throws {
        var rowIDs: [Int64] = []
        rowIDs.reserveCapacity(rows.count)
        let rowStatement = try db.cachedStatement(
            sql: "INSERT INTO submission_row (submission_id, parent_row_id, repeat_path, position, answers) VALUES (?, ?, ?, ?, ?)"
        )
        let answerStatement = try db.cachedStatement(
            sql: "INSERT INTO submission_answer (row_id, path, type, value, number) VALUES (?, ?, ?, ?, ?)"
        )
        for row in rows {
            let parent = row.parent.flatMap { rowIDs.indices.contains($0) ? rowIDs[$0] : nil }
            try rowStatement.execute(arguments: [submissionID, parent, row.repeatPath, row.position, Data(PackedAnswers(row.answers).bytes)])
            let rowID = db.lastInsertedRowID
            rowIDs.append(rowID)
            for answer in row.answers {
                try answerStatement.execute(arguments: [rowID, answer.path, answer.type, answer.text, answer.number])
            }
        }
    }

    public func submission(instanceID: String) async throws -> StoredSubmission? {
        try await writer.read { db in
            try StoredSubmission.filter(StoredSubmission.Columns.instanceID == instanceID).fetchOne(db)
        }
    }

    public func history(rootInstanceID: String) async throws -> [StoredSubmission] {
        try await writer.read { db in
            try StoredSubmission.filter(StoredSubmission.Columns.rootInstanceID == rootInstanceID)
                .order(StoredSubmission.Columns.id).fetchAll(db)
        }
    }

    public func attachmentPaths() async throws -> Set<String> {
        try await writer.read { db in
            Set(try String.fetchAll(db, sql: "SELECT path FROM submission_attachment WHERE path IS NOT NULL"))
        }
    }

    public func attachments(submissionID: Int64) async throws -> [SubmissionAttachment] {
        try await writer.read { db in
            try SubmissionAttachment.filter(SubmissionAttachment.Columns.submissionID == submissionID)
                .order(SubmissionAttachment.Columns.name).fetchAll(db)
        }
    }

    public func answerRows(submissionID: Int64) async throws -> [SubmissionAnswerRow] {
        try await writer.read { db in try Self.rows(of: [submissionID], db: db)[submissionID] ?? [] }
    }

    public func currentSubmissions(formID: String, after: Int64?, limit: Int) async throws -> [SubmissionExportRecord] {
        try await writer.read { db in
            var records: [SubmissionExportRecord] = []
            var roots: [String] = []
            let submissions = try Row.fetchCursor(
                db,
                sql: """
                    SELECT id, instance_id, received_at, submitter, collector_id, device_id, review_state, version, root_instance_id, encrypted
                    FROM submission WHERE form_id = ? AND is_current = 1 AND id > ? ORDER BY id LIMIT ?
                    """,
                arguments: [formID, after ?? 0, limit]
            )
            while let row = try submissions.next() {
                let received: String = row[2]
                records.append(
                    SubmissionExportRecord(
                        id: row[0], instanceID: row[1], submissionDate: Self.submissionDate(received), submitter: row[3],
                        collectorID: row[4], deviceID: row[5], reviewState: SubmissionReviewState(rawValue: row[6]) ?? .received,
                        version: row[7], editCount: 0, attachmentsPresent: 0, attachmentsExpected: 0, encrypted: row[9], rows: []
                    )
                )
                roots.append(row[8])
            }
            guard !records.isEmpty else { return [] }
            let ids = records.map(\.id)
            let marks = databaseQuestionMarks(count: ids.count)
            var indexOfID: [Int64: Int] = [:]
            for (index, id) in ids.enumerated() { indexOfID[id] = index }
            var rowIndex: [Int64: Int] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT id, submission_id, parent_row_id, repeat_path, position, answers FROM submission_row WHERE submission_id IN (\(marks)) ORDER BY id",
                arguments: StatementArguments(ids)
            )
            while let row = try rows.next() {
                guard let index = indexOfID[row[1]] else { continue }
                let parentID: Int64? = row[2]
                // The blob is copied once, straight from SQLite's buffer.
                let answers = row.dataNoCopy(atIndex: 5).map { [UInt8]($0) } ?? []
                rowIndex[row[0]] = records[index].rows.count
                records[index].rows.append(
                    SubmissionExportRecord.Row(
                        repeatPath: row[3], position: row[4], parent: parentID.flatMap { rowIndex[$0] }, answers: PackedAnswers(bytes: answers)
                    )
                )
            }
            for row in try Row.fetchAll(
                db,
                sql: "SELECT submission_id, count(*), total(is_present) FROM submission_attachment WHERE submission_id IN (\(marks)) GROUP BY submission_id",
                arguments: StatementArguments(ids)
            ) {
                guard let index = indexOfID[row[0]] else { continue }
                records[index].attachmentsExpected = row[1]
                records[index].attachmentsPresent = Int(row[2] as Double)
            }
            var edits: [String: Int] = [:]
            let uniqueRoots = Array(Set(roots))
            for row in try Row.fetchAll(
                db,
                sql: "SELECT root_instance_id, count(*) - 1 FROM submission WHERE root_instance_id IN (\(databaseQuestionMarks(count: uniqueRoots.count))) GROUP BY root_instance_id",
                arguments: StatementArguments(uniqueRoots)
            ) {
                edits[row[0]] = row[1]
            }
            for index in records.indices { records[index].editCount = edits[roots[index]] ?? 0 }
            return records
        }
    }

    /// `2026-12-04T13:38:25.123Z` from the stored `2026-12-04 13:38:25.123` (GRDB's UTC date text), as Central writes `SubmissionDate`.
    static func submissionDate(_ stored: String) -> String {
        var text = stored.replacingOccurrences(of: " ", with: "T")
        if !text.contains(".") { text += ".000" }
        return text + "Z"
    }

    public func currentSubmissionCount(formID: String) async throws -> Int {
        try await writer.read { db in
            try StoredSubmission
                .filter(StoredSubmission.Columns.formID == formID && StoredSubmission.Columns.isCurrent == true)
                .fetchCount(db)
        }
    }

    /// The answer rows of the given submissions, each list in insertion order with parents as indexes.
    private static func rows(of submissionIDs: [Int64], db: Database) throws -> [Int64: [SubmissionAnswerRow]] {
        guard !submissionIDs.isEmpty else { return [:] }
        let marks = databaseQuestionMarks(count: submissionIDs.count)
        var result: [Int64: [SubmissionAnswerRow]] = [:]
        var indexOfRow: [Int64: (submission: Int64, index: Int)] = [:]
        let rowCursor = try Row.fetchCursor(
            db,
            sql: "SELECT id, submission_id, parent_row_id, repeat_path, position FROM submission_row WHERE submission_id IN (\(marks)) ORDER BY id",
            arguments: StatementArguments(submissionIDs)
        )
        while let row = try rowCursor.next() {
            let id: Int64 = row[0]
            let submission: Int64 = row[1]
            let parentID: Int64? = row[2]
            var list = result[submission] ?? []
            indexOfRow[id] = (submission, list.count)
            list.append(SubmissionAnswerRow(repeatPath: row[3], position: row[4], parent: parentID.flatMap { indexOfRow[$0]?.index }))
            result[submission] = list
        }
        let answerCursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT a.row_id, a.path, a.type, a.value, a.number FROM submission_answer a
                JOIN submission_row r ON r.id = a.row_id WHERE r.submission_id IN (\(marks)) ORDER BY a.rowid
                """,
            arguments: StatementArguments(submissionIDs)
        )
        while let row = try answerCursor.next() {
            guard let (submission, index) = indexOfRow[row[0]] else { continue }
            result[submission]?[index].answers.append(SubmissionAnswer(path: row[1], type: row[2], text: row[3], number: row[4]))
        }
        return result
    }
}

extension SubmissionAttachment {
    /// Marks the attachment present as `file`.
    mutating func take(_ file: ReceivedFile) {
        isPresent = true
        contentType = file.contentType
        size = file.size
        md5 = file.md5
        path = file.path
    }
}
