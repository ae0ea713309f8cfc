import Foundation

/// A monitoring dataset stored whole as imported: a set of series (official or manual) or the event log, its
/// records encoded by the catalogue layer.
public struct StoredCatalogueDataset: Sendable, Hashable, Codable {
    public var studyID: String
    /// `series` or `events`.
    public var kind: String
    /// The dataset's name (for series, e.g. the file it came from); importing again under the name replaces it.
    public var name: String
    public var fileName: String
    /// The records, as JSON.
    public var data: Data
    /// How many records it holds.
    public var count: Int
    public var updatedAt: Date
    public var updatedBy: String

    public init(studyID: String, kind: String, name: String, fileName: String, data: Data, count: Int, updatedAt: Date = Date(), updatedBy: String = "") {
        self.studyID = studyID
        self.kind = kind
        self.name = name
        self.fileName = fileName
        self.data = data
        self.count = count
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }

    enum CodingKeys: String, CodingKey {
        case studyID = "study_id", kind, name, fileName = "file_name", data, count, updatedAt = "updated_at", updatedBy = "updated_by"
    }
}
