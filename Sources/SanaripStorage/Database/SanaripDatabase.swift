import Foundation
import GRDB

/// The workbench's SQLite database: `<data>/sanarip.sqlite` in WAL mode, migrated on open.
///
/// ```swift
/// let database = try SanaripDatabase.open(directory: dataDirectory)
/// let stores = database.stores
/// ```
public struct SanaripDatabase: Sendable {
    /// The file name inside the data directory.
    public static let fileName = "sanarip.sqlite"

    /// The connection pool (on disk) or queue (in memory) every store writes through.
    public let writer: any DatabaseWriter

    /// Opens or creates the database in `directory`, creating the directory if needed, and migrates it.
    public static func open(directory: URL) throws -> SanaripDatabase {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(fileName).path
        return try SanaripDatabase(writer: DatabasePool(path: path, configuration: configuration))
    }

    /// A private, migrated database that lives as long as the value, for tests and trials.
    public static func inMemory() throws -> SanaripDatabase {
        try SanaripDatabase(writer: DatabaseQueue(configuration: configuration))
    }

    init(writer: any DatabaseWriter) throws {
        try Self.migrator.migrate(writer)
        self.writer = writer
    }

    private static var configuration: Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        // A commit is on disk when it returns (the WAL is synced at every commit), so an acknowledged
        // submission survives a crash or power loss.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        return configuration
    }

    /// The migrations applied so far, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try await writer.read { db in try Self.migrator.appliedMigrations(db) }
    }

    /// How many rows have been inserted, changed or deleted through this connection since it opened (for an
    /// in-memory database, its only one): equal before and after a request means the request wrote nothing.
    public func totalChanges() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT total_changes()") ?? 0 }
    }

    /// The GRDB implementation of every store.
    public var stores: Stores {
        Stores(
            studies: GRDBStudyStore(writer: writer),
            instruments: GRDBInstrumentStore(writer: writer),
            users: GRDBUserStore(writer: writer),
            auditLog: GRDBAuditLogStore(writer: writer),
            sessions: GRDBSessionStore(writer: writer),
            samplingPlans: GRDBSamplingPlanStore(writer: writer),
            forms: GRDBFormStore(writer: writer),
            collectors: GRDBCollectorStore(writer: writer),
            submissions: GRDBSubmissionStore(writer: writer),
            reviews: GRDBSubmissionReviewStore(writer: writer),
            health: self,
            analysis: GRDBAnalysisStore(writer: writer),
            webAudits: GRDBWebAuditStore(writer: writer),
            catalogue: GRDBCatalogueStore(writer: writer),
            qualitative: GRDBQualitativeStore(writer: writer),
            media: GRDBMediaStore(writer: writer),
            mediaFrames: GRDBMediaFrameStore(writer: writer),
            mediaCopies: GRDBMediaCopyStore(writer: writer)
        )
    }
}

extension SanaripDatabase: StorageHealthCheck {
    public func checkHealth() async throws {
        _ = try await writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }
}
