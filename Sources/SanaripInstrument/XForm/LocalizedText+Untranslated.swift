import SanaripCore

extension LocalizedText {
    /// True when the text was written without a language (pyxform's plain string, as opposed to its dictionary of
    /// translations), or is empty.
    var isUntranslated: Bool {
        values.keys.allSatisfy { $0 == Language.defaultName }
    }
}
