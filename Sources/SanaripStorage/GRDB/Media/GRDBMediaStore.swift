import Foundation
import GRDB
import SanaripQualitative

/// ``MediaStore`` on SQLite: outlets as JSON rows, articles as columns with their de-duplication keys.
public struct GRDBMediaStore: MediaStore {
    let writer: any DatabaseWriter

    public init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    public func sources(study: String) async throws -> [MediaSource] {
        try await writer.read { db in
            try String.fetchAll(db, sql: "SELECT data FROM media_source WHERE study_id = ? ORDER BY position, key", arguments: [study])
                .map { try JSONDecoder().decode(MediaSource.self, from: Data($0.utf8)) }
        }
    }

    public func saveSources(_ sources: [MediaSource], study: String, by actor: String) async throws {
        try await writer.write { db in
            var position = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(position), -1) FROM media_source WHERE study_id = ?", arguments: [study]) ?? -1
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            for source in sources {
                let existing = try Int.fetchOne(db, sql: "SELECT position FROM media_source WHERE study_id = ? AND key = ?", arguments: [study, source.key])
                if existing == nil { position += 1 }
                try db.execute(sql: "INSERT OR REPLACE INTO media_source (study_id, key, position, data) VALUES (?, ?, ?, ?)",
                               arguments: [study, source.key, existing ?? position, String(decoding: try encoder.encode(source), as: UTF8.self)])
            }
            try db.audit(.update, by: actor, objectType: "media_sources", objectID: study, detail: ["sources": String(sources.count)])
        }
    }

    public func insert(_ articles: [MediaArticle], study: String) async throws -> MediaInsertion {
        try await writer.write { db in
            var result = MediaInsertion()
            let byURL = try db.cachedStatement(sql: "SELECT 1 FROM media_article WHERE study_id = ? AND url_key = ?")
            let byGUID = try db.cachedStatement(sql: "SELECT 1 FROM media_article WHERE study_id = ? AND source_key = ? AND guid = ?")
            // The same title in the same outlet is the same story within a week (a daily "exchange rates" is not).
            let byTitle = try db.cachedStatement(sql: """
                SELECT 1 FROM media_article WHERE study_id = ? AND source_key = ? AND title_key = ?
                AND (published_at IS NULL OR ? IS NULL OR ABS(julianday(published_at) - julianday(?)) <= 7)
                """)
            let insert = try db.cachedStatement(sql: """
                INSERT INTO media_article (study_id, source_key, url, url_key, guid, title, title_key, published_at, language, author, text, origin, added_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let now = Date()
            for article in articles {
                let urlKey = article.urlKey, titleKey = article.titleKey
                let seen = try Bool.fetchOne(byURL, arguments: [study, urlKey]) != nil
                    || !article.guid.isEmpty && Bool.fetchOne(byGUID, arguments: [study, article.source, article.guid]) != nil
                    || !titleKey.isEmpty && Bool.fetchOne(byTitle, arguments: [study, article.source, titleKey, article.published, article.published]) != nil
                if seen {
                    result.duplicates += 1
                    continue
                }
                try insert.execute(arguments: [study, article.source, article.url, urlKey, article.guid, article.title, titleKey,
                                               article.published, article.language, article.author, article.text, article.origin, now])
                result.added += 1
            }
            return result
        }
    }

    private static func article(_ row: Row) -> MediaArticle {
        MediaArticle(id: row["id"], source: row["source_key"], url: row["url"], guid: row["guid"], title: row["title"],
                     published: row["published_at"], language: row["language"], author: row["author"], text: row["text"], origin: row["origin"])
    }

    public func articles(study: String, source: String?, limit: Int?, offset: Int) async throws -> [MediaArticle] {
        try await writer.read { db in
            var sql = "SELECT * FROM media_article WHERE study_id = ?"
            var arguments: StatementArguments = [study]
            if let source {
                sql += " AND source_key = ?"
                arguments += [source]
            }
            sql += " ORDER BY published_at DESC, id DESC LIMIT ? OFFSET ?"
            arguments += [limit ?? -1, offset]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.article)
        }
    }

    public func article(id: Int64, study: String) async throws -> MediaArticle? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM media_article WHERE id = ? AND study_id = ?", arguments: [id, study]).map(Self.article)
        }
    }

    public func articleCount(study: String) async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM media_article WHERE study_id = ?", arguments: [study]) ?? 0 }
    }

    private static func round(_ row: Row) throws -> MediaFetchRound {
        MediaFetchRound(id: row["id"], study: row["study_id"], name: row["name"], startedAt: row["started_at"], finishedAt: row["finished_at"],
                        feedsTotal: row["feeds_total"], feedsDone: row["feeds_done"], added: row["added"], duplicates: row["duplicates"],
                        problems: try JSONDecoder().decode([String].self, from: Data((row["problems"] as String).utf8)), startedBy: row["started_by"])
    }

    public func startFetch(named name: String, study: String, feeds: Int, by actor: String) async throws -> MediaFetchRound {
        try await writer.write { db in
            if let existing = try Row.fetchOne(db, sql: "SELECT * FROM media_fetch WHERE study_id = ? AND name = ?", arguments: [study, name]).map(Self.round) {
                guard existing.finishedAt == nil else { throw StorageError.conflict("the fetch round \(name) is finished; give the new round another name") }
                return existing
            }
            let now = Date()
            try db.execute(sql: """
                INSERT INTO media_fetch (study_id, name, started_at, feeds_total, feeds_done, added, duplicates, problems, started_by)
                VALUES (?, ?, ?, ?, 0, 0, 0, '[]', ?)
                """, arguments: [study, name, now, feeds, actor])
            let id = db.lastInsertedRowID
            try db.audit(.create, by: actor, objectType: "media_fetch", objectID: String(id), detail: ["name": name, "feeds": String(feeds)])
            return MediaFetchRound(id: id, study: study, name: name, startedAt: now, feedsTotal: feeds, startedBy: actor)
        }
    }

    public func updateFetch(_ round: MediaFetchRound, finished: Bool) async throws {
        try await writer.write { db in
            try db.execute(sql: """
                UPDATE media_fetch SET feeds_total = ?, feeds_done = ?, added = ?, duplicates = ?, problems = ?, finished_at = ? WHERE id = ?
                """, arguments: [round.feedsTotal, round.feedsDone, round.added, round.duplicates,
                                 String(decoding: try JSONEncoder().encode(round.problems), as: UTF8.self), finished ? Date() as Date? : nil, round.id])
        }
    }

    public func fetches(study: String) async throws -> [MediaFetchRound] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM media_fetch WHERE study_id = ? ORDER BY started_at DESC, id DESC", arguments: [study]).map(Self.round)
        }
    }

    public func fetch(id: Int64) async throws -> MediaFetchRound? {
        try await writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM media_fetch WHERE id = ?", arguments: [id]).map(Self.round) }
    }
}
