import GRDB

/// ``InstrumentStore`` on SQLite.
public struct GRDBInstrumentStore: InstrumentStore {
    let writer: any DatabaseWriter

    public init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    public func instruments(studyID: String) async throws -> [StoredInstrument] {
        try await writer.read { db in
            try StoredInstrument
                .filter(StoredInstrument.Columns.studyID == studyID)
                .order(StoredInstrument.Columns.formID, StoredInstrument.Columns.version.desc)
                .fetchAll(db)
        }
    }

    public func instrument(id: String) async throws -> StoredInstrument? {
        try await writer.read { db in try StoredInstrument.fetchOne(db, key: id) }
    }

    public func instrument(formID: String, version: String) async throws -> StoredInstrument? {
        try await writer.read { db in
            try StoredInstrument.fetchOne(db, key: ["form_id": formID, "version": version])
        }
    }

    public func insert(_ instrument: StoredInstrument, by actor: String) async throws {
        try await writer.write(conflict: "instrument \(instrument.formID) version \(instrument.version) exists") { db in
            try instrument.insert(db)
            try db.audit(
                .create, by: actor, objectType: "instrument", objectID: instrument.id,
                detail: ["form_id": instrument.formID, "version": instrument.version]
            )
        }
    }

    public func delete(id: String, by actor: String) async throws {
        try await writer.write { db in
            guard try StoredInstrument.deleteOne(db, key: id) else {
                throw StorageError.notFound("instrument \(id)")
            }
            try db.audit(.delete, by: actor, objectType: "instrument", objectID: id)
        }
    }
}
