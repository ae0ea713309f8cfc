/// One row of an XLSForm's survey sheet that collects or computes a value.
///
/// Expressions (relevance, constraint, calculation, …) are kept as the text the author wrote,
/// with `${name}` references; the instrument engine parses and checks them.
public struct Question: Sendable, Hashable {
    public var name: String
    public var type: QuestionType
    public var label = LocalizedText()
    public var hint = LocalizedText()
    public var guidanceHint = LocalizedText()
    /// Media shown with the label, by kind (`image`, `big-image`, `audio`, `video`): file names per language.
    public var media: [String: LocalizedText] = [:]
    /// `true()` for always required, or an expression, or nil when optional.
    public var required: String?
    public var requiredMessage = LocalizedText()
    public var relevant: String?
    public var constraint: String?
    public var constraintMessage = LocalizedText()
    public var calculation: String?
    /// The starting value: a literal, or an expression when it references other fields or calls functions.
    public var defaultValue: String?
    /// `true()` for read-only, or an expression.
    public var readOnly: String?
    public var appearance: String?
    public var choiceFilter: String?
    /// `key=value` settings from the `parameters` column, in the order written.
    public var parameters: [(key: String, value: String)] = []
    /// `${name}` of the question whose change recomputes this one's calculation.
    public var trigger: String?
    /// Adds an "Other" choice and a text question for it (`select_one list or_other`).
    public var orOther = false
    /// Extra attributes for the body control (`body::` columns).
    public var bodyAttributes: [String: String] = [:]
    /// Extra attributes for the bind (`bind::` columns).
    public var bindAttributes: [String: String] = [:]
    /// Columns that XLSForm does not define (for example `source`), kept for manuals and exports.
    public var extra: [String: String] = [:]
    /// The row of the survey sheet this question came from, for messages.
    public var row: Int?
    /// Identifies the respondent or is otherwise confidential (names, phone numbers, exact GPS): exports leave it
    /// out for anyone without the permission to see it (the XLSForm `sensitive` column).
    public var sensitive = false

    public init(name: String, type: QuestionType) {
        self.name = name
        self.type = type
    }

    /// The value of a `parameters` entry, matched without regard to case.
    public func parameter(_ key: String) -> String? {
        parameters.first { $0.key.lowercased() == key.lowercased() }?.value
    }

    public static func == (lhs: Question, rhs: Question) -> Bool {
        lhs.name == rhs.name && lhs.type == rhs.type && lhs.label == rhs.label && lhs.hint == rhs.hint
            && lhs.guidanceHint == rhs.guidanceHint && lhs.media == rhs.media && lhs.required == rhs.required
            && lhs.requiredMessage == rhs.requiredMessage && lhs.relevant == rhs.relevant
            && lhs.constraint == rhs.constraint && lhs.constraintMessage == rhs.constraintMessage
            && lhs.calculation == rhs.calculation && lhs.defaultValue == rhs.defaultValue
            && lhs.readOnly == rhs.readOnly && lhs.appearance == rhs.appearance
            && lhs.choiceFilter == rhs.choiceFilter
            && lhs.parameters.map(\.key) == rhs.parameters.map(\.key)
            && lhs.parameters.map(\.value) == rhs.parameters.map(\.value)
            && lhs.trigger == rhs.trigger && lhs.orOther == rhs.orOther
            && lhs.bodyAttributes == rhs.bodyAttributes && lhs.bindAttributes == rhs.bindAttributes
            && lhs.extra == rhs.extra && lhs.row == rhs.row && lhs.sensitive == rhs.sensitive
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(type)
        hasher.combine(row)
    }
}
