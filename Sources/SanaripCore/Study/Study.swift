/// A research study: what it sets out to measure and where, and the instruments it uses.
public struct Study: Sendable, Hashable, Identifiable {
    /// A short stable identifier used in addresses (`digital-divide-kg`).
    public var id: String
    public var title: LocalizedText
    public var summary: LocalizedText
    /// The places the study covers, for display (`Issyk-Kul`, `Osh`).
    public var regions: [String]

    public init(id: String, title: LocalizedText, summary: LocalizedText = LocalizedText(), regions: [String] = []) {
        self.id = id
        self.title = title
        self.summary = summary
        self.regions = regions
    }
}
