import SanaripCore

/// The state of one XLSForm read: the workbook, what has been built and the problems found so far.
struct XLSFormParser {
    let workbook: Workbook
    var diagnostics: [XLSFormDiagnostic] = []
    var settings = InstrumentSettings()
    var choiceLists: [ChoiceList] = []
    var osmTagLists: [ChoiceList] = []
    var elements: [SurveyElement] = []
    var externalInstances: [ExternalInstance] = []
    var entities: [EntityDeclaration] = []
    var surveyHeader: XLSFormHeader?
    var entitiesHeader: XLSFormHeader?
    var choicesHeader: XLSFormHeader?
    /// The `${…}` names of each expression text checked so far, or why it does not parse.
    var parsedExpressions: [String: Result<[String], ExpressionError>] = [:]

    init(workbook: Workbook) {
        self.workbook = Self.withPlainSpaces(workbook)
    }

    /// `workbook` with each no-break space (U+00A0) as a plain space, as pyxform reads every cell
    /// (`xlsx_value_to_str`): `. <=\u{A0}${n}` is an expression ODK Validate accepts only so.
    static func withPlainSpaces(_ workbook: Workbook) -> Workbook {
        var result = workbook
        for sheet in result.sheets.indices {
            for row in result.sheets[sheet].rows.indices {
                // U+00A0 is C2 A0 in UTF-8; most cells have no C2 byte at all.
                guard result.sheets[sheet].rows[row].cells.contains(where: { $0.utf8.contains(0xC2) }) else { continue }
                result.sheets[sheet].rows[row].cells = result.sheets[sheet].rows[row].cells.map { cell in
                    cell.utf8.contains(0xC2) ? String(cell.map { $0 == "\u{A0}" ? " " : $0 }) : cell
                }
            }
        }
        return result
    }

    mutating func parse() -> Instrument {
        readSettings()
        readChoices()
        readOSMTags()
        readEntities()
        readSurvey()
        let languages = checkLanguages()
        var instrument = Instrument(
            settings: settings, languages: languages, elements: elements, choiceLists: choiceLists, osmTagLists: osmTagLists,
            externalInstances: externalInstances, entities: entities)
        addOtherChoices(to: &instrument)
        checkElements(of: instrument)
        checkEntities(of: &instrument)
        return instrument
    }

    // MARK: Reporting

    mutating func report(
        _ severity: XLSFormDiagnostic.Severity, sheet: String?, row: Int?, column: XLSFormColumn? = nil,
        _ message: String, fix: String? = nil
    ) {
        diagnostics.append(
            XLSFormDiagnostic(
                severity, file: workbook.source, sheet: sheet, row: row, column: column?.header,
                columnLetter: column?.letter, message: message, fix: fix
            )
        )
    }

    // MARK: Cells

    /// The trimmed text of `key` (untranslated) in `row`, or nil when empty or the column is absent.
    func cell(_ row: Row, _ key: String, in header: XLSFormHeader) -> String? {
        cell(row, header.index(key))
    }

    /// The trimmed text of the column at `index` in `row`, or nil when empty or there is no such column.
    func cell(_ row: Row, _ index: Int?) -> String? {
        guard let index else { return nil }
        let text = row[index].trimmingSpaces()
        return text.isEmpty ? nil : text
    }

    /// Every translation in `row` of the key whose columns are `columns`, merged as pyxform merges a row's cells
    /// in sheet order: a filled column without a language replaces what came before and leaves the text
    /// untranslated; a translated cell after it files it under the unnamed columns' language (the settings'
    /// `default_language`), or drops it when the cell is in that language itself.
    func localized(_ row: Row, _ columns: TranslatedColumns) -> LocalizedText {
        var values: [String: String] = [:]
        values.reserveCapacity(columns.count)
        var plain: String?
        for (language, index, unnamed) in columns {
            let value = Self.straightQuotes(row[index].trimmingSpaces())
            guard !value.isEmpty else { continue }
            if unnamed {
                plain = value
                values.removeAll()
            } else if let text = plain {
                plain = nil
                let unnamedLanguage = settings.defaultLanguage ?? Language.defaultName
                if language != unnamedLanguage { values[unnamedLanguage] = text }
                values[language] = value
            } else {
                values[language] = value
            }
        }
        if let plain { values[Language.defaultName] = plain }
        return LocalizedText(values)
    }

