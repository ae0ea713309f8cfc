import Foundation

/// A language the interface speaks. Kyrgyz comes first: it is the state language and the fallback.
public enum InterfaceLanguage: String, Sendable, Hashable, CaseIterable {
    case ky
    case ru
    case en

    /// Used when nothing in the request names a language the interface speaks.
    public static let fallback = InterfaceLanguage.ky

    /// The ICU locale for dates and numbers.
    public var localeIdentifier: String {
        switch self {
        case .ky: "ky_KG"
        case .ru: "ru_RU"
        case .en: "en_GB"
        }
    }

    /// The language's name in itself, for the language switch.
    public var nativeName: String {
        switch self {
        case .ky: "Кыргызча"
        case .ru: "Русский"
        case .en: "English"
        }
    }

    /// The language for a tag such as `ru-RU` or `KY`, matching on the primary subtag.
    public init?(tag: some StringProtocol) {
        let primary = tag.split(separator: "-").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let primary, let language = InterfaceLanguage(rawValue: primary) else { return nil }
        self = language
    }
}
