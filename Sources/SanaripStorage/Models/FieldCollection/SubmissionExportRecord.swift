import SanaripCore

/// A current submission as an export reads it: the columns Central writes beside the answers, and the answer
/// rows with their answers packed (no raw XML, no per-answer rows), so a page of them is cheap to read.
public struct SubmissionExportRecord: Sendable, Hashable {
    public var id: Int64
    public var instanceID: String
    /// When the server received it, as Central writes `SubmissionDate` (`2026-12-04T13:38:25.123Z`).
    public var submissionDate: String
    public var submitter: String
    public var collectorID: Int64?
    public var deviceID: String?
    public var reviewState: SubmissionReviewState
    public var version: String
    /// How many versions came before this one.
    public var editCount: Int
    public var attachmentsPresent: Int
    public var attachmentsExpected: Int
    /// An encrypted form's manifest: `rows` is empty until the export decrypts `submission.xml.enc`.
    public var encrypted: Bool
    public var rows: [Row]

    /// One row of answers: the submission itself or one instance of a repeat.
    public struct Row: Sendable, Hashable {
        public var repeatPath: String
        public var position: Int
        /// Index of the parent row in the record's rows; nil for the submission's own row.
        public var parent: Int?
        public var answers: PackedAnswers

        public init(repeatPath: String, position: Int, parent: Int?, answers: PackedAnswers) {
            self.repeatPath = repeatPath
            self.position = position
            self.parent = parent
            self.answers = answers
        }

        /// The row of `row`, its answers packed.
        public init(_ row: SubmissionAnswerRow) {
            self.init(repeatPath: row.repeatPath, position: row.position, parent: row.parent, answers: PackedAnswers(row.answers))
        }
    }

    public init(
        id: Int64, instanceID: String, submissionDate: String, submitter: String, collectorID: Int64?, deviceID: String?,
        reviewState: SubmissionReviewState, version: String, editCount: Int, attachmentsPresent: Int, attachmentsExpected: Int,
        encrypted: Bool, rows: [Row]
    ) {
        self.id = id
        self.instanceID = instanceID
        self.submissionDate = submissionDate
        self.submitter = submitter
        self.collectorID = collectorID
        self.deviceID = deviceID
        self.reviewState = reviewState
        self.version = version
        self.editCount = editCount
        self.attachmentsPresent = attachmentsPresent
        self.attachmentsExpected = attachmentsExpected
        self.encrypted = encrypted
        self.rows = rows
    }
}
