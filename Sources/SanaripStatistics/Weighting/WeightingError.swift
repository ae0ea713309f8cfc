/// Why weights could not be computed; `description` is a one-line message naming the margin and level at fault.
public enum WeightingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Inputs of different lengths (what, expected, found).
    case lengthMismatch(what: String, expected: Int, found: Int)
    /// A weight is missing, negative or not finite (0-based record index).
    case invalidWeight(record: Int, value: Double)
    /// A margin level has no record (or only zero weights) but a positive target.
    case emptyCell(variable: String, level: String)
    /// A record has a level that the margins do not list (0-based record index).
    case levelNotInMargins(variable: String, level: String, record: Int)
    /// A variable named in the margins is not among the data's variables.
    case unknownVariable(String)
    /// Margins of different variables add up to different population totals.
    case inconsistentTotals(variable: String, total: Double, firstVariable: String, firstTotal: Double)
    /// The iteration limit was reached; the worst margin level and its relative error.
    case notConverged(variable: String, level: String, relativeError: Double, iterations: Int)
    /// A parameter is out of range.
    case invalidParameter(name: String, requirement: String)

    public var description: String {
        switch self {
        case let .lengthMismatch(what, expected, found):
            return "\(what) has \(found) values but there are \(expected) records"
        case let .invalidWeight(record, value):
            return "record \(record + 1) has weight \(value): weights must be finite and ≥ 0"
        case let .emptyCell(variable, level):
            return "margin '\(variable)' level '\(level)' has no respondents (or only zero weights) but a positive total; merge it with a neighbouring level"
        case let .levelNotInMargins(variable, level, record):
            return "record \(record + 1) has \(variable) = '\(level)', which the margins do not list; add a total for it or recode the record"
        case let .unknownVariable(name):
            return "the margins name variable '\(name)', which is not in the data"
        case let .inconsistentTotals(variable, total, firstVariable, firstTotal):
            return "margin '\(variable)' totals \(total) but '\(firstVariable)' totals \(firstTotal); margins must describe the same population"
        case let .notConverged(variable, level, error, iterations):
            let place = level.isEmpty ? "margin '\(variable)'" : "margin '\(variable)' level '\(level)'"
            return "weights did not converge after \(iterations) iterations: \(place) is off by \(error * 100)% (relative); check for sparse cells, conflicting margins or too narrow bounds, or raise the iteration limit"
        case let .invalidParameter(name, requirement):
            return "\(name) \(requirement)"
        }
    }
}
