import SanaripCore

extension XLSFormParser {
    // MARK: Languages

    /// Finds the form's languages from its label columns and reports translation columns in languages used nowhere else.
    mutating func checkLanguages() -> [Language] {
        let headers = [surveyHeader, choicesHeader].compactMap { $0 }
        var labelNames: [String] = []
        for header in headers {
            for name in header.languages(in: ["label"]) where !labelNames.contains(name) { labelNames.append(name) }
        }
        // As pyxform, hints, messages and media in a language no label uses still make it one of the form's languages.
        var names = labelNames
        for header in headers {
            for name in header.languages(in: XLSFormColumn.translatable) where !names.contains(name) { names.append(name) }
        }
        // As pyxform: a language whose columns are all empty is not one of the form's languages.
        let withText = names.filter { language in headers.contains { hasText(in: $0, language: language) } }
        if !withText.isEmpty { names = withText }
        for header in headers {
            for column in header.columns where XLSFormColumn.translatable.contains(column.key) && column.key != "label" {
                let language = column.language ?? header.unnamedLanguage
                guard !labelNames.isEmpty, !labelNames.contains(language) else { continue }
                let suggestion = closestMatch(to: language, in: labelNames.filter { $0 != Language.defaultName })
                // pyxform accepts such columns (their texts go to a language without labels), so it is a warning.
                report(.warning, sheet: header.sheetName, row: header.row, column: column,
                       "language '\(language)' of this column is used by no label column",
                       fix: suggestion.map { "Did you mean '\(column.key)::\($0)'?" } ?? "Add label::\(language) columns, or rename this column to a language the labels use")
            }
        }
        if let wanted = settings.defaultLanguage, !names.isEmpty, !names.contains(wanted) {
            let header = workbook.sheet(named: "settings").flatMap(split).map(\.header)
            report(.warning, sheet: header?.sheetName ?? "settings", row: (header?.row ?? 1) + 1, column: header?.column("default_language"),
                   "default_language '\(wanted)' is not one of the form's languages (\(names.joined(separator: ", "))), so ODK Collect opens the form in '\(wanted)' with no texts",
                   fix: "Write it exactly as in the label columns, e.g. '\(names.first { $0 != Language.defaultName } ?? names[0])'")
        }
        return names.map(Language.init(name:))
    }

    /// Whether any translatable column of `language` in the sheet of `header` has a non-empty cell.
    ///
    /// Untranslated messages and choice labels do not count: pyxform writes them in place, not as translations.
    private func hasText(in header: XLSFormHeader, language: String) -> Bool {
        guard let sheet = workbook.sheet(named: header.sheetName) else { return false }
        let isChoices = header.sheetName == choicesHeader?.sheetName
        let inPlace: Set<String> = language != Language.defaultName ? [] : isChoices ? ["label"] : ["constraint_message", "required_message"]
        let indexes = header.columns.filter { column in
            XLSFormColumn.translatable.contains(column.key) && !inPlace.contains(column.key)
                && header.translations(column.key).contains { $0.index == column.index && $0.language == language }
        }.map(\.index)
        guard !indexes.isEmpty else { return false }
        return sheet.rows.dropFirst().contains { row in indexes.contains { !row[$0].trimmingSpaces().isEmpty } }
    }

    // MARK: or_other

    /// Adds the "other" choice and the `NAME_other` text question that `or_other` asks for, as pyxform does.
    mutating func addOtherChoices(to instrument: inout Instrument) {
        var listsNeedingOther: Set<String> = []
        let languages = instrument.languages
        func transform(_ elements: [SurveyElement]) -> [SurveyElement] {
            var result: [SurveyElement] = []
            for element in elements {
                switch element {
                case .group(var group):
                    group.children = transform(group.children)
                    result.append(.group(group))
                case .question(let question):
                    result.append(element)
                    guard question.orOther, let list = question.type.choiceList else { continue }
                    listsNeedingOther.insert(list)
                    var other = Question(name: question.name + "_other", type: .text)
                    // pyxform writes the label untranslated; Sanarip gives Kyrgyz and Russian forms their own words.
                    let kyrgyzOrRussian = languages.contains { $0.code == "ky" || $0.code == "ru" }
                    other.label = Self.otherText(languages: kyrgyzOrRussian ? languages : [], ky: "Башкасын жазыңыз.", ru: "Укажите другое.", en: "Specify other.")
                    other.relevant = "selected(${\(question.name)}, 'other')"
                    other.row = question.row
                    result.append(.question(other))
                }
            }
            return result
        }
        instrument.elements = transform(instrument.elements)
        for index in instrument.choiceLists.indices where listsNeedingOther.contains(instrument.choiceLists[index].name) {
            guard instrument.choiceLists[index].choice(named: "other") == nil else { continue }
            instrument.choiceLists[index].choices.append(
                Choice(name: "other", label: Self.otherText(languages: languages, ky: "Башка", ru: "Другое", en: "Other"))
            )
        }
    }

