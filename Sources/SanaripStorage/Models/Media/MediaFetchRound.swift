import Foundation

/// One collection of a study's feeds: when it ran, how far it got, what it added and what went wrong.
public struct MediaFetchRound: Sendable, Hashable, Codable {
    public var id: Int64
    public var study: String
    public var name: String
    public var startedAt: Date
    public var finishedAt: Date?
    public var feedsTotal: Int
    public var feedsDone: Int
    /// Articles new to the store.
    public var added: Int
    /// Items already stored (same URL, or same GUID or title in the same outlet).
    public var duplicates: Int
    /// One line per feed or page that failed, naming its address.
    public var problems: [String]
    public var startedBy: String

    public init(id: Int64, study: String, name: String, startedAt: Date, finishedAt: Date? = nil, feedsTotal: Int, feedsDone: Int = 0,
                added: Int = 0, duplicates: Int = 0, problems: [String] = [], startedBy: String) {
        self.id = id
        self.study = study
        self.name = name
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.feedsTotal = feedsTotal
        self.feedsDone = feedsDone
        self.added = added
        self.duplicates = duplicates
        self.problems = problems
        self.startedBy = startedBy
    }
}

/// What storing a batch of articles did.
public struct MediaInsertion: Sendable, Hashable {
    public var added: Int
    public var duplicates: Int

    public init(added: Int = 0, duplicates: Int = 0) {
        self.added = added
        self.duplicates = duplicates
    }
}
