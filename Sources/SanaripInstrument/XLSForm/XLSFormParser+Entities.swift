import SanaripCore

/// The `entities` sheet and the survey's `save_to` column (ODK Entities), read and checked as pyxform 4.5.0 does
/// (`entities_parsing.py`) for what spec 2024.1.0 allows: one entity list, filled outside repeats.
extension XLSFormParser {
    static let entityKeys: Set<String> = ["dataset", "list_name", "entity_id", "create_if", "update_if", "label", "repeat"]
    /// The key `save_to` folds into (see ``XLSFormColumn/aliases``).
    static let saveToKey = "bind::" + EntityDeclaration.saveToAttribute
    /// Prefix pyxform keeps for the server's own entity properties (`__version`).
    private static let reservedPrefix = "__"

    mutating func readEntities() {
        guard let sheet = workbook.sheet(named: "entities"), let (header, rows) = split(sheet) else { return }
        entitiesHeader = header
        checkDuplicateHeaders(header)
        for column in header.columns where !Self.entityKeys.contains(column.key) || column.language != nil {
            report(.error, sheet: sheet.name, row: header.row, column: column,
                   "the entities sheet has an unexpected column '\(column.header)'",
                   fix: "Use list_name, label, entity_id, create_if and update_if, or move the column to another sheet")
        }
        let datasetIndex = header.index("list_name") ?? header.index("dataset")
        for row in rows {
            let dataset = cell(row, datasetIndex)
            let entityID = cell(row, "entity_id", in: header)
            let createIf = cell(row, "create_if", in: header).flatMap(Self.booleanExpression)
            let updateIf = cell(row, "update_if", in: header).flatMap(Self.booleanExpression)
            let label = cell(row, "label", in: header)
            let repeatName = cell(row, "repeat", in: header)
            guard dataset != nil || entityID != nil || createIf != nil || updateIf != nil || label != nil || repeatName != nil else { continue }
            let datasetColumn = header.column("list_name") ?? header.column("dataset")
            guard let dataset else {
                report(.error, sheet: sheet.name, row: row.number, column: datasetColumn, "the entity list has no name",
                       fix: "Write the name of the entity list in the list_name column")
                continue
            }
            if dataset.hasPrefix(Self.reservedPrefix) {
                report(.error, sheet: sheet.name, row: row.number, column: datasetColumn,
                       "the entity list name '\(dataset)' starts with '__', which ODK keeps for its own names", fix: "Choose another name")
            } else if dataset.contains(".") {
                report(.error, sheet: sheet.name, row: row.number, column: datasetColumn,
                       "the entity list name '\(dataset)' contains '.'", fix: "Use letters, digits, _ and - only")
            } else if !isValidXMLName(dataset) {
                report(.error, sheet: sheet.name, row: row.number, column: datasetColumn, "'\(dataset)' is not a valid entity list name",
                       fix: "Start with a letter or _, and use only letters, digits, _ and - (no spaces)")
            }
            if entityID == nil, updateIf != nil {
                report(.error, sheet: sheet.name, row: row.number, column: header.column("update_if"),
                       "update_if needs an entity_id: the entity '\(dataset)' to update is not named",
                       fix: "Write the entity_id expression, or clear update_if")
            }
            if entityID != nil, createIf != nil, updateIf == nil {
                report(.error, sheet: sheet.name, row: row.number, column: header.column("create_if"),
                       "create_if with an entity_id also needs update_if, so that the form says when it updates",
                       fix: "Add update_if, or clear entity_id to only create entities")
            }
            if entityID == nil, label == nil {
                report(.error, sheet: sheet.name, row: row.number, column: header.column("label"),
                       "a new entity of '\(dataset)' needs a label", fix: "Write the label expression, for example ${name}")
            }
            if repeatName != nil {
                report(.error, sheet: sheet.name, row: row.number, column: header.column("repeat"),
                       "entities created from a repeat (ODK Entities 2025.1) are not supported yet",
                       fix: "Fill the entity from questions outside repeats, or convert this form with pyxform")
            }
            if let first = entities.first {
                let message = first.dataset == dataset
                    ? "the entity list '\(dataset)' is already declared at row \(first.row ?? 0)"
                    : "a second entity list ('\(dataset)' after '\(first.dataset)') is not supported yet (ODK Entities 2025.1)"
                report(.error, sheet: sheet.name, row: row.number, column: datasetColumn, message,
                       fix: "Declare one entity list per form")
                continue
            }
            entities.append(EntityDeclaration(dataset: dataset, entityID: entityID, createIf: createIf, updateIf: updateIf, label: label, row: row.number))
        }
    }

