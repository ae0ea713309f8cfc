import Foundation

/// One version of a submission: the XML exactly as received is the source of truth; answers are parsed beside it.
///
/// An edit arrives with a new instance id and `meta/deprecatedID` naming the version it replaces; every version
/// is kept and exactly one of a chain (same ``rootInstanceID``) is current.
public struct StoredSubmission: Sendable, Hashable, Codable, Identifiable {
    /// Assigned by the store on insert.
    public var id: Int64?
    /// `meta/instanceID`, usually `uuid:…`.
    public var instanceID: String
    /// `meta/deprecatedID`: the version this one replaces.
    public var deprecatedID: String?
    /// The instance id of the first version in the chain of edits.
    public var rootInstanceID: String
    /// True for the latest version of its chain.
    public var isCurrent: Bool
    public var formVersionID: Int64
    public var formID: String
    public var version: String
    /// The `xml_submission_file` byte for byte.
    public var xml: Data
    /// Lower-case hex MD5 of ``xml``.
    public var xmlMD5: String
    /// The collector or user who sent it, as the audit log names them.
    public var submitter: String
    public var collectorID: Int64?
    /// `deviceID` from the query or the form's metadata, when Collect sends it.
    public var deviceID: String?
    public var receivedAt: Date
    public var reviewState: SubmissionReviewState
    /// Answers that break the form's types or constraints, as sentences; the submission is kept regardless.
    public var problems: [String]
    /// An encrypted form's manifest: the answers are in the `submission.xml.enc` attachment, for the private key's holder.
    public var encrypted: Bool

    public init(
        id: Int64? = nil,
        instanceID: String,
        deprecatedID: String? = nil,
        rootInstanceID: String? = nil,
        isCurrent: Bool = true,
        formVersionID: Int64,
        formID: String,
        version: String,
        xml: Data,
        xmlMD5: String,
        submitter: String,
        collectorID: Int64? = nil,
        deviceID: String? = nil,
        receivedAt: Date = Date(),
        reviewState: SubmissionReviewState = .received,
        problems: [String] = [],
        encrypted: Bool = false
    ) {
        self.id = id
        self.instanceID = instanceID
        self.deprecatedID = deprecatedID
        self.rootInstanceID = rootInstanceID ?? instanceID
        self.isCurrent = isCurrent
        self.formVersionID = formVersionID
        self.formID = formID
        self.version = version
        self.xml = xml
        self.xmlMD5 = xmlMD5
        self.submitter = submitter
        self.collectorID = collectorID
        self.deviceID = deviceID
        self.receivedAt = receivedAt
        self.reviewState = reviewState
        self.problems = problems
        self.encrypted = encrypted
    }

    enum CodingKeys: String, CodingKey {
        case id
        case instanceID = "instance_id"
        case deprecatedID = "deprecated_id"
        case rootInstanceID = "root_instance_id"
        case isCurrent = "is_current"
        case formVersionID = "form_version_id"
        case formID = "form_id"
        case version, xml
        case xmlMD5 = "xml_md5"
        case submitter
        case collectorID = "collector_id"
        case deviceID = "device_id"
        case receivedAt = "received_at"
        case reviewState = "review_state"
        case problems, encrypted
    }
}

/// Where a submission stands in review.
public enum SubmissionReviewState: String, Sendable, Hashable, Codable, CaseIterable {
    case received
    case hasIssues = "has_issues"
    case edited
    case approved
    case rejected
}
