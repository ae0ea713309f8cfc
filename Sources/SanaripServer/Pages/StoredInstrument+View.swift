import SanaripCore
import SanaripStorage

extension StoredInstrument {
    /// The data of the `instrument-table` partial.
    static func table(_ instruments: [StoredInstrument], in language: InterfaceLanguage) -> [String: Any] {
        ["instruments": instruments.map { $0.listItem(in: language) }, "hasInstruments": !instruments.isEmpty]
    }

    /// What instrument lists show: title, form id, version, counts.
    func listItem(in language: InterfaceLanguage) -> [String: Any] {
        [
            "id": id,
            "title": title,
            "formID": formID,
            "version": version,
            "questionCount": language.format(questionCount),
            "sectionCount": language.format(sectionCount),
            "languages": languages.map { Language(name: $0).code ?? $0 }.joined(separator: ", "),
        ]
    }

    /// What the instrument page shows on top of ``listItem(in:)``: sections, languages and downloads.
    func detail(in language: InterfaceLanguage) -> [String: Any] {
        let fallback = languages.first.map { [$0] } ?? []
        var item = listItem(in: language)
        item["updatedAt"] = language.format(updatedAt)
        item["languageNames"] = languages
        item["sections"] = sections.map { section in
            [
                "name": section.name,
                "label": LocalizedText(section.label).text(code: language.rawValue, fallback: fallback) ?? section.name,
                "questionCount": language.format(section.questionCount),
            ]
        }
        item["manuals"] = manualLanguages.map { language in
            ["code": language.code ?? "", "name": language.name, "href": "/instruments/\(id)/manual/\(language.code ?? "")"]
        }
        return item
    }

    /// The form's languages that have an ISO code, which the manual writer needs.
    var manualLanguages: [Language] {
        languages.map(Language.init(name:)).filter { $0.code != nil }
    }
}
