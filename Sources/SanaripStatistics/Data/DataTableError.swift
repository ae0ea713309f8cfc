/// Why a data table could not be read or used; each message names the file, the row and the column, and what to do.
public enum DataTableError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case emptyFile(path: String)
    case missingColumn(String, available: [String], file: String)
    /// `row` is the file row (header = row 1).
    case notNumeric(file: String, row: Int, column: String, value: String)
    /// `row` is the file row (header = row 1).
    case ragged(file: String, row: Int, expected: Int, found: Int)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .emptyFile(let path):
            "\(path) has no header line; give a CSV or XLSX file whose first row names the columns"
        case .missingColumn(let name, let available, let file):
            "\(file): no column '\(name)'; the data has: \(available.prefix(20).joined(separator: ", "))\(available.count > 20 ? ", …" : "")"
        case .notNumeric(let file, let row, let column, let value):
            "\(file), row \(row), column \(column): non-numeric value '\(value)'; fix the data or declare it missing with --na"
        case .ragged(let file, let row, let expected, let found):
            "\(file), row \(row): \(found) fields but the header has \(expected); check quoting and separators"
        }
    }
}