    private static func otherText(languages: [Language], ky: String, ru: String, en: String) -> LocalizedText {
        var text = LocalizedText()
        for language in languages.isEmpty ? [Language(name: Language.defaultName)] : languages {
            text[language.name] = switch language.code { case "ky": ky; case "ru": ru; default: en }
        }
        return text
    }

    // MARK: Elements

    mutating func checkElements(of instrument: Instrument) {
        let located = instrument.walk()
        var byName: [String: [LocatedElement]] = [:]
        for element in located { byName[element.element.name, default: []].append(element) }
        let sheet = surveyHeader?.sheetName ?? "survey"
        var siblings: [String: LocatedElement] = [:]
        var missing = MissingTranslations(languages: instrument.languages.map(\.name))

        for element in located {
            let row = element.element.row
            let name = element.element.name
            let nameColumn = surveyHeader?.column("name")
            checkName(name, sheet: sheet, row: row, column: nameColumn)
            if element.path.count == 1, name == "meta" {
                report(.error, sheet: sheet, row: row, column: nameColumn, "'meta' is reserved for the form's metadata",
                       fix: "Choose another name")
            }
            let siblingKey = element.path.dropLast().joined(separator: "/") + "/" + name.lowercased()
            if let first = siblings[siblingKey] {
                report(.error, sheet: sheet, row: row, column: nameColumn,
                       "the name '\(name)' is already used at row \(first.element.row ?? 0) in the same \(element.ancestors.last.map { "group '\($0.name)'" } ?? "form")",
                       fix: "Give every question a unique name (names are compared without regard to case)")
            } else {
                siblings[siblingKey] = element
            }

            switch element.element {
            case .question(let question):
                checkQuestion(question, located: element, names: byName, instrument: instrument)
                for (key, text) in [("label", question.label), ("hint", question.hint), ("guidance_hint", question.guidanceHint), ("constraint_message", question.constraintMessage), ("required_message", question.requiredMessage)] {
                    checkTextReferences(text, key: key, row: row, names: byName)
                }
                missing.add(question.label, row: row, sheet: sheet, column: "label")
                missing.add(question.hint, row: row, sheet: sheet, column: "hint")
                missing.add(question.constraintMessage, row: row, sheet: sheet, column: "constraint_message")
                missing.add(question.requiredMessage, row: row, sheet: sheet, column: "required_message")
            case .group(let group):
                checkExpression(group.relevant, key: "relevant", row: row, names: byName)
                if let count = group.repeatCount, Int(count) == nil {
                    checkExpression(count, key: "repeat_count", row: row, names: byName)
                } else if let count = group.repeatCount, let value = Int(count), value < 0 {
                    report(.error, sheet: sheet, row: row, column: surveyHeader?.column("repeat_count"),
                           "repeat_count \(value) is negative", fix: "Use a count of 0 or more")
                }
                if let readOnly = group.readOnly.flatMap(Self.booleanExpression), readOnly != "true()" {
                    checkExpression(readOnly, key: "read_only", row: row, names: byName)
                }
                missing.add(group.label, row: row, sheet: sheet, column: "label")
            }
        }
        for list in instrument.choiceLists {
            for choice in list.choices where choice.row != nil {
                missing.add(choice.label, row: choice.row, sheet: choicesHeader?.sheetName ?? "choices", column: "label")
            }
        }
        if let instanceName = settings.instanceName {
            let header = workbook.sheet(named: "settings").flatMap(split).map(\.header)
            checkExpression(instanceName, key: "instance_name", row: (header?.row ?? 1) + 1, names: byName, header: header)
        }
        for warning in missing.warnings {
            report(.warning, sheet: warning.sheet, row: warning.rows.first, column: nil,
                   "\(warning.column)::\(warning.language) is empty in \(warning.rows.count) row\(warning.rows.count == 1 ? "" : "s") where another language has text (rows \(warning.rows.prefix(8).map(String.init).joined(separator: ", "))\(warning.rows.count > 8 ? ", …" : ""))",
                   fix: "Translate them, or ODK Collect shows '-' in that language")
        }
    }

