import SanaripCore

/// A column header of an XLSForm sheet, split into its XLSForm meaning and language.
///
/// `label::Kyrgyz (ky)` has key `label` and language `Kyrgyz (ky)`; `media::image::English (en)`
/// and `image::English (en)` both have key `media::image`; `body::accuracyThreshold` keeps its
/// attribute name as written. Keys are matched without regard to case, spaces or underscores,
/// and the usual aliases (`relevance`, `jr:constraintMsg`, `list name`, …) are folded in.
struct XLSFormColumn: Hashable {
    var index: Int
    /// The header as written.
    var header: String
    /// The canonical key, such as `label`, `relevant`, `media::image`, `body::rows`, `bind::odk:length`.
    var key: String
    var language: String?

    static let translatable: Set<String> = [
        "label", "hint", "guidance_hint", "constraint_message", "required_message",
        "media::image", "media::big-image", "media::audio", "media::video",
    ]

    static let aliases: [String: String] = [
        "relevance": "relevant", "jr:constraintmsg": "constraint_message",
        "jr:requiredmsg": "required_message", "calculate": "calculation", "jr:count": "repeat_count",
        "readonly": "read_only", "list": "list_name", "value": "name", "caption": "label",
        "guidance": "guidance_hint", "image": "media::image", "big-image": "media::big-image",
        "audio": "media::audio", "video": "media::video", "media::big_image": "media::big-image",
        "big_image": "media::big-image", "id_string": "form_id", "title": "form_title",
        "public key": "public_key", "submission url": "submission_url",
        "set_form_title": "form_title", "set_form_id": "form_id", "constraining_message": "constraint_message",
        "count": "repeat_count", "media:image": "media::image", "media:big-image": "media::big-image",
        "media:audio": "media::audio", "media:video": "media::video",
        // ODK Entities: the entity property a question's answer fills (pyxform's alias of the bind attribute).
        "save_to": "bind::entities:saveto",
    ]

    /// `singleColon`: the sheet has no `::` header, so `label:English` means `label::English` (pyxform's
    /// `process_header`, kept for old forms; `jr:` stays with the name it prefixes).
    init(index: Int, header: String, singleColon: Bool = false) {
        self.index = index
        self.header = header
        var parts = header.components(separatedBy: "::").map { $0.trimmingSpaces() }
        if singleColon, header.contains(":") {
            let single = Self.singleColonParts(header)
            if Self.grouped.contains(Self.normalized(single[0])) { parts = single }
        }
        let head = Self.normalized(parts[0])
        if head == "body" || head == "bind" || head == "instance" {
            key = head + "::" + parts.dropFirst().joined(separator: "::")
            return
        }
        var base = head
        var rest = Array(parts.dropFirst())
        if base == "media", let kind = rest.first {
            base = "media::" + kind.trimmingSpaces().lowercased().replacingOccurrences(of: "_", with: "-")
            rest.removeFirst()
        }
        key = Self.aliases[base] ?? base
        if key == "big-image" { key = "media::big-image" }
        language = rest.isEmpty ? nil : rest.joined(separator: "::")
    }

    /// The keys whose header names a language or kind after the key (`label::English`, `media::image`,
    /// `bind::odk:length`), the ones a single colon may also separate.
    private static let grouped = translatable.union(["media", "bind", "body", "instance", "image", "big-image", "audio", "video"])

    /// `header` split at single colons as pyxform splits it, `jr` joined to the part after it (`bind:jr:preload`
    /// is `bind` and `jr:preload`).
    private static func singleColonParts(_ header: String) -> [String] {
        var parts: [String] = []
        var pieces = header.components(separatedBy: ":").map { $0.trimmingSpaces() }[...]
        while let piece = pieces.popFirst() {
            if piece == "jr", let next = pieces.popFirst() { parts.append("jr:" + next) } else { parts.append(piece) }
        }
        return parts
    }

    /// Lower-cased with spaces folded to underscores, except inside namespaced names like `jr:count`.
    static func normalized(_ text: String) -> String {
        let lower = text.trimmingSpaces().lowercased()
        if let alias = aliases[lower] { return alias }
        return lower.split(whereSeparator: { $0 == " " }).joined(separator: "_")
    }

