import Foundation

/// Which current submissions of one form a review list shows, and which page of them.
public struct SubmissionQuery: Sendable, Hashable {
    public var formID: String
    public var version: String?
    public var reviewState: SubmissionReviewState?
    /// Who sent it, as ``StoredSubmission/submitter``.
    public var submitter: String?
    /// Answers of the submission's own row that must equal the given text, by question path.
    public var answers: [String: String]
    /// Received at or after this moment.
    public var receivedFrom: Date?
    /// Received before this moment.
    public var receivedBefore: Date?
    public var offset: Int
    public var limit: Int

    public init(
        formID: String, version: String? = nil, reviewState: SubmissionReviewState? = nil, submitter: String? = nil,
        answers: [String: String] = [:], receivedFrom: Date? = nil, receivedBefore: Date? = nil, offset: Int = 0, limit: Int = 50
    ) {
        self.formID = formID
        self.version = version
        self.reviewState = reviewState
        self.submitter = submitter
        self.answers = answers
        self.receivedFrom = receivedFrom
        self.receivedBefore = receivedBefore
        self.offset = offset
        self.limit = limit
    }
}

/// One page of a ``SubmissionQuery``: the submissions, newest first, and how many match in all.
public struct SubmissionPage: Sendable, Hashable {
    public var submissions: [StoredSubmission]
    public var total: Int

    public init(submissions: [StoredSubmission], total: Int) {
        self.submissions = submissions
        self.total = total
    }
}

/// The answers a fieldwork dashboard reads from one current submission.
public struct FieldworkRecord: Sendable, Hashable {
    public var submissionID: Int64
    public var instanceID: String
    public var submitter: String
    public var receivedAt: Date
    public var reviewState: SubmissionReviewState
    /// The asked paths' texts on the submission's own row; a path without an answer is absent.
    public var values: [String: String]

    public init(
        submissionID: Int64, instanceID: String, submitter: String, receivedAt: Date, reviewState: SubmissionReviewState, values: [String: String]
    ) {
        self.submissionID = submissionID
        self.instanceID = instanceID
        self.submitter = submitter
        self.receivedAt = receivedAt
        self.reviewState = reviewState
        self.values = values
    }
}
