import GRDB

extension FormVersion: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "form_version"

    /// Columns for queries.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let formID = Column(CodingKeys.formID)
        public static let version = Column(CodingKeys.version)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension FormMedia: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "form_media"

    /// Columns for queries.
    public enum Columns {
        public static let formVersionID = Column(CodingKeys.formVersionID)
        public static let filename = Column(CodingKeys.filename)
    }
}

extension Collector: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "collector"

    /// Columns for queries.
    public enum Columns {
        public static let name = Column(CodingKeys.name)
        public static let tokenHash = Column(CodingKeys.tokenHash)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension StoredSubmission: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "submission"

    /// Columns for queries.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let instanceID = Column(CodingKeys.instanceID)
        public static let rootInstanceID = Column(CodingKeys.rootInstanceID)
        public static let isCurrent = Column(CodingKeys.isCurrent)
        public static let formID = Column(CodingKeys.formID)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension SubmissionAttachment: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "submission_attachment"

    /// Columns for queries.
    public enum Columns {
        public static let submissionID = Column(CodingKeys.submissionID)
        public static let name = Column(CodingKeys.name)
    }
}
