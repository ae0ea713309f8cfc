import SanaripCore

extension XLSFormParser {
    static let surveyKeys: Set<String> = [
        "type", "name", "required", "relevant", "constraint", "calculation", "default", "read_only",
        "appearance", "choice_filter", "parameters", "trigger", "repeat_count", "sensitive",
    ]

    /// A group or repeat still open while reading the survey sheet.
    private struct OpenBlock {
        var group: Group
        var row: Int
    }

    /// The survey sheet's columns, resolved once from its header so that each row is read by index.
    private struct SurveyColumns {
        let name, required, relevant, readOnly, appearance, parameters, repeatCount: Int?
        let label, hint: TranslatedColumns
        /// Sanarip's `sensitive` column: `yes` marks a question exports leave out for users without the permission.
        let sensitive: XLSFormColumn?
        /// The question fields read as written, with their columns (absent columns left out).
        let questionCells: [(field: WritableKeyPath<Question, String?>, index: Int)]
        /// The question fields given per language, with their columns.
        let questionTexts: [(field: WritableKeyPath<Question, LocalizedText>, columns: TranslatedColumns)]
        let media: [(kind: String, columns: TranslatedColumns)]
        let attributes: [AttributeColumn]

        init(_ header: XLSFormHeader) {
            name = header.index("name")
            required = header.index("required")
            relevant = header.index("relevant")
            readOnly = header.index("read_only")
            appearance = header.index("appearance")
            parameters = header.index("parameters")
            repeatCount = header.index("repeat_count")
            sensitive = header.column("sensitive")
            label = header.translations("label")
            hint = header.translations("hint")
            let cells: [(WritableKeyPath<Question, String?>, String)] = [
                (\.relevant, "relevant"), (\.constraint, "constraint"), (\.calculation, "calculation"),
                (\.defaultValue, "default"), (\.appearance, "appearance"), (\.choiceFilter, "choice_filter"),
                (\.trigger, "trigger"),
            ]
            questionCells = cells.compactMap { field, key in header.index(key).map { (field, $0) } }
            let texts: [(WritableKeyPath<Question, LocalizedText>, String)] = [
                (\.label, "label"), (\.hint, "hint"), (\.guidanceHint, "guidance_hint"),
                (\.constraintMessage, "constraint_message"), (\.requiredMessage, "required_message"),
            ]
            questionTexts = texts.map { field, key in (field, header.translations(key)) }.filter { !$0.1.isEmpty }
            media = header.mediaColumns()
            attributes = header.attributeColumns(known: XLSFormParser.surveyKeys)
        }
    }

