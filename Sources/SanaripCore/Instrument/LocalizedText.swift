/// A text given in one or more languages, such as a question's label or a choice's label.
///
/// Keys are language names as in ``Language/name``; an untranslated text is stored under
/// ``Language/defaultName``.
public struct LocalizedText: Sendable, Hashable {
    /// The text per language name.
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    /// A text with no translations.
    public init(default text: String) {
        self.values = [Language.defaultName: text]
    }

    /// True when no language has a non-empty text.
    public var isEmpty: Bool { values.values.allSatisfy(\.isEmpty) }

    /// The text in `language`, or nil when that language has none.
    public subscript(language: String) -> String? {
        get { values[language].flatMap { $0.isEmpty ? nil : $0 } }
        set { values[language] = newValue }
    }

    /// The text in `language`, falling back to the default language and then to any text, for display.
    public func text(in language: String?, fallback: [String] = []) -> String? {
        if let language, let text = self[language] { return text }
        for name in fallback + [Language.defaultName] {
            if let text = self[name] { return text }
        }
        return values.keys.sorted().lazy.compactMap { self[$0] }.first
    }

    /// The text in the language whose ISO code is `code` (e.g. `ky`), with the same fallbacks as ``text(in:fallback:)``.
    public func text(code: String, fallback: [String] = []) -> String? {
        let name = values.keys.sorted().first { Language(name: $0).code == code }
        return text(in: name, fallback: fallback)
    }
}
