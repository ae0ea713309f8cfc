/// One column of a catalogue kind: its name in templates and files, its type and whether it must be filled.
public struct CatalogueField: Sendable, Hashable {
    /// What a cell of the column holds.
    public enum FieldType: Sendable, Hashable {
        /// Free text (a name, a description, an agency).
        case text
        /// One of the allowed codes.
        case choice([String])
        /// Several of the allowed codes, separated by `;` (any code when nil).
        case list([String]?)
        /// A calendar date, `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`).
        case date
        /// A number (a point or comma as the decimal mark).
        case number
        /// `yes` or `no`.
        case boolean
        /// An `http://` or `https://` address (several separated by `;` when `many`).
        case url(many: Bool)
        /// Places: `online` or district codes (SOATE, 14 digits), separated by `;`.
        case places
    }

    /// The column name, as in templates and exports (`title_ru`, `topics`…).
    public var name: String
    public var type: FieldType
    public var required: Bool
    /// What the column holds, for the template's column sheet.
    public var help: String
    /// Whether the column's text is searched.
    public var searchable: Bool

    public init(_ name: String, _ type: FieldType, required: Bool = false, searchable: Bool? = nil, help: String) {
        self.name = name
        self.type = type
        self.required = required
        self.help = help
        if let searchable {
            self.searchable = searchable
        } else if case .text = type {
            self.searchable = true
        } else {
            self.searchable = false
        }
    }

    /// The allowed codes of a choice or list column.
    public var allowedValues: [String]? {
        switch type {
        case .choice(let values): values
        case .list(let values): values
        default: nil
        }
    }

    /// The type as the template's column sheet describes it.
    public var typeDescription: String {
        switch type {
        case .text: "text"
        case .choice: "one of the allowed values"
        case .list(let values): values == nil ? "list, separated by ;" : "allowed values, separated by ;"
        case .date: "date YYYY-MM-DD"
        case .number: "number"
        case .boolean: "yes or no"
        case .url(let many): many ? "web addresses (https://…), separated by ;" : "web address (https://…)"
        case .places: "online or district codes (14-digit SOATE), separated by ;"
        }
    }

    /// Whether the column holds several values separated by `;`.
    public var isList: Bool {
        switch type {
        case .list, .places: true
        case .url(let many): many
        default: false
        }
    }
}
