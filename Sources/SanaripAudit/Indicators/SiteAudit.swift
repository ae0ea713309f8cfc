import Foundation

/// The audit of one municipality's site in one round: the headline facts, every indicator with its evidence,
/// the group scores, index and level, and the pages fetched.
public struct SiteAudit: Sendable, Hashable, Codable {
    /// A page the crawler fetched (its body is kept in the round's snapshots, not here).
    public struct PageSummary: Sendable, Hashable, Codable {
        public var url: String
        public var finalURL: String
        public var status: Int
        public var seconds: Double
        public var bytes: Int
        public var truncated: Bool
        public var redirects: [FetchedPage.Redirect]
        public var failure: String?
        public var charset: String?
    }

    public var municipality: String
    public var url: String
    public var reachable = false
    public var status = 0
    public var https = false
    public var languages: [String] = []
    public var title = ""
    public var mobileViewport = false
    public var hasContacts = false
    public var hasBudget = false
    public var hasEservicesLink = false
    public var hasFeedback = false
    public var socialLinks: [String] = []
    /// ISO date (yyyy-MM-dd) of the newest update found.
    public var lastUpdate: String?
    public var pagesFetched = 0
    public var responseSeconds: Double?
    public var homeBytes: Int?
    /// `meta generator`.
    public var cms: String?
    /// Why the site could not be read (dead, timed out, disallowed, no website).
    public var problem: String?
    public var indicators: [IndicatorResult] = []
    public var groupScores: [String: Double] = [:]
    public var score = 0.0
    public var level = LOSILevel.low.rawValue
    public var pages: [PageSummary] = []

    public init(municipality: String, url: String) {
        self.municipality = municipality
        self.url = url
    }

    /// The answer of indicator `id`.
    public func indicator(_ id: String) -> IndicatorResult? {
        indicators.first { $0.id == id }
    }

    /// Applies the index to the indicators' values (with reviewers' answers, when given, replacing them).
    public mutating func score(with index: AuditIndex, reviewed: [String: Double] = [:]) {
        var values: [String: Double] = [:]
        for result in indicators { values[result.id] = result.value }
        for (id, value) in reviewed { values[id] = value }
        let scored = index.score(values)
        groupScores = Dictionary(uniqueKeysWithValues: scored.groups.map { ($0.key.rawValue, $0.value) })
        score = scored.index
        level = scored.level.rawValue
    }
}
