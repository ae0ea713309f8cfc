/// What supervisors do with submissions: find them, set their review state, comment on them, assign
/// interviewers to the units of a sampling plan, and keep drafts of forms typed in the browser. Every change is logged in the same transaction.
public protocol SubmissionReviewStore: Sendable {
    /// One page of the current submissions that `query` selects, newest first.
    func page(_ query: SubmissionQuery) async throws -> SubmissionPage
    /// Any version, by its row id.
    func submission(id: Int64) async throws -> StoredSubmission?
    /// Sets the review state of the current version of `submissionID`'s chain, with an optional comment.
    ///
    /// - Throws: ``StorageError/notFound(_:)`` for an unknown submission, ``StorageError/conflict(_:)`` when
    ///   `submissionID` is not the current version (someone edited it meanwhile).
    func review(submissionID: Int64, state: SubmissionReviewState, comment: String?, by actor: String) async throws
    /// Adds a comment about the version `submissionID`.
    func comment(submissionID: Int64, body: String, by actor: String) async throws
    /// The comments on a chain of edits, oldest first.
    func comments(rootInstanceID: String) async throws -> [SubmissionComment]
    /// The given answers of every current submission of `formID`, in the order received.
    func fieldworkRecords(formID: String, paths: [String]) async throws -> [FieldworkRecord]
    /// The interviewers assigned to `planID`'s units.
    func assignments(planID: Int64) async throws -> [InterviewerAssignment]
    /// Replaces every assignment of `planID` with `assignments`.
    func replaceAssignments(planID: Int64, with assignments: [InterviewerAssignment], by actor: String) async throws
    /// Saves a browser-entry draft (inserting it when it has no id) and returns it with its id.
    func save(_ draft: EntryDraft, by actor: String) async throws -> EntryDraft
    func draft(id: Int64) async throws -> EntryDraft?
    /// `author`'s drafts, newest first.
    func drafts(author: String) async throws -> [EntryDraft]
    /// Removes a draft once it became a submission, or when its author discards it.
    func deleteDraft(id: Int64, by actor: String) async throws
}
