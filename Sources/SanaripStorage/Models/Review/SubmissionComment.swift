import Foundation

/// A reviewer's comment on a submission, kept with its chain of edits (as ODK Central keeps comments on the
/// submission, not on one version) and naming the version it was written about.
public struct SubmissionComment: Sendable, Hashable, Codable, Identifiable {
    /// Assigned by the store on insert.
    public var id: Int64?
    public var rootInstanceID: String
    /// The version the comment was written about.
    public var submissionID: Int64
    public var author: String
    public var body: String
    public var createdAt: Date

    public init(id: Int64? = nil, rootInstanceID: String, submissionID: Int64, author: String, body: String, createdAt: Date = Date()) {
        self.id = id
        self.rootInstanceID = rootInstanceID
        self.submissionID = submissionID
        self.author = author
        self.body = body
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id
        case rootInstanceID = "root_instance_id"
        case submissionID = "submission_id"
        case author, body
        case createdAt = "created_at"
    }
}