    var letter: String { SpreadsheetColumn.letter(index) }
}

/// The columns of one sheet with fast look-up by key and language.
struct XLSFormHeader {
    var sheetName: String
    var row: Int
    var columns: [XLSFormColumn]
    /// Columns by key, for the look-ups every row makes.
    private var byKey: [String: [XLSFormColumn]] = [:]
    /// The language of columns written without one: the settings' `default_language` if set, as pyxform reads them.
    var unnamedLanguage = Language.defaultName

    init(sheetName: String, row: Row) {
        self.sheetName = sheetName
        self.row = row.number
        let singleColon = !row.cells.contains { $0.contains("::") }
        columns = row.cells.enumerated().compactMap { index, text in
            text.trimmingSpaces().isEmpty ? nil : XLSFormColumn(index: index, header: text.trimmingSpaces(), singleColon: singleColon)
        }
        for column in columns { byKey[column.key, default: []].append(column) }
    }

    func column(_ key: String, language: String? = nil) -> XLSFormColumn? {
        byKey[key]?.first { $0.language == language }
    }

    /// The index of the untranslated column of `key`, for reading rows by index.
    func index(_ key: String) -> Int? {
        column(key)?.index
    }

    /// Every column with the given translatable key, one per language (untranslated as ``Language/defaultName``).
    func translations(_ key: String) -> TranslatedColumns {
        let columns = byKey[key] ?? []
        // pyxform merges an unnamed column into default_language only beside translated columns of the same key.
        let unnamed = columns.contains { $0.language != nil } ? unnamedLanguage : Language.defaultName
        return columns.map { ($0.language ?? unnamed, $0.index, $0.language == nil) }
    }

    /// The columns of the media kinds (`image`, `big-image`, `audio`, `video`) the sheet has.
    func mediaColumns() -> [(kind: String, columns: TranslatedColumns)] {
        ["image", "big-image", "audio", "video"].compactMap { kind in
            let columns = translations("media::" + kind)
            return columns.isEmpty ? nil : (kind, columns)
        }
    }

    /// `body::`, `bind::` and unknown columns, in sheet order; `known` keys and translatable ones are left out.
    func attributeColumns(known: Set<String>) -> [AttributeColumn] {
        columns.compactMap { column in
            func attributeName() -> String {
                column.header.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).dropFirst(2).joined(separator: ":")
            }
            if column.key == XLSFormParser.saveToKey { return AttributeColumn(index: column.index, target: .bind, name: EntityDeclaration.saveToAttribute) }
            if column.key.hasPrefix("body::") { return AttributeColumn(index: column.index, target: .body, name: attributeName()) }
            if column.key.hasPrefix("bind::") { return AttributeColumn(index: column.index, target: .bind, name: attributeName()) }
            if known.contains(column.key) || XLSFormColumn.translatable.contains(column.key) { return nil }
            // pyxform's alias for the SMS tag of a field's node.
            if column.key == "compact_tag" { return AttributeColumn(index: column.index, target: .extra, name: "instance::odk:tag") }
            return AttributeColumn(index: column.index, target: .extra, name: column.header)
        }
    }

    /// Languages named in this sheet's columns of the given keys.
    func languages(in keys: Set<String>) -> [String] {
        var seen: [String] = []
        for column in columns where keys.contains(column.key) {
            let language = column.language ?? (byKey[column.key]?.contains { $0.language != nil } == true ? unnamedLanguage : Language.defaultName)
            if !seen.contains(language) { seen.append(language) }
        }
        return seen
    }
}

/// The columns of one translatable key by index, one per language (untranslated as ``Language/defaultName``);
/// `unnamed` marks the column written without a language.
typealias TranslatedColumns = [(language: String, index: Int, unnamed: Bool)]

/// A column whose cells become a body or bind attribute, or an extra, of the element on their row.
struct AttributeColumn {
    enum Target {
        case body, bind, extra
    }

    var index: Int
    var target: Target
    /// The attribute name without its `body::` or `bind::` prefix; for extras, the header as written.
    var name: String
}
