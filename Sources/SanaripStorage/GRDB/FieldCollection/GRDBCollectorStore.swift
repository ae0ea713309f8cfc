import Foundation
import GRDB

/// ``CollectorStore`` on SQLite. Names are unique without regard to case.
public struct GRDBCollectorStore: CollectorStore {
    let writer: any DatabaseWriter

    public init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    @discardableResult
    public func insert(_ collector: Collector, by actor: String) async throws -> Collector {
        try await writer.write(conflict: "collector \(collector.name) exists") { db in
            var collector = collector
            try collector.insert(db)
            try db.audit(.create, by: actor, objectType: "collector", objectID: collector.name)
            return collector
        }
    }

    public func collectors() async throws -> [Collector] {
        try await writer.read { db in try Collector.order(Collector.Columns.name).fetchAll(db) }
    }

    public func collector(tokenHash: String) async throws -> Collector? {
        try await writer.read { db in try Collector.filter(Collector.Columns.tokenHash == tokenHash).fetchOne(db) }
    }

    public func revoke(name: String, at date: Date, by actor: String) async throws {
        try await writer.write { db in
            guard var collector = try Collector.filter(Collector.Columns.name == name).fetchOne(db) else {
                throw StorageError.notFound("collector \(name)")
            }
            guard collector.revokedAt == nil else { return }
            collector.revokedAt = date
            try collector.update(db)
            try db.audit("revoke", by: actor, objectType: "collector", objectID: collector.name)
        }
    }
}
