import SanaripCore

extension LocalizedText {
    /// The text in the language with ISO code `code` (`ky`, `ru`, `en`), else in the default language; nil when empty.
    func text(languageCode code: String?) -> String? {
        guard !isEmpty else { return nil }
        return code.flatMap { text(code: $0) } ?? text(in: nil)
    }
}
