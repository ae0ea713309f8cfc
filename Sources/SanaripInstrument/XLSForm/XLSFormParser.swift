import SanaripCore

/// The state of one XLSForm read: the workbook, what has been built and the problems found so far.
struct XLSFormParser {
    let workbook: Workbook
    var diagnostics: [XLSFormDiagnostic] = []
    var settings = InstrumentSettings()
    var choiceLists: [ChoiceList] = []
    var elements: [SurveyElement] = []
    var surveyHeader: XLSFormHeader?
    var choicesHeader: XLSFormHeader?

    init(workbook: Workbook) {
        self.workbook = workbook
    }

    mutating func parse() -> Instrument {
        readSettings()
        readChoices()
        readSurvey()
        let languages = checkLanguages()
        var instrument = Instrument(settings: settings, languages: languages, elements: elements, choiceLists: choiceLists)
        addOtherChoices(to: &instrument)
        checkElements(of: instrument)
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
        guard let column = header.column(key) else { return nil }
        let text = row[column.index].trimmingSpaces()
        return text.isEmpty ? nil : text
    }

    /// Every translation of `key` in `row`.
    func localized(_ row: Row, _ key: String, in header: XLSFormHeader) -> LocalizedText {
        var text = LocalizedText()
        for (language, column) in header.translations(key) {
            let value = row[column.index].trimmingSpaces()
            if !value.isEmpty { text[language] = value }
        }
        return text
    }

    /// Media columns of `row` by kind (`image`, `big-image`, `audio`, `video`).
    func media(_ row: Row, in header: XLSFormHeader) -> [String: LocalizedText] {
        var media: [String: LocalizedText] = [:]
        for key in ["media::image", "media::big-image", "media::audio", "media::video"] {
            let text = localized(row, key, in: header)
            if !text.isEmpty { media[String(key.dropFirst("media::".count))] = text }
        }
        return media
    }

    /// `body::`, `bind::` and unknown columns of `row`.
    func attributes(_ row: Row, in header: XLSFormHeader, known: Set<String>)
        -> (body: [String: String], bind: [String: String], extra: [String: String])
    {
        var body: [String: String] = [:]
        var bind: [String: String] = [:]
        var extra: [String: String] = [:]
        for column in header.columns {
            let value = row[column.index].trimmingSpaces()
            guard !value.isEmpty else { continue }
            if column.key.hasPrefix("body::") {
                body[String(column.header.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)[2...].joined(separator: ":"))] = value
            } else if column.key.hasPrefix("bind::") {
                bind[String(column.header.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)[2...].joined(separator: ":"))] = value
            } else if !known.contains(column.key) && !XLSFormColumn.translatable.contains(column.key) {
                extra[column.header] = value
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
        return (XLSFormHeader(sheetName: sheet.name, row: first), sheet.rows.dropFirst())
    }
}

/// XML names as XForms require for element names: a letter or `_` first, then letters, digits, `_`, `-`, `.`.
func isValidXMLName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, !name.contains(":") else { return false }
    func isLetter(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic || s == "_" }
    guard isLetter(first) else { return false }
    return name.unicodeScalars.dropFirst().allSatisfy {
        isLetter($0) || $0.properties.numericType != nil || $0 == "-" || $0 == "." || $0.properties.generalCategory == .nonspacingMark
    }
}
