/// Why a data table could not be read or used; each message names the place and what to do.
public enum DataTableError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case emptyFile(path: String)
    case missingColumn(String, available: [String])
    case notNumeric(column: String, row: Int, value: String)
    case ragged(line: Int, expected: Int, found: Int)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .emptyFile(let path):
            "\(path) has no header line; give a CSV file whose first line names the columns"
        case .missingColumn(let name, let available):
            "column '\(name)' does not exist; the data has: \(available.prefix(20).joined(separator: ", "))\(available.count > 20 ? ", …" : "")"
        case .notNumeric(let column, let row, let value):
            "non-numeric value '\(value)' at row \(row) column '\(column)'; fix the data or declare it missing with --na"
        case .ragged(let line, let expected, let found):
            "line \(line) has \(found) fields but the header has \(expected); check quoting and separators"
        }
    }
}
