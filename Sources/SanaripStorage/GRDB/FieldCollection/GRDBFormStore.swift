import GRDB

/// ``FormStore`` on SQLite.
public struct GRDBFormStore: FormStore {
    let writer: any DatabaseWriter

    public init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    @discardableResult
    public func publish(_ version: FormVersion, media: [FormMedia], by actor: String) async throws -> FormVersion {
        try await writer.write(conflict: "form \(version.formID) version \(version.version) is already published") { db in
            var version = version
            version.id = nil
            try version.insert(db)
            for var file in media {
                file.formVersionID = version.id ?? 0
                try file.insert(db)
            }
            try db.audit(
                "form.publish", by: actor, objectType: "form_version", objectID: String(version.id ?? 0),
                detail: ["form_id": version.formID, "version": version.version, "md5": version.md5, "instrument_id": version.instrumentID]
            )
            return version
        }
    }

    public func formVersion(id: Int64) async throws -> FormVersion? {
        try await writer.read { db in try FormVersion.fetchOne(db, key: id) }
    }

    public func formVersion(formID: String, version: String) async throws -> FormVersion? {
        try await writer.read { db in try FormVersion.fetchOne(db, key: ["form_id": formID, "version": version]) }
    }

    public func versions(formID: String) async throws -> [FormVersion] {
        try await writer.read { db in
            try FormVersion.filter(FormVersion.Columns.formID == formID).order(FormVersion.Columns.id.desc).fetchAll(db)
        }
    }

    public func latestVersions() async throws -> [FormVersion] {
        try await writer.read { db in
            try FormVersion.fetchAll(
                db,
                sql: "SELECT * FROM form_version WHERE id IN (SELECT max(id) FROM form_version GROUP BY form_id) ORDER BY form_id"
            )
        }
    }

    public func media(formVersionID: Int64) async throws -> [FormMedia] {
        try await writer.read { db in
            try FormMedia.filter(FormMedia.Columns.formVersionID == formVersionID).order(FormMedia.Columns.filename).fetchAll(db)
        }
    }
}
