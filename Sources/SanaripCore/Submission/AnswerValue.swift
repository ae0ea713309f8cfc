/// One answer in a submission, typed as the question's XForm type declares it.
///
/// Dates and times stay as the ISO 8601 text the submission carries; `CivilDateTime` reads them.
public enum AnswerValue: Sendable, Hashable {
    /// Asked and left blank, or not relevant.
    case empty
    /// `text`, `select_one`, geopoints, barcodes and anything else carried as plain text.
    case text(String)
    /// `integer`
    case integer(Int)
    /// `decimal`
    case number(Double)
    /// `acknowledge` and other boolean answers.
    case boolean(Bool)
    /// `date`: `yyyy-MM-dd`.
    case date(String)
    /// `time`: `HH:mm:ss.SSS±hh:mm`.
    case time(String)
    /// `dateTime`, `start`, `end`: `yyyy-MM-ddTHH:mm:ss.SSS±hh:mm`.
    case dateTime(String)
    /// `select_multiple`: the chosen choice names, in the order stored.
    case selections([String])

    /// The answer as the XForm instance stores it: selections space-separated, booleans
    /// `true`/`false`, decimals as JavaRosa writes them (`2.5`, `3`, `1.5E7`).
    public var stringValue: String {
        switch self {
        case .empty: ""
        case .text(let text), .date(let text), .time(let text), .dateTime(let text): text
        case .integer(let value): String(value)
        case .number(let value): XPathNumber.string(value)
        case .boolean(let value): value ? "true" : "false"
        case .selections(let names): names.joined(separator: " ")
        }
    }

    /// True when the answer stores as empty text, as a blank question does.
    public var isEmpty: Bool {
        switch self {
        case .empty: true
        case .text(let text), .date(let text), .time(let text), .dateTime(let text): text.isEmpty
        case .selections(let names): names.allSatisfy(\.isEmpty)
        case .integer, .number, .boolean: false
        }
    }
}