    mutating func readSurvey() {
        guard let sheet = workbook.sheet(named: "survey") else {
            let names = workbook.sheets.map(\.name).joined(separator: ", ")
            report(.error, sheet: nil, row: nil,
                   "there is no survey sheet" + (names.isEmpty ? "" : " (sheets found: \(names))"),
                   fix: "Name the sheet with the questions 'survey' (or the CSV file survey.csv)")
            return
        }
        guard let (header, rows) = split(sheet) else {
            report(.error, sheet: sheet.name, row: nil, "the survey sheet is empty",
                   fix: "Put the column names (type, name, label) in the first row and one question per row below")
            return
        }
        surveyHeader = header
        checkDuplicateHeaders(header)
        for key in ["type", "name"] where header.column(key) == nil {
            report(.error, sheet: sheet.name, row: header.row, "the survey sheet has no \(key) column",
                   fix: "Add a '\(key)' column to the first row of the survey sheet")
        }
        guard let typeColumn = header.column("type") else { return }
        let columns = SurveyColumns(header)

        var stack: [OpenBlock] = []
        var top: [SurveyElement] = []
        func append(_ element: SurveyElement) {
            if stack.isEmpty { top.append(element) } else { stack[stack.count - 1].group.children.append(element) }
        }

        // pyxform's table-list: set by a block with appearance `table-list` until the next end row; the list of
        // its first select once that is read.
        var tableList: String??
        // Forms repeat a few dozen type cells over thousands of rows: each is parsed once.
        var typeNames: [String: Result<XLSFormTypeName, XLSFormTypeName.TypeError>] = [:]
        for row in rows {
            let typeText = row[typeColumn.index].trimmingSpaces()
            let name = cell(row, columns.name)
            if typeText.isEmpty {
                if name != nil || !localized(row, columns.label).isEmpty {
                    report(.error, sheet: sheet.name, row: row.number, column: typeColumn,
                           "the row has a name or label but no type", fix: "Write its type (text, integer, select_one LIST, …) or delete the row")
                }
                continue
            }
            let typeName = typeNames[typeText] ?? XLSFormTypeName.parse(typeText)
            typeNames[typeText] = typeName
            switch typeName {
            case .failure(let error):
                reportTypeError(error, text: typeText, sheet: sheet.name, row: row.number, column: typeColumn)
            case .success(.beginGroup), .success(.beginRepeat):
                let isRepeat = typeName == .success(.beginRepeat)
                guard let name else {
                    report(.error, sheet: sheet.name, row: row.number, column: header.column("name") ?? typeColumn,
                           "\(isRepeat ? "begin_repeat" : "begin_group") has no name", fix: "Give the block a name")
                    continue
                }
                var group = Group(name: name, kind: isRepeat ? .repeat : .group)
                group.label = localized(row, columns.label)
                group.hint = localized(row, columns.hint)
                group.relevant = cell(row, columns.relevant).flatMap(Self.booleanExpression)
                group.appearance = cell(row, columns.appearance)
                group.readOnly = cell(row, columns.readOnly)
                group.required = cell(row, columns.required).flatMap(Self.booleanExpression)
                group.repeatCount = cell(row, columns.repeatCount)
                (group.bodyAttributes, group.bindAttributes, group.extra) = attributes(row, columns.attributes)
                group.row = row.number
                if let words = group.appearance?.split(separator: " "), words.contains("table-list") {
                    // As pyxform: a field-list whose label and hint move into a generated note at its top.
                    tableList = .some(nil)
                    group.appearance = (["field-list"] + words.filter { $0 != "table-list" }.map(String.init)).joined(separator: " ")
                    if !group.label.isEmpty || !group.hint.isEmpty {
                        var note = Question(name: "generated_table_list_label_\(row.number)", type: .note)
                        (note.label, note.hint, note.row) = (group.label, group.hint, row.number)
                        (group.label, group.hint) = (LocalizedText(), LocalizedText())
                        group.children.append(.question(note))
                    }
                }
                if !isRepeat, group.repeatCount != nil {
                    report(.warning, sheet: sheet.name, row: row.number, column: header.column("repeat_count"),
                           "repeat_count is set on a group, which does not repeat: it has no effect",
                           fix: "Use begin_repeat if the block should repeat, or clear repeat_count")
                }
                stack.append(OpenBlock(group: group, row: row.number))
            case .success(.endGroup), .success(.endRepeat):
                let isRepeat = typeName == .success(.endRepeat)
                let word = isRepeat ? "end_repeat" : "end_group"
                guard let open = stack.popLast() else {
                    report(.error, sheet: sheet.name, row: row.number, column: typeColumn,
                           "\(word) has no matching \(isRepeat ? "begin_repeat" : "begin_group") above it",
                           fix: "Delete this row or add the begin row where the block starts")
                    continue
                }
                if open.group.isRepeat != isRepeat {
                    report(.error, sheet: sheet.name, row: row.number, column: typeColumn,
                           "\(word) closes '\(open.group.name)', which row \(open.row) opens with \(open.group.isRepeat ? "begin_repeat" : "begin_group")",
                           fix: "Use \(open.group.isRepeat ? "end_repeat" : "end_group") here, or check the nesting of the blocks above")
                }
                if let name, name != open.group.name {
                    report(.warning, sheet: sheet.name, row: row.number, column: header.column("name"),
                           "\(word) is named '\(name)' but closes '\(open.group.name)' from row \(open.row)",
                           fix: "Clear the name of the end row, or check the nesting of the blocks above")
                }
                tableList = nil
                append(.group(open.group))
            case .success(.external(let format)):
                guard let name else {
                    report(.error, sheet: sheet.name, row: row.number, column: header.column("name") ?? typeColumn,
                           "'\(format.rawValue)-external' has no name",
                           fix: "Write the name of the attached file without its extension (NAME for NAME.\(format.rawValue))")
                    continue
                }
                if let first = externalInstances.first(where: { $0.name == name }) {
                    // As pyxform: external instances share one namespace across the form.
                    report(.error, sheet: sheet.name, row: row.number, column: header.column("name"),
                           "the external instance '\(name)' is already declared at row \(first.row ?? 0)",
                           fix: "Declare each attached file once")
                    continue
                }
                checkName(name, sheet: sheet.name, row: row.number, column: header.column("name"))
                externalInstances.append(ExternalInstance(name: name, format: format, row: row.number))
            case .success(.question(let type, let orOther)):
                if name == nil, type == .note {
                    // pyxform names an unnamed note after its row.
                    let generated = "generated_note_name_\(row.number)"
                    report(.warning, sheet: sheet.name, row: row.number, column: header.column("name") ?? typeColumn,
                           "the note has no name; it is named '\(generated)'", fix: "Give it a name so that it keeps it when rows move")
                    append(.question(question(named: generated, type: type, orOther: orOther, row: row, columns: columns)))
                    continue
                }
                guard let name else {
                    report(.error, sheet: sheet.name, row: row.number, column: header.column("name") ?? typeColumn,
                           "the \(type.xlsformName) question has no name", fix: "Give it a unique name such as q\(row.number)")
                    continue
                }
                var question = question(named: name, type: type, orOther: orOther, row: row, columns: columns)
                if let column = columns.sensitive, let text = cell(row, column.index) {
                    switch text.lowercased() {
                    case "yes", "true", "1": question.sensitive = true
                    case "no", "false", "0": break
                    default:
                        report(.error, sheet: sheet.name, row: row.number, column: column, "sensitive is '\(text)'",
                               fix: "Write yes for a question that identifies the respondent (name, phone, exact GPS), or leave it empty")
                    }
                }
                if let open = tableList, let list = type.choiceList {
                    // As pyxform: the first select of a table-list brings a select of the same list that shows the
                    // choices as column headers; every select in it shows no choice labels.
                    if open == nil {
                        if question.choiceFilter != nil {
                            report(.error, sheet: sheet.name, row: row.number, column: header.column("choice_filter"),
                                   "a table-list cannot filter its choices", fix: "Clear the choice_filter, or use appearance field-list")
                        }
                        var labels = Question(name: "reserved_name_for_field_list_labels_\(row.number)", type: type)
                        (labels.appearance, labels.row) = ("label", row.number)
                        append(.question(labels))
                        tableList = .some(list)
                    } else if open != list {
                        report(.error, sheet: sheet.name, row: row.number, column: typeColumn,
                               "this select uses list '\(list)' but the table-list's first select uses '\(open ?? "")'",
                               fix: "Use one choice list for every select of a table-list")
                    }
                    question.appearance = "list-nolabel"
                }
                if typeText.utf8.count >= 10, type == .text || type == .integer, let defaults = XLSFormTypeName.legacyDefaults(for: typeText) {
                    // pyxform's `phone number`, `percentage`, …: a checked text or number unless the row says otherwise.
                    if question.constraint == nil { question.constraint = defaults.constraint }
                    if question.hint.isEmpty, let hint = defaults.hint { question.hint = LocalizedText(default: hint) }
                }
                append(.question(question))
            }
        }
        while let open = stack.popLast() {
            report(.error, sheet: sheet.name, row: open.row, column: typeColumn,
                   "\(open.group.isRepeat ? "begin_repeat" : "begin_group") '\(open.group.name)' is never closed",
                   fix: "Add an \(open.group.isRepeat ? "end_repeat" : "end_group") row where the block ends")
            append(.group(open.group))
        }
        elements = top
    }

