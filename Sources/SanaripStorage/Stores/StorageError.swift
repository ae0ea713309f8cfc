/// A change the store refused, described for the person who asked for it.
public enum StorageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A unique value (identifier, username, form id and version) is already taken.
    case conflict(String)
    /// The object to change does not exist.
    case notFound(String)

    public var description: String {
        switch self {
        case .conflict(let message): "conflict: \(message)"
        case .notFound(let message): "not found: \(message)"
        }
    }
}
