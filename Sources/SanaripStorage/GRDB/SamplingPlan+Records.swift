import GRDB

extension SamplingPlan: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "sampling_plan"

    /// Columns for queries.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let studyID = Column(CodingKeys.studyID)
        public static let createdAt = Column(CodingKeys.createdAt)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension SamplingPlanUnit: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "sampling_plan_unit"

    /// Columns for queries.
    public enum Columns {
        public static let planID = Column(CodingKeys.planID)
        public static let position = Column(CodingKeys.position)
    }
}