    /// Reports `name` (of an element, or of an external instance) when it is not a valid XML name.
    mutating func checkName(_ name: String, sheet: String, row: Int?, column: XLSFormColumn?) {
        guard !isValidXMLName(name) else { return }
        report(.error, sheet: sheet, row: row, column: column, "'\(name)' is not a valid name",
               fix: "Start with a letter or _, and use only letters, digits, _, - and . (no spaces)")
    }

    private mutating func checkQuestion(_ question: Question, located: LocatedElement, names: [String: [LocatedElement]], instrument: Instrument) {
        let sheet = surveyHeader?.sheetName ?? "survey"
        let row = question.row
        let typeColumn = surveyHeader?.column("type")
        if let list = question.type.choiceList, XFormBuild.isSingleReference(list) {
            // `select_one ${name}`: the answers given to `name` in a repeat are the choices.
            let name = String(list.trimmingSpaces().dropFirst(2).dropLast()).trimmingSpaces()
            if names[name] == nil {
                report(.error, sheet: sheet, row: row, column: typeColumn,
                       "the choices '\(list)' refer to no question named '\(name)'",
                       fix: "Name a question inside a repeat whose answers are the choices, or a list of the choices sheet")
            }
        } else if let list = question.type.choiceList, instrument.choiceList(named: list) == nil {
            let suggestion = closestMatch(to: list, in: instrument.choiceLists.map(\.name))
            report(.error, sheet: sheet, row: row, column: typeColumn,
                   "choice list '\(list)' is not in the choices sheet",
                   fix: suggestion.map { "Did you mean '\($0)'?" } ?? "Add rows with list_name '\(list)' to the choices sheet")
        }
        if question.orOther, question.choiceFilter != nil {
            report(.error, sheet: sheet, row: row, column: typeColumn, "or_other cannot be combined with a choice_filter",
                   fix: "Add an 'other' choice to the list and a text question for it instead")
        }
        if question.type == .calculate, question.calculation == nil {
            report(.error, sheet: sheet, row: row, column: surveyHeader?.column("calculation") ?? typeColumn,
                   "the calculate question '\(question.name)' has no calculation", fix: "Write the expression to compute")
        }
        if !question.type.isSilent, question.label.isEmpty, question.hint.isEmpty, question.media.isEmpty, question.type.isSelect {
            // pyxform writes a select without a label (as in a table-list's header row); ODK Collect shows no text.
            report(.warning, sheet: sheet, row: row, column: surveyHeader?.column("label"),
                   "the \(question.type.xlsformName) question '\(question.name)' has no label or hint",
                   fix: "Write the question as interviewers should read it, unless the row is a table-list header")
        } else if !question.type.isSilent, question.label.isEmpty, question.hint.isEmpty, question.media.isEmpty {
            report(.error, sheet: sheet, row: row, column: surveyHeader?.column("label"),
                   "the \(question.type.xlsformName) question '\(question.name)' has no label or hint",
                   fix: "Write the question as interviewers should read it")
        }
        checkExpression(question.relevant, key: "relevant", row: row, names: names)
        checkExpression(question.constraint, key: "constraint", row: row, names: names)
        checkExpression(question.calculation, key: "calculation", row: row, names: names)
        checkExpression(question.choiceFilter, key: "choice_filter", row: row, names: names)
        if let required = question.required, required != "true()", required != "false()" {
            checkExpression(required, key: "required", row: row, names: names)
        }
        if let readOnly = question.readOnly, readOnly != "true()", readOnly != "false()" {
            checkExpression(readOnly, key: "read_only", row: row, names: names)
        }
        if let value = question.defaultValue, Self.isDynamicDefault(value) {
            checkExpression(value, key: "default", row: row, names: names)
        }
        if let trigger = question.trigger {
            checkTrigger(trigger, question: question, names: names)
        }
        checkParameters(question)
    }