    /// Checks the entity's expressions and every `save_to`, and writes each property without its `dataset#` prefix.
    mutating func checkEntities(of instrument: inout Instrument) {
        // Most forms have neither: nothing to walk.
        guard !instrument.entities.isEmpty || surveyHeader?.column(Self.saveToKey) != nil else { return }
        let located = instrument.walk()
        var byName: [String: [LocatedElement]] = [:]
        for element in located { byName[element.element.name, default: []].append(element) }
        for entity in instrument.entities {
            let expressions = [("entity_id", entity.entityID), ("create_if", entity.createIf), ("update_if", entity.updateIf), ("label", entity.label)]
            for (key, text) in expressions {
                checkExpression(text, key: key, row: entity.row, names: byName, header: entitiesHeader)
                // Spec 2024.1.0 has one entity per submission: pyxform moves it into a repeat it reads from. The names
                // are those `checkExpression` parsed just now.
                let names = text.flatMap { try? parsedExpressions[$0]?.get() } ?? []
                if let inRepeat = names.lazy.compactMap({ byName[LastSavedReference.questionName($0)]?.first }).first(where: { $0.enclosingRepeatPath != nil }) {
                    report(.error, sheet: entitiesHeader?.sheetName ?? "entities", row: entity.row, column: entitiesHeader?.column(key),
                           "\(key) reads ${\(inRepeat.element.name)}, which is inside a repeat: entities from repeats (ODK Entities 2025.1) are not supported yet",
                           fix: "Read questions outside repeats, or convert this form with pyxform")
                }
            }
        }
        let sheet = surveyHeader?.sheetName ?? "survey"
        let column = surveyHeader?.column(Self.saveToKey)
        var properties: [String: Int] = [:]
        for element in located {
            let attributes = switch element.element {
            case .question(let question): question.bindAttributes
            case .group(let group): group.bindAttributes
            }
            guard var property = attributes[EntityDeclaration.saveToAttribute] else { continue }
            let row = element.element.row
            guard let entity = instrument.entities.first else {
                report(.error, sheet: sheet, row: row, column: column, "save_to names an entity property, but the form has no entities sheet",
                       fix: "Add an entities sheet with the entity list's name, or clear save_to")
                continue
            }
            if let hash = property.firstIndex(of: "#") {
                let dataset = String(property[..<hash])
                property = String(property[property.index(after: hash)...])
                if dataset != entity.dataset || property.contains("#") {
                    report(.error, sheet: sheet, row: row, column: column,
                           "save_to '\(dataset)#\(property)' names the entity list '\(dataset)', but the form declares '\(entity.dataset)'",
                           fix: "Write the property alone, or as \(entity.dataset)#PROPERTY")
                    continue
                }
            }
            if case .group = element.element {
                report(.error, sheet: sheet, row: row, column: column, "save_to is set on a group or repeat; only questions fill entity properties",
                       fix: "Move save_to to the question whose answer the property keeps")
            } else if ["name", "label"].contains(property.lowercased()) {
                report(.error, sheet: sheet, row: row, column: column, "save_to '\(property)' is reserved by ODK Entities",
                       fix: "Choose another property name; the entity's label comes from the entities sheet")
            } else if property.hasPrefix(Self.reservedPrefix) {
                report(.error, sheet: sheet, row: row, column: column, "save_to '\(property)' starts with '__', which ODK keeps for its own properties",
                       fix: "Choose another property name")
            } else if !isValidXMLName(property) {
                report(.error, sheet: sheet, row: row, column: column, "save_to '\(property)' is not a valid property name",
                       fix: "Start with a letter or _, and use only letters, digits, _, - and . (no spaces)")
            } else if let first = properties[property] {
                report(.error, sheet: sheet, row: row, column: column, "save_to '\(property)' is already filled at row \(first)",
                       fix: "Save each entity property from one question")
            } else if element.enclosingRepeatPath != nil {
                report(.error, sheet: sheet, row: row, column: column,
                       "save_to inside a repeat (ODK Entities 2025.1) is not supported yet",
                       fix: "Save entity properties from questions outside repeats, or convert this form with pyxform")
            }
            properties[property] = properties[property] ?? row ?? 0
            if attributes[EntityDeclaration.saveToAttribute] != property {
                instrument.elements = Self.settingSaveTo(property, at: element.path[...], in: instrument.elements)
            }
        }
    }

    /// `elements` with the `save_to` of the element at `path` replaced by `property`.
    private static func settingSaveTo(_ property: String, at path: ArraySlice<String>, in elements: [SurveyElement]) -> [SurveyElement] {
        guard let name = path.first, let index = elements.firstIndex(where: { $0.name == name }) else { return elements }
        var elements = elements
        switch elements[index] {
        case .question(var question) where path.count == 1:
            question.bindAttributes[EntityDeclaration.saveToAttribute] = property
            elements[index] = .question(question)
        case .group(var group):
            group.children = settingSaveTo(property, at: path.dropFirst(), in: group.children)
            elements[index] = .group(group)
        default:
            break
        }
        return elements
    }
}
