import Foundation
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
            "title": title(in: language),
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

    /// The form's title in `language`: a `form_title::Language (code)` column of its settings sheet when the form
    /// has one, otherwise its `form_title`.
    func title(in language: InterfaceLanguage) -> String {
        guard let settings = source.first(where: { $0.name.lowercased() == "settings" }),
            let header = settings.rows.first?.cells, let values = settings.rows.dropFirst().first?.cells
        else { return title }
        let translated = zip(header, values).first { column, value in
            let parts = column.split(separator: ":", omittingEmptySubsequences: true)
            return parts.count == 2 && ["form_title", "title"].contains(parts[0].trimmingCharacters(in: .whitespaces).lowercased())
                && Language(name: parts[1].trimmingCharacters(in: .whitespaces)).code == language.rawValue
                && !value.trimmingCharacters(in: .whitespaces).isEmpty
        }
        return translated?.1 ?? title
    }

    /// The form's languages that have an ISO code, which the manual writer needs.
    var manualLanguages: [Language] {
        languages.map(Language.init(name:)).filter { $0.code != nil }
    }
}