    /// pyxform's rule: a default that references a field or calls a function is computed when the form opens.
    static func isDynamicDefault(_ value: String) -> Bool {
        if value.contains("${") { return true }
        var previous: Character = " "
        for character in value {
            if character == "(", previous.isLetter || previous == "-" { return true }
            if character != " " { previous = character }
        }
        return false
    }

    private mutating func checkTrigger(_ trigger: String, question: Question, names: [String: [LocatedElement]]) {
        let column = surveyHeader?.column("trigger")
        let sheet = surveyHeader?.sheetName ?? "survey"
        guard trigger.hasPrefix("${"), trigger.hasSuffix("}"), trigger.count > 3 else {
            report(.error, sheet: sheet, row: question.row, column: column,
                   "trigger '\(trigger)' must name one question as ${name}", fix: "Write the question to watch, e.g. ${age}")
            return
        }
        checkExpression(trigger, key: "trigger", row: question.row, names: names)
        if question.calculation == nil {
            report(.warning, sheet: sheet, row: question.row, column: column,
                   "trigger without a calculation clears the value when ${…} changes", fix: "Add a calculation to set a value instead")
        }
    }

    /// Parameters each type accepts, as ODK Collect reads them.
    static let acceptedParameters: [String: [String]] = [
        "range": ["start", "end", "step"],
        "image": ["max-pixels", "app"],
        "audio": ["quality"],
        "text": ["rows"],
        "select": ["randomize", "seed"],
        "fromFile": ["value", "label", "randomize", "seed"],
        "geo": ["capture-accuracy", "warning-accuracy", "allow-mock-accuracy"],
        "audit": ["location-priority", "location-min-interval", "location-max-age", "track-changes", "track-changes-reasons", "identify-user"],
    ]

    private mutating func checkParameters(_ question: Question) {
        guard !question.parameters.isEmpty else { return }
        let group: String? =
            switch question.type {
            case .range: "range"
            case .image: "image"
            case .audio: "audio"
            case .text: "text"
            case .selectOne, .selectMultiple, .rank: "select"
            case .selectOneFromFile, .selectMultipleFromFile: "fromFile"
            case .geopoint, .geotrace, .geoshape: "geo"
            case .metadata(.audit): "audit"
            case .metadata(.backgroundAudio): "audio"
            default: nil
            }
        let column = surveyHeader?.column("parameters")
        let sheet = surveyHeader?.sheetName ?? "survey"
        let accepted = group.flatMap { Self.acceptedParameters[$0] } ?? []
        for (key, value) in question.parameters {
            guard accepted.contains(key.lowercased()) else {
                // pyxform checks the parameters of the types that take some and ignores those of the others.
                if group == nil {
                    report(.warning, sheet: sheet, row: question.row, column: column,
                           "parameter '\(key)' does not apply to \(question.type.xlsformName) and is ignored",
                           fix: "This type takes no parameters; clear the cell")
                } else {
                    report(.error, sheet: sheet, row: question.row, column: column,
                           "parameter '\(key)' does not apply to \(question.type.xlsformName)",
                           fix: accepted.isEmpty ? "This type takes no parameters" : "Accepted: \(accepted.joined(separator: ", "))")
                }
                continue
            }
            if value.isEmpty {
                report(.error, sheet: sheet, row: question.row, column: column, "parameter '\(key)' has no value",
                       fix: "Write it as \(key)=VALUE")
            } else if ["start", "end", "step", "max-pixels", "capture-accuracy", "warning-accuracy", "rows"].contains(key.lowercased()), Double(value) == nil {
                report(.error, sheet: sheet, row: question.row, column: column, "parameter '\(key)' must be a number, not '\(value)'",
                       fix: "Write a number, e.g. \(key)=1")
            }
        }
        if case .range = question.type, let step = question.parameter("step").flatMap(Double.init), step == 0 {
            report(.error, sheet: sheet, row: question.row, column: column, "range step must not be 0", fix: "Use step=1 or another non-zero step")
        }
    }

