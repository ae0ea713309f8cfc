import Foundation
import GRDB

/// ``MediaCopyStore`` on SQLite (`media_copy`, `media_copy_grouping`).
public struct GRDBMediaCopyStore: MediaCopyStore {
    let writer: any DatabaseWriter

    public init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    public func saveGroups(_ groups: [Int64: Int64], grouping: MediaCopyGrouping, study: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM media_copy WHERE study_id = ?", arguments: [study])
            let insert = try db.cachedStatement(sql: "INSERT INTO media_copy (article_id, study_id, group_id) VALUES (?, ?, ?)")
            for (article, group) in groups.sorted(by: { $0.key < $1.key }) {
                try insert.execute(arguments: [article, study, group])
            }
            try db.execute(sql: """
                INSERT OR REPLACE INTO media_copy_grouping (study_id, threshold, shingle_size, articles, groups, copies, computed_at, computed_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [study, grouping.threshold, grouping.shingleSize, grouping.articles, grouping.groups, grouping.copies,
                                 grouping.computedAt, grouping.computedBy])
            try db.audit(.update, by: grouping.computedBy, objectType: "media_copies", objectID: study,
                         detail: ["threshold": String(grouping.threshold), "groups": String(grouping.groups), "copies": String(grouping.copies)])
        }
    }

    public func groups(study: String) async throws -> [Int64: Int64] {
        try await writer.read { db in
            var result: [Int64: Int64] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT article_id, group_id FROM media_copy WHERE study_id = ?", arguments: [study])
            while let row = try rows.next() { result[row["article_id"]] = row["group_id"] }
            return result
        }
    }

    public func copies(of article: Int64, study: String) async throws -> [Int64] {
        try await writer.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT article_id FROM media_copy WHERE study_id = ? AND article_id != ?
                AND group_id = (SELECT group_id FROM media_copy WHERE article_id = ? AND study_id = ?) ORDER BY article_id
                """, arguments: [study, article, article, study])
        }
    }

    public func grouping(study: String) async throws -> MediaCopyGrouping? {
        try await writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM media_copy_grouping WHERE study_id = ?", arguments: [study]) else { return nil }
            return MediaCopyGrouping(threshold: row["threshold"], shingleSize: row["shingle_size"], articles: row["articles"], groups: row["groups"],
                                     copies: row["copies"], computedAt: row["computed_at"], computedBy: row["computed_by"])
        }
    }
}
