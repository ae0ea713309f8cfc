import Foundation

/// A file sent with a submission, kept under the data folder; expected ones are listed before they arrive.
public struct SubmissionAttachment: Sendable, Hashable, Codable {
    public var submissionID: Int64
    /// The file name the XML names.
    public var name: String
    /// False while an expected file has not been received.
    public var isPresent: Bool
    public var contentType: String?
    public var size: Int64?
    public var md5: String?
    /// The file's path relative to the data folder.
    public var path: String?

    public init(
        submissionID: Int64,
        name: String,
        isPresent: Bool = false,
        contentType: String? = nil,
        size: Int64? = nil,
        md5: String? = nil,
        path: String? = nil
    ) {
        self.submissionID = submissionID
        self.name = name
        self.isPresent = isPresent
        self.contentType = contentType
        self.size = size
        self.md5 = md5
        self.path = path
    }

    enum CodingKeys: String, CodingKey {
        case submissionID = "submission_id"
        case name
        case isPresent = "is_present"
        case contentType = "content_type"
        case size, md5, path
    }
}
