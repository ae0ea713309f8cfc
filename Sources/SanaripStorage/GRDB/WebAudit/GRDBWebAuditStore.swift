import Foundation
import GRDB

/// ``WebAuditStore`` on SQLite.
public struct GRDBWebAuditStore: WebAuditStore {
    let writer: any DatabaseWriter

    public init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    public func sites() async throws -> [WebAuditSite] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT municipality, url, kind FROM web_audit_site ORDER BY position").map {
                WebAuditSite(municipality: $0["municipality"], url: $0["url"], kind: $0["kind"])
            }
        }
    }

    public func replaceSites(_ sites: [WebAuditSite], by actor: String) async throws {
        try await writer.write(conflict: "a municipality lists the same address twice") { db in
            try db.execute(sql: "DELETE FROM web_audit_site")
            for (position, site) in sites.enumerated() {
                try db.execute(sql: "INSERT INTO web_audit_site (position, municipality, url, kind) VALUES (?, ?, ?, ?)",
                               arguments: [position, site.municipality, site.url, site.kind])
            }
            try db.audit(.update, by: actor, objectType: "web_audit_sites", objectID: "sites", detail: ["rows": String(sites.count)])
        }
    }

    private static let roundQuery = """
        SELECT r.*, (SELECT COUNT(*) FROM web_audit_result x WHERE x.round_id = r.id) AS done FROM web_audit_round r
        """

    private static func round(_ row: Row) -> WebAuditRound {
        WebAuditRound(id: row["id"], name: row["name"], startedAt: row["started_at"], finishedAt: row["finished_at"],
                      total: row["total"], done: row["done"], settings: Data((row["settings"] as String).utf8),
                      startedBy: row["started_by"])
    }

    public func rounds() async throws -> [WebAuditRound] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: Self.roundQuery + " ORDER BY r.started_at DESC, r.id DESC").map(Self.round)
        }
    }

    public func round(named name: String) async throws -> WebAuditRound? {
        try await writer.read { db in try Row.fetchOne(db, sql: Self.roundQuery + " WHERE r.name = ?", arguments: [name]).map(Self.round) }
    }

    public func round(id: Int64) async throws -> WebAuditRound? {
        try await writer.read { db in try Row.fetchOne(db, sql: Self.roundQuery + " WHERE r.id = ?", arguments: [id]).map(Self.round) }
    }

    public func startRound(named name: String, total: Int, settings: Data, by actor: String) async throws -> WebAuditRound {
        try await writer.write { db in
            if let existing = try Row.fetchOne(db, sql: Self.roundQuery + " WHERE r.name = ?", arguments: [name]).map(Self.round) {
                guard existing.finishedAt == nil else { throw StorageError.conflict("the round \(name) is finished; give the new round another name") }
                try db.execute(sql: "UPDATE web_audit_round SET total = ? WHERE id = ?", arguments: [total, existing.id])
                try db.audit("web_audit.resume", by: actor, objectType: "web_audit_round", objectID: String(existing.id), detail: ["name": name])
                return WebAuditRound(id: existing.id, name: name, startedAt: existing.startedAt, finishedAt: nil, total: total,
                                     done: existing.done, settings: existing.settings, startedBy: existing.startedBy)
            }
            let now = Date()
            try db.execute(sql: "INSERT INTO web_audit_round (name, started_at, total, settings, started_by) VALUES (?, ?, ?, ?, ?)",
                           arguments: [name, now, total, String(decoding: settings, as: UTF8.self), actor])
            let id = db.lastInsertedRowID
            try db.audit(.create, by: actor, objectType: "web_audit_round", objectID: String(id), detail: ["name": name, "total": String(total)])
            return WebAuditRound(id: id, name: name, startedAt: now, finishedAt: nil, total: total, done: 0, settings: settings, startedBy: actor)
        }
    }

    public func finishRound(id: Int64) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE web_audit_round SET finished_at = ? WHERE id = ?", arguments: [Date(), id])
        }
    }

    public func save(_ result: WebAuditResult, snapshots: [WebAuditSnapshot]) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM web_audit_snapshot WHERE round_id = ? AND municipality = ?",
                           arguments: [result.roundID, result.municipality])
            try db.execute(sql: """
                INSERT OR REPLACE INTO web_audit_result (round_id, municipality, score, level, audit, finished_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [result.roundID, result.municipality, result.score, result.level,
                                 String(decoding: result.audit, as: UTF8.self), result.finishedAt])
            for snapshot in snapshots {
                try db.execute(sql: """
                    INSERT INTO web_audit_snapshot (round_id, municipality, url, final_url, status, fetched_at, headers, body, body_bytes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [result.roundID, result.municipality, snapshot.url, snapshot.finalURL, snapshot.status,
                                     snapshot.fetchedAt, String(decoding: snapshot.headers, as: UTF8.self), snapshot.body, snapshot.bodyBytes])
            }
        }
    }

    private static func result(_ row: Row) -> WebAuditResult {
        WebAuditResult(roundID: row["round_id"], municipality: row["municipality"], score: row["score"], level: row["level"],
                       audit: Data((row["audit"] as String).utf8), finishedAt: row["finished_at"])
    }

    public func results(roundID: Int64) async throws -> [WebAuditResult] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM web_audit_result WHERE round_id = ? ORDER BY municipality", arguments: [roundID])
                .map(Self.result)
        }
    }

    public func result(roundID: Int64, municipality: String) async throws -> WebAuditResult? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM web_audit_result WHERE round_id = ? AND municipality = ?",
                             arguments: [roundID, municipality]).map(Self.result)
        }
    }

    private static func snapshot(_ row: Row, body: Bool) -> WebAuditSnapshot {
        WebAuditSnapshot(id: row["id"], roundID: row["round_id"], municipality: row["municipality"], url: row["url"],
                         finalURL: row["final_url"], status: row["status"], fetchedAt: row["fetched_at"],
                         headers: Data((row["headers"] as String).utf8), body: body ? row["body"] : Data(), bodyBytes: row["body_bytes"])
    }

    public func snapshots(roundID: Int64, municipality: String) async throws -> [WebAuditSnapshot] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, round_id, municipality, url, final_url, status, fetched_at, headers, body_bytes
                FROM web_audit_snapshot WHERE round_id = ? AND municipality = ? ORDER BY id
                """, arguments: [roundID, municipality]).map { Self.snapshot($0, body: false) }
        }
    }

    public func snapshot(id: Int64) async throws -> WebAuditSnapshot? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM web_audit_snapshot WHERE id = ?", arguments: [id]).map { Self.snapshot($0, body: true) }
        }
    }

    public func saveAnswer(_ answer: WebAuditAnswer) async throws {
        try await writer.write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO web_audit_answer (round_id, municipality, indicator, reviewer, answer, note, answered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [answer.roundID, answer.municipality, answer.indicator, answer.reviewer, answer.answer, answer.note,
                                 answer.answeredAt])
            try db.audit(.update, by: answer.reviewer, objectType: "web_audit_answer", objectID: "\(answer.roundID)/\(answer.municipality)",
                         detail: ["indicator": answer.indicator, "answer": answer.answer])
        }
    }

    public func answers(roundID: Int64, municipality: String?) async throws -> [WebAuditAnswer] {
        try await writer.read { db in
            var sql = "SELECT * FROM web_audit_answer WHERE round_id = ?"
            var arguments: StatementArguments = [roundID]
            if let municipality {
                sql += " AND municipality = ?"
                arguments += [municipality]
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY municipality, indicator, reviewer", arguments: arguments).map {
                WebAuditAnswer(roundID: $0["round_id"], municipality: $0["municipality"], indicator: $0["indicator"],
                               reviewer: $0["reviewer"], answer: $0["answer"], note: $0["note"], answeredAt: $0["answered_at"])
            }
        }
    }
}