    private func question(named name: String, type: QuestionType, orOther: Bool, row: Row, columns: SurveyColumns) -> Question {
        var question = Question(name: name, type: type)
        question.orOther = orOther
        for (field, textColumns) in columns.questionTexts { question[keyPath: field] = localized(row, textColumns) }
        for (field, index) in columns.questionCells { question[keyPath: field] = cell(row, index) }
        for field in [\Question.relevant, \.constraint, \.calculation] {
            question[keyPath: field] = question[keyPath: field].flatMap(Self.booleanExpression)
        }
        question.media = media(row, columns.media)
        question.required = cell(row, columns.required).flatMap(Self.booleanExpression)
        question.readOnly = cell(row, columns.readOnly).flatMap(Self.booleanExpression)
        (question.bodyAttributes, question.bindAttributes, question.extra) = attributes(row, columns.attributes)
        question.row = row.number
        if let text = cell(row, columns.parameters) {
            question.parameters = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" || $0 == "\n" }).map { token in
                // Never empty, even for "=" or "=5" (found by fuzzing: indexing an empty split trapped).
                let parts = token.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
                return (parts[0], parts.count > 1 ? parts[1] : "")
            }
        }
        return question
    }

    /// pyxform's conversions of bind cells (`required`, `read_only`, `relevant`, `constraint`, `calculation`):
    /// `yes`/`true` become `true()`, `no`/`false` become `false()` (in lower, capitalised or upper case); anything
    /// else is an expression, `1` and `0` included.
    static func booleanExpression(_ text: String) -> String? {
        switch text {
        case "yes", "Yes", "YES", "true", "True", "TRUE": "true()"
        case "no", "No", "NO", "false", "False", "FALSE": "false()"
        default: text
        }
    }

    private mutating func reportTypeError(_ error: XLSFormTypeName.TypeError, text: String, sheet: String, row: Int, column: XLSFormColumn) {
        switch error {
        case .empty:
            break
        case .unknown(let word):
            let suggestion = closestMatch(to: word, in: XLSFormTypeName.knownNames.map { String($0.split(separator: " ")[0]) })
            report(.error, sheet: sheet, row: row, column: column, "unknown type '\(text)'",
                   fix: suggestion.map { "Did you mean '\($0)'?" } ?? "See the XLSForm types: text, integer, decimal, select_one LIST, select_multiple LIST, date, note, calculate, begin_group, …")
        case .missingList(let type):
            report(.error, sheet: sheet, row: row, column: column, "'\(type)' needs the name of a choice list",
                   fix: "Write it as '\(type) LIST_NAME', with LIST_NAME from the list_name column of the choices sheet")
        case .missingFile(let type):
            report(.error, sheet: sheet, row: row, column: column, "'\(type)' needs a file name",
                   fix: "Write it as '\(type) FILE.csv' and attach FILE.csv to the form")
        case .badFile(let file):
            report(.error, sheet: sheet, row: row, column: column, "'\(file)' is not a .csv, .xml or .geojson file",
                   fix: "Choices from a file must come from a .csv, .xml or .geojson file")
        case .unexpectedWords(let type, let words):
            report(.error, sheet: sheet, row: row, column: column,
                   "unexpected '\(words.joined(separator: " "))' after '\(type)'",
                   fix: words.first?.lowercased().contains("other") == true ? "Write 'or_other' exactly" : "Remove the extra words")
        case .unsupported(let type, let advice):
            report(.error, sheet: sheet, row: row, column: column, "'\(type)' is not supported", fix: advice.prefix(1).uppercased() + advice.dropFirst())
        }
    }
}
