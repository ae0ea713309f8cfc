/// A name in Kyrgyz, Russian and English.
public struct AuditLabel: Sendable, Hashable, Codable {
    public var en: String
    public var ru: String
    public var ky: String

    public init(en: String, ru: String, ky: String) {
        self.en = en
        self.ru = ru
        self.ky = ky
    }

    /// The name in `language` (`ky`, `ru`, else English).
    public func text(_ language: String) -> String {
        switch language {
        case "ky": ky.isEmpty ? ru : ky
        case "ru": ru
        default: en
        }
    }
}
