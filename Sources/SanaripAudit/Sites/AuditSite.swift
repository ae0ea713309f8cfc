/// One channel of a municipality to audit: its official website, or another channel (a social page, a page on a
/// national or district portal). The municipality is named by its SOATE code from the frame.
public struct AuditSite: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case website, portal, facebook, instagram, telegram, youtube, ok, other
    }

    /// SOATE code (or the frame's name) of the municipality.
    public var municipality: String
    /// Empty when the municipality has no website: a finding, scored 0, not an error.
    public var url: String
    public var kind: Kind

    public init(municipality: String, url: String, kind: Kind = .website) {
        self.municipality = municipality
        self.url = url
        self.kind = kind
    }

    /// Whether the crawler audits this channel (websites and portal pages; social pages are counted as channels).
    public var isCrawled: Bool { kind == .website || kind == .portal }
}
