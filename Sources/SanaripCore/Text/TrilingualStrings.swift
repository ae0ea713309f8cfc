/// The fixed wording of a generated document (a manual, a report) in Kyrgyz, Russian and English, looked up
/// by key in the language of an ISO code; other codes get English, unknown keys come back as themselves.
public struct TrilingualStrings: Sendable {
    public typealias Entry = (ky: String, ru: String, en: String)

    /// `ky`, `ru` or `en`.
    public let code: String
    private let table: [String: Entry]

    public init(code: String, table: [String: Entry]) {
        self.code = ["ky", "ru", "en"].contains(code) ? code : "en"
        self.table = table
    }

    public subscript(key: String) -> String {
        guard let entry = table[key] else { return key }
        switch code {
        case "ky": return entry.ky
        case "ru": return entry.ru
        default: return entry.en
        }
    }
}
