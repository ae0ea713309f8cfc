import Foundation

/// A researcher's memo on a code: what the code is turning out to mean, doubts, links to other codes. Each
/// researcher keeps one memo per code (memos on coded segments are ``Coding/memo``).
public struct CodeMemo: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var codeID: UUID
    /// The researcher's user name.
    public var author: String
    public var text: String
    public var updatedAt: Date

    public init(id: UUID = UUID(), codeID: UUID, author: String, text: String, updatedAt: Date = Date()) {
        self.id = id
        self.codeID = codeID
        self.author = author
        self.text = text
        self.updatedAt = updatedAt
    }
}
