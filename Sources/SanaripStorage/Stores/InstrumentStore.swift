/// Instruments with their XLSForm sheets and XForm.
public protocol InstrumentStore: Sendable {
    /// The study's instruments, by form and then by newest version first.
    func instruments(studyID: String) async throws -> [StoredInstrument]
    func instrument(id: String) async throws -> StoredInstrument?
    func instrument(formID: String, version: String) async throws -> StoredInstrument?
    /// Adds an instrument and logs it as `actor`.
    ///
    /// - Throws: ``StorageError/conflict(_:)`` when the identifier or the form id and version are taken.
    func insert(_ instrument: StoredInstrument, by actor: String) async throws
    /// Removes an instrument and logs it as `actor`; throws ``StorageError/notFound(_:)`` when there is none.
    func delete(id: String, by actor: String) async throws
}
