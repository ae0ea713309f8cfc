import SanaripCore

/// The itext entries of an XForm, collected in document order while the body is written.
struct XFormTranslations {
    struct Entry {
        var id: String
        var text: LocalizedText
        /// Whether `text` has no value in any language; such an entry gets no plain `<value>`.
        var textIsEmpty: Bool
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
        entries.append(Entry(id: id, text: text, textIsEmpty: text.isEmpty, forms: forms))
    }

    /// Adds the entries of `other` after these.
    mutating func append(_ other: XFormTranslations) {
        entries += other.entries
    }

    /// The `<translation>` elements of `languages` for the `<itext>` element (at depth 4); a missing text is
    /// written as `-`, as pyxform does.
    func write(languages: ArraySlice<String>, defaultLanguage: String, markup: XFormMarkup) -> XMLOutput {
        var output = XMLOutput(depth: 4, capacity: 1 << 20)
        for language in languages {
            output.start("translation")
            if language == defaultLanguage { output.attribute("default", "true()") }
            output.attribute("lang", language)
            for entry in entries {
                output.start("text")
                output.attribute("id", entry.id)
                var hasValue = false
                if !entry.textIsEmpty {
                    output.start("value")
                    output.content { markup.write(entry.text[language] ?? "-", id: entry.id, into: &$0) }
                    hasValue = true
                }
                for (form, text) in entry.forms {
                    guard let value = text[language] ?? text[Language.defaultName] else { continue }
                    output.start("value")
                    output.attribute("form", form)
                    if form == "guidance" {
                        output.content { markup.write(value, id: entry.id, into: &$0) }
                    } else {
                        let prefix = Self.mediaPrefixes[form] ?? ""
                        output.content { XMLOutput.escape(prefix + value, attribute: false, into: &$0) }
                    }
                    hasValue = true
                }
                if !hasValue {
                    output.start("value")
                    output.text("-")
                }
                output.end()
            }
            output.end()
        }
        return output
    }
}