    /// Checks the `${name}` references that labels and hints show as answers.
    mutating func checkTextReferences(_ text: LocalizedText, key: String, row: Int?, names: [String: [LocatedElement]]) {
        guard text.values.values.contains(where: TextReferences.mayHaveReferences) else { return }
        for language in text.values.keys.sorted() {
            guard let value = text[language] else { continue }
            let column = surveyHeader?.column(key, language: language) ?? surveyHeader?.column(key)
            for segment in TextReferences.segments(of: value) {
                switch segment {
                case .text:
                    continue
                case .unclosed:
                    report(.error, sheet: surveyHeader?.sheetName ?? "survey", row: row, column: column,
                           "'${' without a closing '}'", fix: "Write the reference as ${name}")
                case .reference(let name) where names[LastSavedReference.questionName(name)] == nil:
                    let suggestion = closestMatch(to: LastSavedReference.questionName(name), in: Array(names.keys))
                    report(.error, sheet: surveyHeader?.sheetName ?? "survey", row: row, column: column,
                           "${\(name)} does not name any question",
                           fix: suggestion.map { "Did you mean ${\($0)}?" } ?? "Check the spelling against the name column")
                case .reference:
                    continue
                }
            }
        }
    }

    /// Parses `text` and checks that every `${name}` it uses names exactly one element.
    mutating func checkExpression(_ text: String?, key: String, row: Int?, names: [String: [LocatedElement]], header: XLSFormHeader? = nil) {
        guard let text, !text.isEmpty else { return }
        let header = header ?? surveyHeader
        let column = header?.column(key)
        let sheet = header?.sheetName ?? "survey"
        let parsed = parsedExpressions[text] ?? Result { () throws(ExpressionError) in try ExpressionParser.parse(text).referencedNames }
        parsedExpressions[text] = parsed
        let referencedNames: [String]
        switch parsed {
        case .success(let names):
            referencedNames = names
        case .failure(let error):
            report(.error, sheet: sheet, row: row, column: column,
                   "\(error.message) at position \(error.offset + 1) in \"\(text)\"",
                   fix: "Correct the expression; positions count characters from 1")
            return
        }
        if text.unicodeScalars.contains(where: { (0x2018...0x201D).contains($0.value) && $0.value != 0x201A && $0.value != 0x201B }) {
            report(.warning, sheet: sheet, row: row, column: column,
                   "typographic quotes in \"\(text)\" are read as straight quotes",
                   fix: "Type ' or \" (turn off Excel's smart quotes) so that other tools read the expression the same way")
        }
        for name in referencedNames {
            let targets = names[LastSavedReference.questionName(name)] ?? []
            if targets.isEmpty {
                let suggestion = closestMatch(to: LastSavedReference.questionName(name), in: Array(names.keys))
                report(.error, sheet: sheet, row: row, column: column, "${\(name)} does not name any question",
                       fix: suggestion.map { "Did you mean ${\($0)}?" } ?? "Check the spelling against the name column")
            } else if targets.count > 1 {
                report(.error, sheet: sheet, row: row, column: column,
                       "${\(name)} is ambiguous: rows \(targets.compactMap(\.element.row).map(String.init).joined(separator: ", ")) all use that name",
                       fix: "Rename all but one of them")
            }
        }
    }
}

/// Collects, per column and language, the rows whose text is missing in that language.
struct MissingTranslations {
    struct Warning {
        var sheet: String
        var column: String
        var language: String
        var rows: [Int]
    }

    let languages: [String]
    private var rows: [String: Warning] = [:]
    private var order: [String] = []

    init(languages: [String]) {
        self.languages = languages
    }

    mutating func add(_ text: LocalizedText, row: Int?, sheet: String, column: String) {
        guard languages.count > 1, !text.isEmpty, let row else { return }
        for language in languages where text[language] == nil {
            let key = sheet + "|" + column + "|" + language
            if rows[key] == nil {
                order.append(key)
                rows[key] = Warning(sheet: sheet, column: column, language: language, rows: [])
            }
            rows[key]?.rows.append(row)
        }
    }

    var warnings: [Warning] { order.compactMap { rows[$0] } }
}
