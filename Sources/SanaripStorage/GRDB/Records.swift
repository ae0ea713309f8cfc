import Foundation
import GRDB

extension StoredInstrument: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "instrument"

    /// Columns for queries.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let studyID = Column(CodingKeys.studyID)
        public static let formID = Column(CodingKeys.formID)
        public static let version = Column(CodingKeys.version)
    }
}

extension User: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "user"

    /// Columns for queries.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let username = Column(CodingKeys.username)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension AuditEntry: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "audit_log"

    /// Columns for queries.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let at = Column(CodingKeys.at)
        public static let objectType = Column(CodingKeys.objectType)
        public static let objectID = Column(CodingKeys.objectID)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension StoredSession: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "session"

    /// Columns for queries.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let expiresAt = Column(CodingKeys.expiresAt)
        public static let userID = Column(CodingKeys.userID)
    }
}
