import SanaripCore

/// The itext entries of an XForm, collected in document order while the body is written.
struct XFormTranslations {
    struct Entry {
        var id: String
        var text: LocalizedText
        /// Extra forms of the value: `guidance` for hints, `image`, `audio`, … for media.
        var forms: [(form: String, text: LocalizedText)]
    }

    private(set) var entries: [Entry] = []

    static let mediaPrefixes = ["image": "jr://images/", "big-image": "jr://images/", "audio": "jr://audio/", "video": "jr://video/"]

    mutating func add(id: String, text: LocalizedText, guidance: LocalizedText = LocalizedText(), media: [String: LocalizedText] = [:]) {
        var forms: [(String, LocalizedText)] = []
        if !guidance.isEmpty { forms.append(("guidance", guidance)) }
        for kind in media.keys.sorted() {
            forms.append((kind, media[kind]!))
        }
        entries.append(Entry(id: id, text: text, forms: forms))
    }

    /// The `<itext>` element with one translation per language; a missing text is written as `-`, as pyxform does.
    func itext(languages: [String], defaultLanguage: String, markup: (String) -> String) -> XMLNode {
        var itext = XMLNode("itext")
        for language in languages {
            var translation = XMLNode("translation")
            if language == defaultLanguage { translation.set("default", "true()") }
            translation.set("lang", language)
            for entry in entries {
                var node = XMLNode("text", [("id", entry.id)])
                if !entry.text.isEmpty {
                    var value = XMLNode("value")
                    value.markup = markup(entry.text[language] ?? "-")
                    node.append(value)
                }
                for (form, text) in entry.forms {
                    guard let value = text[language] ?? text[Language.defaultName] else { continue }
                    let prefix = Self.mediaPrefixes[form] ?? ""
                    var formValue = XMLNode("value", [("form", form)])
                    formValue.markup = form == "guidance" ? markup(value) : XMLNode.escape(prefix + value, attribute: false)
                    node.append(formValue)
                }
                if node.children.isEmpty { node.append(XMLNode("value", text: "-")) }
                translation.append(node)
            }
            itext.append(translation)
        }
        return itext
    }
}
