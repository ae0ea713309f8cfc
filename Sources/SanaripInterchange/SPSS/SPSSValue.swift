import SanaripCore

/// One cell of an SPSS case: a number, a string, or missing (system-missing for a numeric variable,
/// blank for a string variable).
public enum SPSSValue: Sendable, Hashable {
    case number(Double)
    case string(String)
    case missing

    /// Seconds from 1582-10-14 (SPSS's epoch) to 1970-01-01: 141,428 days.
    static let secondsBeforeUnixEpoch: Double = 12_219_379_200

    /// A date or date-time as SPSS stores it: seconds since midnight of 14 October 1582, wall-clock time
    /// (SPSS has no time zones). Pair it with a date format such as `SPSSFormat.date` or `.dateTime`.
    public static func date(_ value: CivilDateTime) -> SPSSValue {
        .number(value.wallSecondsSinceEpoch + secondsBeforeUnixEpoch)
    }

    /// A time of day or duration in seconds, for `SPSSFormat.time`.
    public static func time(seconds: Double) -> SPSSValue {
        .number(seconds)
    }
}

extension SPSSValue: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(stringLiteral value: String) { self = .string(value) }
}

extension SPSSValue: CustomStringConvertible {
    public var description: String {
        switch self {
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .string(let text): "\"\(text)\""
        case .missing: "missing"
        }
    }
}
