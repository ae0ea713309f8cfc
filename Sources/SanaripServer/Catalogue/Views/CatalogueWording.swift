/// The catalogue's words in one language, read from the interface strings (`catalogue.*` keys): the pages and the
/// report's sections use the same table, so a view says the same thing on the web and on paper.
struct CatalogueWording: Sendable {
    let localizer: Localizer
    let language: InterfaceLanguage

    /// The string for `key`.
    subscript(_ key: String) -> String { localizer.string(key, in: language) }

    /// The language code (ky, ru, en), as the number formats and the entries' names take it.
    var code: String { language.rawValue }

    /// A district's label in this language (the choice list's ky, ru, en labels in that order), else its code.
    func label(of district: (code: String, labels: [String])) -> String {
        let index = ["ky": 0, "ru": 1, "en": 2][code] ?? 2
        return district.labels.indices.contains(index) && !district.labels[index].isEmpty ? district.labels[index] : district.code
    }

    /// A schema field's label (`catalogue.s4.field.<name>`).
    func field(_ name: String) -> String { self["catalogue.s4.field.\(name)"] }

    /// A code of a choice or list field in words (`catalogue.s4.value.<field>.<code>`), else the code itself.
    func value(_ field: String, _ code: String) -> String {
        let key = "catalogue.s4.value.\(field).\(code)"
        let text = self[key]
        return text == key ? code : text
    }
}
