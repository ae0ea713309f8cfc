/// The five groups of UN DESA's Local Online Service Index.
public enum LOSIGroup: String, Sendable, Codable, CaseIterable, Hashable {
    case institutional, content, services, participation, technology
}

/// LOSI's levels of an index value (0–1).
public enum LOSILevel: String, Sendable, Codable, CaseIterable, Hashable {
    case veryHigh = "very high", high, middle, low

    public init(score: Double) {
        switch score {
        case 0.75...: self = .veryHigh
        case 0.5..<0.75: self = .high
        case 0.25..<0.5: self = .middle
        default: self = .low
        }
    }
}
