import Foundation

/// A row of the web audit's sites list: a municipality (SOATE code) and one of its channels.
public struct WebAuditSite: Sendable, Hashable, Codable {
    public var municipality: String
    public var url: String
    public var kind: String

    public init(municipality: String, url: String, kind: String) {
        self.municipality = municipality
        self.url = url
        self.kind = kind
    }
}

/// A round of the web audit: every municipality crawled and scored once. Unfinished rounds can be resumed.
public struct WebAuditRound: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String
    public var startedAt: Date
    public var finishedAt: Date?
    /// Municipalities in the round.
    public var total: Int
    /// Municipalities with a result so far.
    public var done: Int
    /// The crawl settings, as JSON.
    public var settings: Data
    public var startedBy: String
}

/// One municipality's result in a round: its score, level and the whole audit (indicators and evidence) as JSON.
public struct WebAuditResult: Sendable, Hashable, Codable {
    public var roundID: Int64
    public var municipality: String
    public var score: Double
    public var level: String
    public var audit: Data
    public var finishedAt: Date

    public init(roundID: Int64, municipality: String, score: Double, level: String, audit: Data, finishedAt: Date) {
        self.roundID = roundID
        self.municipality = municipality
        self.score = score
        self.level = level
        self.audit = audit
        self.finishedAt = finishedAt
    }
}

/// A page as the crawler saw it: status, headers (JSON) and the body, zlib-compressed.
public struct WebAuditSnapshot: Sendable, Hashable, Codable {
    public var id: Int64?
    public var roundID: Int64
    public var municipality: String
    public var url: String
    public var finalURL: String
    public var status: Int
    public var fetchedAt: Date
    public var headers: Data
    public var body: Data
    public var bodyBytes: Int

    public init(id: Int64? = nil, roundID: Int64, municipality: String, url: String, finalURL: String, status: Int,
                fetchedAt: Date, headers: Data, body: Data, bodyBytes: Int) {
        self.id = id
        self.roundID = roundID
        self.municipality = municipality
        self.url = url
        self.finalURL = finalURL
        self.status = status
        self.fetchedAt = fetchedAt
        self.headers = headers
        self.body = body
        self.bodyBytes = bodyBytes
    }
}

/// A reviewer's answer to a checklist indicator: yes, partly or no, with a note.
public struct WebAuditAnswer: Sendable, Hashable, Codable {
    public var roundID: Int64
    public var municipality: String
    public var indicator: String
    public var reviewer: String
    public var answer: String
    public var note: String
    public var answeredAt: Date

    public init(roundID: Int64, municipality: String, indicator: String, reviewer: String, answer: String, note: String, answeredAt: Date) {
        self.roundID = roundID
        self.municipality = municipality
        self.indicator = indicator
        self.reviewer = reviewer
        self.answer = answer
        self.note = note
        self.answeredAt = answeredAt
    }
}
