/// Why media input could not be used: the file (or address), where in it, and what to do.
public enum MediaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A file with a problem at a row (1-based, as a spreadsheet shows it) and column.
    case invalid(file: String, row: Int?, column: String?, reason: String)
    /// A feed that could not be read.
    case brokenFeed(url: String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let file, let row, let column, let reason):
            var place = file
            if let row { place += ", row \(row)" }
            if let column { place += ", column \(column)" }
            return "\(place): \(reason)"
        case .brokenFeed(let url, let reason):
            return "\(url): \(reason)"
        }
    }
}
