import Foundation
import GRDB

/// ``CatalogueStore`` on SQLite, its search on an FTS5 table kept in the same transactions as the entries.
public struct GRDBCatalogueStore: CatalogueStore {
    let writer: any DatabaseWriter

    public init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    public func entries(studyID: String, kind: String?) async throws -> [StoredCatalogueEntry] {
        try await writer.read { db in
            var request = StoredCatalogueEntry.filter(Column("study_id") == studyID)
            if let kind { request = request.filter(Column("kind") == kind) }
            return try request.order(Column("kind"), Column("entry_id")).fetchAll(db)
        }
    }

    public func entry(studyID: String, kind: String, entryID: String) async throws -> StoredCatalogueEntry? {
        try await writer.read { db in
            try StoredCatalogueEntry.filter(Column("study_id") == studyID && Column("kind") == kind && Column("entry_id") == entryID).fetchOne(db)
        }
    }

    @discardableResult
    public func save(_ entries: [StoredCatalogueEntry], by actor: String) async throws -> (created: Int, updated: Int) {
        try await writer.write { db in
            var created = 0
            var updated = 0
            for entry in entries {
                var saved = entry
                saved.updatedAt = Date()
                saved.updatedBy = actor
                let objectID = "\(entry.studyID)/\(entry.kind)/\(entry.entryID)"
                if let previous = try StoredCatalogueEntry
                    .filter(Column("study_id") == entry.studyID && Column("kind") == entry.kind && Column("entry_id") == entry.entryID).fetchOne(db) {
                    saved.rowID = previous.rowID
                    saved.createdAt = previous.createdAt
                    let changed = Set(previous.fields.keys).union(saved.fields.keys).filter { previous.fields[$0] != saved.fields[$0] }
                    guard !changed.isEmpty || previous.reviewState != saved.reviewState || previous.demo != saved.demo else { continue }
                    try saved.update(db)
                    var detail = Dictionary(uniqueKeysWithValues: changed.map { ($0, saved.fields[$0] ?? "") })
                    if previous.reviewState != saved.reviewState { detail["review_state"] = saved.reviewState }
                    try db.audit(.update, by: actor, objectType: "catalogue_entry", objectID: objectID, detail: detail)
                    updated += 1
                } else {
                    try saved.insert(db)
                    try db.audit(.create, by: actor, objectType: "catalogue_entry", objectID: objectID, detail: saved.demo ? ["demo": "yes"] : [:])
                    created += 1
                }
                let rowID = try saved.rowID ?? { throw StorageError.notFound("catalogue entry \(objectID)") }()
                try db.execute(sql: "DELETE FROM catalogue_search WHERE rowid = ?", arguments: [rowID])
                try db.execute(sql: "INSERT INTO catalogue_search (rowid, body) VALUES (?, ?)", arguments: [rowID, saved.searchText])
            }
            return (created, updated)
        }
    }

    public func delete(studyID: String, kind: String, entryID: String, by actor: String) async throws {
        try await writer.write { db in
            guard let entry = try StoredCatalogueEntry
                .filter(Column("study_id") == studyID && Column("kind") == kind && Column("entry_id") == entryID).fetchOne(db),
                let rowID = entry.rowID
            else { throw StorageError.notFound("catalogue entry \(kind)/\(entryID)") }
            try db.execute(sql: "DELETE FROM catalogue_search WHERE rowid = ?", arguments: [rowID])
            _ = try StoredCatalogueEntry.deleteOne(db, key: rowID)
            // The entry as it was, so the log line can restore it (undo).
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let fields = String(decoding: try encoder.encode(entry.fields), as: UTF8.self)
            try db.audit(.delete, by: actor, objectType: "catalogue_entry", objectID: "\(studyID)/\(kind)/\(entryID)",
                         detail: [StoredCatalogueEntry.deletedFields: fields, "demo": entry.demo ? "yes" : "no"])
        }
    }

    public func search(studyID: String, query: String, kind: String?) async throws -> [StoredCatalogueEntry] {
        guard let match = Self.matchExpression(query) else { return [] }
        return try await writer.read { db in
            var sql = """
                SELECT catalogue_entry.* FROM catalogue_search JOIN catalogue_entry ON catalogue_entry.id = catalogue_search.rowid
                WHERE catalogue_search MATCH ? AND catalogue_entry.study_id = ?
                """
            var arguments: StatementArguments = [match, studyID]
            if let kind {
                sql += " AND catalogue_entry.kind = ?"
                arguments += [kind]
            }
            sql += " ORDER BY bm25(catalogue_search), catalogue_entry.kind, catalogue_entry.entry_id"
            return try StoredCatalogueEntry.fetchAll(db, sql: sql, arguments: arguments)
        }
    }

    public func save(_ dataset: StoredCatalogueDataset, by actor: String) async throws {
        try await writer.write { db in
            var saved = dataset
            saved.updatedAt = Date()
            saved.updatedBy = actor
            let existed = try StoredCatalogueDataset.fetchOne(db, key: ["study_id": dataset.studyID, "kind": dataset.kind, "name": dataset.name]) != nil
            try saved.save(db)
            try db.audit(existed ? .update : .create, by: actor, objectType: "catalogue_dataset", objectID: "\(dataset.studyID)/\(dataset.kind)/\(dataset.name)",
                         detail: ["file": dataset.fileName, "count": String(dataset.count)])
        }
    }

    public func datasets(studyID: String, kind: String) async throws -> [StoredCatalogueDataset] {
        try await writer.read { db in
            try StoredCatalogueDataset.filter(Column("study_id") == studyID && Column("kind") == kind).order(Column("name")).fetchAll(db)
        }
    }

    /// Each word of `query` as a quoted prefix term, all required: `курс ө` → `"курс"* "ө"*`. Nil when no word.
    static func matchExpression(_ query: String) -> String? {
        let words = query.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        guard !words.isEmpty else { return nil }
        return words.map { "\"\($0)\"*" }.joined(separator: " ")
    }
}
