import Foundation

/// A catalogue entry as stored: the study, kind and entry id, its checked column values, the text indexed for
/// search, its review state, whether it is demo data, and who changed it last.
public struct StoredCatalogueEntry: Sendable, Hashable, Codable {
    /// Assigned by the store.
    public var rowID: Int64?
    public var studyID: String
    public var kind: String
    public var entryID: String
    /// Column name → canonical text.
    public var fields: [String: String]
    public var searchText: String
    public var reviewState: String
    public var demo: Bool
    public var createdAt: Date
    public var updatedAt: Date
    public var updatedBy: String

    /// The audit detail of a deletion holding the entry's fields as JSON, from which it can be restored.
    public static let deletedFields = "deleted_fields"

    public init(studyID: String, kind: String, entryID: String, fields: [String: String], searchText: String, reviewState: String = "draft",
                demo: Bool = false, createdAt: Date = Date(), updatedAt: Date = Date(), updatedBy: String = "") {
        self.studyID = studyID
        self.kind = kind
        self.entryID = entryID
        self.fields = fields
        self.searchText = searchText
        self.reviewState = reviewState
        self.demo = demo
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }

    enum CodingKeys: String, CodingKey {
        case rowID = "id"
        case studyID = "study_id"
        case kind
        case entryID = "entry_id"
        case fields
        case searchText = "search_text"
        case reviewState = "review_state"
        case demo
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case updatedBy = "updated_by"
    }
}
