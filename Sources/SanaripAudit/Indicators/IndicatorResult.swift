/// Where an indicator's answer comes from: the page and what was found there.
public struct Evidence: Sendable, Hashable, Codable {
    public var url: String
    public var found: String

    public init(url: String, found: String) {
        self.url = url
        self.found = found
    }
}

/// One indicator's answer for one site: 1 found, 0 not found (0.5 partly, from a reviewer), nil not assessed.
public struct IndicatorResult: Sendable, Hashable, Codable {
    public var id: String
    public var value: Double?
    public var evidence: [Evidence]

    public init(id: String, value: Double?, evidence: [Evidence] = []) {
        self.id = id
        self.value = value
        self.evidence = evidence
    }
}
