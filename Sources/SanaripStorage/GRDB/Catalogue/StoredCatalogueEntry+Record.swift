import GRDB

extension StoredCatalogueEntry: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "catalogue_entry"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        rowID = inserted.rowID
    }
}

extension StoredCatalogueDataset: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "catalogue_dataset"
}
