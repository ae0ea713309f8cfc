import SanaripCore
/// Submissions as received, their parsed answers and their attachments.
public protocol SubmissionStore: Sendable {
    /// Stores a submission, or adds attachments to an identical one, in one transaction with its audit entry.
    ///
    /// - A new instance id is a new submission; with `deprecatedID` it is an edit that becomes the current
    ///   version of the edited submission's chain (which must be current) and inherits its attachments.
    /// - The same instance id with byte-identical XML adds the files not yet present and changes nothing else.
    /// - Throws: ``StorageError/conflict(_:)`` for the same instance id with different XML or an edit of an
    ///   out-of-date version; ``StorageError/notFound(_:)`` when the edited version does not exist.
    func receive(_ incoming: IncomingSubmission, by actor: String) async throws -> SubmissionReceipt
    func submission(instanceID: String) async throws -> StoredSubmission?
    /// Every version in the chain of edits that `rootInstanceID` starts, oldest first.
    func history(rootInstanceID: String) async throws -> [StoredSubmission]
    func attachments(submissionID: Int64) async throws -> [SubmissionAttachment]
    /// The paths (relative to the data folder) of every attachment file a submission refers to.
    func attachmentPaths() async throws -> Set<String>
    /// The parsed answers of one submission, its own row first.
    func answerRows(submissionID: Int64) async throws -> [SubmissionAnswerRow]
    /// Up to `limit` current submissions of `formID` after the one with id `after`, in the order received,
    /// with their packed answers and attachment counts: pages for exports that keep memory flat.
    func currentSubmissions(formID: String, after: Int64?, limit: Int) async throws -> [SubmissionExportRecord]
    /// How many current submissions `formID` has.
    func currentSubmissionCount(formID: String) async throws -> Int
}

/// What the server hands the store for one POST: the submission, its answers and the files already on disk.
public struct IncomingSubmission: Sendable {
    public var submission: StoredSubmission
    public var rows: [SubmissionAnswerRow]
    /// File names the XML refers to in its media questions.
    public var expectedAttachments: [String]
    /// Files received in this request, already durable on disk.
    public var files: [ReceivedFile]

    public init(submission: StoredSubmission, rows: [SubmissionAnswerRow], expectedAttachments: [String], files: [ReceivedFile]) {
        self.submission = submission
        self.rows = rows
        self.expectedAttachments = expectedAttachments
        self.files = files
    }
}

/// A file that arrived with a submission, written under the data folder.
public struct ReceivedFile: Sendable, Hashable {
    public var name: String
    public var contentType: String
    public var size: Int64
    public var md5: String
    /// Relative to the data folder.
    public var path: String

    public init(name: String, contentType: String, size: Int64, md5: String, path: String) {
        self.name = name
        self.contentType = contentType
        self.size = size
        self.md5 = md5
        self.path = path
    }
}

/// What ``SubmissionStore/receive(_:by:)`` did.
public struct SubmissionReceipt: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        /// A new submission.
        case created
        /// A new version replacing `meta/deprecatedID`.
        case edited
        /// The same XML again: only files not yet present were added.
        case resubmitted
    }

    public var outcome: Outcome
    public var submissionID: Int64
    /// Files of this request the store did not keep (already present, or not named by the XML); the caller deletes them.
    public var unusedFiles: [ReceivedFile]
    /// Expected files still missing after this request.
    public var missingAttachments: [String]

    public init(outcome: Outcome, submissionID: Int64, unusedFiles: [ReceivedFile], missingAttachments: [String]) {
        self.outcome = outcome
        self.submissionID = submissionID
        self.unusedFiles = unusedFiles
        self.missingAttachments = missingAttachments
    }
}
