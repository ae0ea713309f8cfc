/// Each study's catalogue entries, their full-text search, and the audit of who changed them.
public protocol CatalogueStore: Sendable {
    /// The study's entries of `kind` (all kinds when nil), by kind then id.
    func entries(studyID: String, kind: String?) async throws -> [StoredCatalogueEntry]
    func entry(studyID: String, kind: String, entryID: String) async throws -> StoredCatalogueEntry?
    /// Adds or replaces every entry in one transaction (all or nothing), logging each change as `actor`;
    /// returns how many were new and how many replaced.
    @discardableResult
    func save(_ entries: [StoredCatalogueEntry], by actor: String) async throws -> (created: Int, updated: Int)
    /// Removes one entry, logging it.
    func delete(studyID: String, kind: String, entryID: String, by actor: String) async throws
    /// Entries whose text holds every word of `query` (each as a word prefix, in any of ky/ru/en), best match first.
    func search(studyID: String, query: String, kind: String?) async throws -> [StoredCatalogueEntry]
    /// Adds or replaces a monitoring dataset (same study, kind and name), logging it.
    func save(_ dataset: StoredCatalogueDataset, by actor: String) async throws
    /// The study's datasets of `kind`, by name.
    func datasets(studyID: String, kind: String) async throws -> [StoredCatalogueDataset]
}
