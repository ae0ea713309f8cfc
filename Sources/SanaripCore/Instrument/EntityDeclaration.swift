/// What a submission does to an entity list of the server (ODK Entities, the `entities` sheet of an XLSForm):
/// create an entity, update one, or either under conditions.
///
/// Questions name the entity properties they fill with `save_to`; the declaration itself becomes
/// `meta/entity` in the submission (spec version 2024.1.0: one list, outside repeats).
public struct EntityDeclaration: Sendable, Hashable {
    /// The entity list (`list_name`/`dataset` column).
    public var dataset: String
    /// The entity to update (`entity_id`); nil creates a new one with a fresh `uuid()`.
    public var entityID: String?
    /// When to create (`create_if`); nil means always, unless `entityID` is set.
    public var createIf: String?
    /// When to update (`update_if`); nil means always when `entityID` is set.
    public var updateIf: String?
    /// The entity's label expression.
    public var label: String?
    /// The entities-sheet row, for messages.
    public var row: Int?

    public init(dataset: String, entityID: String? = nil, createIf: String? = nil, updateIf: String? = nil, label: String? = nil, row: Int? = nil) {
        self.dataset = dataset
        self.entityID = entityID
        self.createIf = createIf
        self.updateIf = updateIf
        self.label = label
        self.row = row
    }

    /// Whether a submission may create an entity: without an id, or with a `create_if`.
    public var mayCreate: Bool { entityID == nil || createIf != nil }
    /// Whether a submission may update an entity: when it names one.
    public var mayUpdate: Bool { entityID != nil }

    /// The ODK Entities spec version the declaration follows.
    public static let specVersion = "2024.1.0"
    /// The bind attribute a question's `save_to` becomes.
    public static let saveToAttribute = "entities:saveto"
}