    /// `text` with typographic quotes as straight ones: pyxform replaces them in every cell, so texts and extra
    /// columns (which choice filters compare) read the same in both XForms.
    static func straightQuotes(_ text: String) -> String {
        // Each of ‘ ’ “ ” starts with the bytes E2 80 in UTF-8; most cells have none.
        guard text.utf8.contains(0xE2) else { return text }
        return String(text.map(ExpressionLexer.straightQuote))
    }

    /// Media of `row` by kind (`image`, `big-image`, `audio`, `video`), from ``XLSFormHeader/mediaColumns()``.
    func media(_ row: Row, _ columns: [(kind: String, columns: TranslatedColumns)]) -> [String: LocalizedText] {
        var media: [String: LocalizedText] = [:]
        for (kind, kindColumns) in columns {
            let text = localized(row, kindColumns)
            if !text.isEmpty { media[kind] = text }
        }
        return media
    }

    /// The `body::`, `bind::` and unknown columns of `row`, from ``XLSFormHeader/attributeColumns(known:)``.
    func attributes(_ row: Row, _ columns: [AttributeColumn])
        -> (body: [String: String], bind: [String: String], extra: [String: String])
    {
        var body: [String: String] = [:]
        var bind: [String: String] = [:]
        var extra: [String: String] = [:]
        for column in columns {
            let value = Self.straightQuotes(row[column.index].trimmingSpaces())
            guard !value.isEmpty else { continue }
            switch column.target {
            case .body: body[column.name] = value
            case .bind: bind[column.name] = value
            case .extra: extra[column.name] = value
            }
        }
        return (body, bind, extra)
    }

    /// Reports columns that appear twice (same meaning and language).
    mutating func checkDuplicateHeaders(_ header: XLSFormHeader) {
        var seen: [String: XLSFormColumn] = [:]
        for column in header.columns {
            let identity = column.key + "|" + (column.language ?? "")
            if let first = seen[identity] {
                report(
                    .error, sheet: header.sheetName, row: header.row, column: column,
                    "column '\(column.header)' repeats column '\(first.header)' (\(first.letter))",
                    fix: "Delete one of the two columns, or merge their contents"
                )
            } else {
                seen[identity] = column
            }
        }
    }

    /// The header row and the data rows of a sheet (the header is its first non-empty row).
    func split(_ sheet: Sheet) -> (header: XLSFormHeader, rows: ArraySlice<Row>)? {
        guard let first = sheet.rows.first else { return nil }
        var header = XLSFormHeader(sheetName: sheet.name, row: first)
        if let language = settings.defaultLanguage { header.unnamedLanguage = language }
        return (header, sheet.rows.dropFirst())
    }
}

/// XML names as XForms require for element names: a letter or `_` first, then letters, digits, `_`, `-`, `.`.
func isValidXMLName(_ name: String) -> Bool {
    if name.utf8.allSatisfy({ $0 < 0x80 }) {
        return !name.isEmpty && name.utf8.enumerated().allSatisfy { offset, byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"): true
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."): offset > 0
            default: false
            }
        }
    }
    guard let first = name.unicodeScalars.first, !name.contains(":") else { return false }
    func isLetter(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic || s == "_" }
    guard isLetter(first) else { return false }
    return name.unicodeScalars.dropFirst().allSatisfy {
        isLetter($0) || $0.properties.numericType != nil || $0 == "-" || $0 == "." || $0.properties.generalCategory == .nonspacingMark
    }
}
