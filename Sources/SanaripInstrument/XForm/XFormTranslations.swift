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
    /// Where a text written without a language goes when it needs itext: the settings' `default_language`, as
    /// pyxform files it (`default` when the form sets none).
    let unnamedLanguage: String

    init(unnamedLanguage: String = Language.defaultName) {
        self.unnamedLanguage = unnamedLanguage
    }

    static let mediaPrefixes = ["image": "jr://images/", "big-image": "jr://images/", "audio": "jr://audio/", "video": "jr://video/"]

    mutating func add(id: String, text: LocalizedText, guidance: LocalizedText = LocalizedText(), media: [String: LocalizedText] = [:]) {
        var forms: [(String, LocalizedText)] = []
        if !guidance.isEmpty { forms.append(("guidance", filed(guidance))) }
        for kind in media.keys.sorted() {
            forms.append((kind, filed(media[kind]!)))
        }
        entries.append(Entry(id: id, text: filed(text), textIsEmpty: text.isEmpty, forms: forms))
    }

    /// `text` with an untranslated value under ``unnamedLanguage``.
    private func filed(_ text: LocalizedText) -> LocalizedText {
        guard text.isUntranslated, unnamedLanguage != Language.defaultName, let value = text.values.first?.value else { return text }
        return LocalizedText([unnamedLanguage: value])
    }

    /// Every language of the entries: those of `known` first, in that order, then the others by name; empty when
    /// there are no entries (the form needs no itext).
    func languages(in known: [String]) -> [String] {
        var found = Set<String>()
        for entry in entries {
            found.formUnion(entry.text.values.keys)
            for (_, text) in entry.forms { found.formUnion(text.values.keys) }
        }
        return known.filter { found.contains($0) } + found.subtracting(known).sorted()
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
                    // As pyxform: media missing in this language are left out, a missing guidance hint is "-".
                    guard let value = text[language] ?? (form == "guidance" ? "-" : nil) else { continue }
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
