import Foundation
import GRDB

extension SanaripDatabase {
    /// `v11.collect`: what fast exports and encrypted forms need.
    ///
    /// - `submission_row.answers`: the row's answers packed in one value (``PackedAnswers``), written with the
    ///   `submission_answer` rows, so an export reads one value per row instead of one per answer. Rows stored
    ///   before are packed here from their `submission_answer` rows, in the order they were written.
    /// - `submission.encrypted`: the submission is an encrypted form's manifest (`submission.xml.enc` and `.enc`
    ///   media as received); its answers exist only for whoever holds the private key, at export time.
    static func migrateCollectExport(_ db: Database) throws {
        try db.alter(table: "submission_row") { t in
            t.add(column: "answers", .blob).notNull().defaults(to: Data())
        }
        try db.alter(table: "submission") { t in
            t.add(column: "encrypted", .boolean).notNull().defaults(to: false)
        }
        try db.execute(
            sql: """
                UPDATE submission_row SET answers = coalesce((
                    SELECT CAST(group_concat(
                        replace(replace(path, char(31), ' '), char(30), ' ') || char(31)
                            || replace(replace(value, char(31), ' '), char(30), ' ') || char(30), '') AS BLOB)
                    FROM (SELECT path, value FROM submission_answer WHERE row_id = submission_row.id ORDER BY rowid)
                ), X'')
                """
        )
    }
}
