/// One row of a submission's parsed answers: the submission itself, or one instance of a repeat.
///
/// ```
/// row 1  repeat ""                  (the submission)
/// row 2  repeat "household/member"  position 1, parent 1
/// ```
public struct SubmissionAnswerRow: Sendable, Hashable {
    /// The repeat's path from the root (`household/member`), empty for the submission's own row.
    public var repeatPath: String
    /// 1-based position among the instances of the repeat under the same parent.
    public var position: Int
    /// Index of the parent row in the submission's list of rows; nil for the submission's own row.
    public var parent: Int?
    public var answers: [SubmissionAnswer]

    public init(repeatPath: String = "", position: Int = 1, parent: Int? = nil, answers: [SubmissionAnswer] = []) {
        self.repeatPath = repeatPath
        self.position = position
        self.parent = parent
        self.answers = answers
    }
}

/// One typed answer: the text as the XML carries it, and its number for numeric types.
public struct SubmissionAnswer: Sendable, Hashable {
    /// The question's path from the root, groups included (`access/used_internet`).
    public var path: String
    /// The question's XLSForm type name (`integer`, `select_multiple yn`).
    public var type: String
    public var text: String
    /// The value for `integer`, `decimal` and `range` answers that read as numbers.
    public var number: Double?

    public init(path: String, type: String, text: String, number: Double? = nil) {
        self.path = path
        self.type = type
        self.text = text
        self.number = number
    }
}
