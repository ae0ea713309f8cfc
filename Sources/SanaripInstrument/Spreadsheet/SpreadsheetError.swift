/// Why a spreadsheet could not be read or written, as one line naming the file, what is wrong and what to do.
public struct SpreadsheetError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file or folder name the problem is in.
    public var file: String
    /// What is wrong and, where it helps, what to do about it.
    public var message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}

extension SpreadsheetError {
    /// A byte count as people read it in messages, e.g. `200 MB`.
    static func byteText(_ bytes: Int) -> String {
        if bytes >= 1_000_000 {
            return bytes % 1_000_000 == 0 ? "\(bytes / 1_000_000) MB" : "\((Double(bytes) / 1e6 * 10).rounded() / 10) MB"
        }
        if bytes >= 1_000 {
            return bytes % 1_000 == 0 ? "\(bytes / 1_000) KB" : "\((Double(bytes) / 1e3 * 10).rounded() / 10) KB"
        }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }
}
