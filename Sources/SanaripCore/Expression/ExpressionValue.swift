/// The result of evaluating an expression: an XPath 1.0 value, plus the date types ODK adds.
///
/// Conversions follow JavaRosa (ODK Collect): a node-set of one answer converts as that
/// answer's typed value, so an empty answer is `''`, NaN and false.
public enum ExpressionValue: Sendable, Hashable {
    case string(String)
    case number(Double)
    case boolean(Bool)
    /// A date as `today()` and `date()` return it; converts to `yyyy-MM-dd` and to days since 1970.
    case date(CivilDateTime)
    /// A date and time as `now()` and `date-time()` return it; converts to ISO 8601 text and to
    /// the whole days since 1970 of its date.
    case dateTime(CivilDateTime)
    /// The answers a path or `${name}` selects, in document order.
    case nodeSet([AnswerValue])

    /// The typed value of one answer: numbers for numeric types, dates for valid dates, text otherwise.
    public init(_ answer: AnswerValue) {
        switch answer {
        case .empty: self = .string("")
        case .text(let text), .time(let text): self = .string(text)
        case .integer(let value): self = .number(Double(value))
        case .number(let value): self = .number(value)
        case .boolean(let value): self = .boolean(value)
        case .date(let text): self = CivilDateTime(iso: text).map { .date($0) } ?? .string(text)
        case .dateTime(let text): self = CivilDateTime(iso: text).map { .dateTime($0) } ?? .string(text)
        case .selections: self = .string(answer.stringValue)
        }
    }

    /// A node-set as the single value it stands for (its first answer, or `''` when empty);
    /// any other value as itself.
    public var scalar: ExpressionValue {
        guard case .nodeSet(let answers) = self else { return self }
        return answers.first.map(ExpressionValue.init) ?? .string("")
    }

    /// XPath `string()`.
    public var stringValue: String {
        switch self {
        case .string(let text): text
        case .number(let value): XPathNumber.string(value)
        case .boolean(let value): value ? "true" : "false"
        case .date(let date): date.dateString
        case .dateTime(let date): date.dateTimeString
        case .nodeSet: scalar.stringValue
        }
    }

    /// XPath `number()`: text as a plain decimal (`,` accepted as the point), else NaN.
    public var numberValue: Double {
        switch self {
        case .string(let text): XPathNumber.parse(text)
        case .number(let value): value
        case .boolean(let value): value ? 1 : 0
        case .date(let date), .dateTime(let date): Double(date.daysSinceEpoch)
        case .nodeSet: scalar.numberValue
        }
    }

    /// XPath `boolean()`: non-empty text, a number other than 0 and NaN, any date; a node-set of
    /// one answer by that answer's value, of several as true, of none as false.
    public var booleanValue: Bool {
        switch self {
        case .string(let text): !text.isEmpty
        case .number(let value): abs(value) > 1e-12 && !value.isNaN
        case .boolean(let value): value
        case .date, .dateTime: true
        case .nodeSet(let answers): answers.count > 1 ? true : scalar.booleanValue
        }
    }

    /// True for `''`, NaN, and an empty or blank node-set: what `coalesce` and `once` skip.
    public var isEmptyValue: Bool {
        switch scalar {
        case .string(let text): text.isEmpty
        case .number(let value): value.isNaN
        default: false
        }
    }
}
