/// One catalogue entry: its kind, identifier and the values of its schema's columns, each checked and written in
/// its canonical form (codes in lower case, lists joined by `;`, dates `YYYY-MM-DD`, booleans `yes`/`no`).
public struct CatalogueEntry: Sendable, Hashable, Codable, Identifiable {
    public var kind: CatalogueKind
    /// Unique within the kind in a study's catalogue.
    public var id: String
    /// Column name → canonical text; empty columns are absent.
    public var values: [String: String]
    /// Whether the entry belongs to the synthetic demo study (never a real-world entry).
    public var demo: Bool

    public init(kind: CatalogueKind, id: String, values: [String: String], demo: Bool = false) {
        self.kind = kind
        self.id = id
        self.values = values.filter { !$0.value.isEmpty }
        self.values["id"] = id
        self.demo = demo
    }

    /// The text of `field`, or `""`.
    public subscript(field: String) -> String { values[field] ?? "" }

    /// The codes of a list column.
    public func list(_ field: String) -> [String] {
        self[field].split(separator: ";").map(String.init)
    }

    /// A number column's value.
    public func number(_ field: String) -> Double? { Double(self[field]) }

    /// Whether a boolean column says yes.
    public func flag(_ field: String) -> Bool { self[field] == "yes" }

    /// The review state (`draft` when not set).
    public var reviewState: String { values["review_state"] ?? "draft" }

    /// The name in `language` (ky, ru, en), else the first name given, else the id.
    public func name(_ language: String) -> String {
        if let name = values["name_\(language)"] { return name }
        return CatalogueSchema.nameFields.lazy.compactMap { values[$0] }.first ?? id
    }

    /// The description in `language`, else the first one given.
    public func description(_ language: String) -> String {
        values["description_\(language)"] ?? ["ky", "ru", "en"].lazy.compactMap { values["description_\($0)"] }.first ?? ""
    }

    /// The text searched by full-text search: every searchable column, in every language.
    public var searchText: String {
        kind.schema.fields.filter(\.searchable).compactMap { values[$0.name] }.joined(separator: "\n")
    }
}
