import Foundation

/// A form being typed in the browser (a paper questionnaire, a focus-group participant's short form), saved at
/// every page so nothing is lost; it becomes a submission when finished.
public struct EntryDraft: Sendable, Hashable, Codable, Identifiable {
    /// Assigned by the store on insert.
    public var id: Int64?
    public var formVersionID: Int64
    public var formID: String
    /// Who types it; only they see it.
    public var author: String
    /// Answer texts by question path (`person/age`).
    public var answers: [String: String]
    /// The page shown last, from 0.
    public var page: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64? = nil, formVersionID: Int64, formID: String, author: String, answers: [String: String] = [:], page: Int = 0,
        createdAt: Date = Date(), updatedAt: Date = Date()
    ) {
        self.id = id
        self.formVersionID = formVersionID
        self.formID = formID
        self.author = author
        self.answers = answers
        self.page = page
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id
        case formVersionID = "form_version_id"
        case formID = "form_id"
        case author, answers, page
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}
