/// A language of an instrument as XLSForm names it in `label::Kyrgyz (ky)` columns.
///
/// The name is kept exactly as written, because XForms use it as the `lang` of a translation
/// and ODK Collect shows it in its language menu. The code is the part in parentheses, if any.
public struct Language: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The language as written in the column header, e.g. `Kyrgyz (ky)`.
    public var name: String

    /// The name of the language used by untranslated columns (`label` without `::`).
    public static let defaultName = "default"

    public init(name: String) {
        self.name = name
    }

    /// The ISO 639 code in parentheses at the end of the name (`ky` in `Kyrgyz (ky)`), lower-cased.
    public var code: String? {
        guard name.hasSuffix(")"), let open = name.lastIndex(of: "(") else { return nil }
        let inner = name[name.index(after: open)..<name.index(before: name.endIndex)]
        let code = inner.trimmingSpaces()
        return code.isEmpty ? nil : code.lowercased()
    }

    /// True for the language of untranslated columns.
    public var isDefault: Bool { name == Language.defaultName }

    public var description: String { name }

    public static func < (lhs: Language, rhs: Language) -> Bool { lhs.name < rhs.name }
}

extension StringProtocol {
    /// The string without leading and trailing spaces, tabs and line breaks.
    public func trimmingSpaces() -> String {
        let string = String(self)
        guard let first = string.utf8.first, let last = string.utf8.last else { return "" }
        // Every whitespace character starts with one of these bytes (ASCII, U+0085, U+00A0, U+1680,
        // U+2000…U+205F, U+3000), and a text ending in printable ASCII does not end in one.
        let mayStartWithSpace = first <= 0x20 || first == 0xC2 || (0xE1...0xE3).contains(first)
        if !mayStartWithSpace, (0x21...0x7E).contains(last) {
            return string
        }
        if let firstScalar = string.unicodeScalars.first, !firstScalar.properties.isWhitespace,
            let lastCharacter = string.last, !lastCharacter.isWhitespace
        {
            return string
        }
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
