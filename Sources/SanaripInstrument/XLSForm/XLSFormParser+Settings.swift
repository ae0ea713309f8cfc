import SanaripCore

extension XLSFormParser {
    static let settingsKeys: Set<String> = [
        "form_title", "form_id", "version", "default_language", "instance_name", "public_key",
        "submission_url", "style", "name", "allow_choice_duplicates",
    ]

    mutating func readSettings() {
        guard let sheet = workbook.sheet(named: "settings"), let (header, rows) = split(sheet) else {
            settings.formID = defaultFormID()
            return
        }
        checkDuplicateHeaders(header)
        if let row = rows.first {
            settings.formTitle = cell(row, "form_title", in: header)
            settings.formID = cell(row, "form_id", in: header)
            settings.version = cell(row, "version", in: header)
            settings.defaultLanguage = cell(row, "default_language", in: header)
            settings.instanceName = cell(row, "instance_name", in: header)
            settings.publicKey = cell(row, "public_key", in: header)
            settings.submissionURL = cell(row, "submission_url", in: header)
            settings.style = cell(row, "style", in: header)
            settings.rootName = cell(row, "name", in: header)
            if let duplicates = cell(row, "allow_choice_duplicates", in: header) {
                settings.allowChoiceDuplicates = ["yes", "true", "true()", "1"].contains(duplicates.lowercased())
            }
            for column in header.columns where !Self.settingsKeys.contains(column.key) {
                let value = row[column.index].trimmingSpaces()
                if !value.isEmpty { settings.extra[column.header] = value }
            }
            if let id = settings.formID, id.contains(" ") {
                report(.warning, sheet: sheet.name, row: row.number, column: header.column("form_id"),
                       "form_id '\(id)' contains spaces; ODK servers accept it, but URLs and file names show it escaped",
                       fix: "Use letters, digits and underscores, e.g. \(id.split(separator: " ").joined(separator: "_"))")
            }
            if let root = settings.rootName, !isValidXMLName(root) {
                report(.error, sheet: sheet.name, row: row.number, column: header.column("name"),
                       "name '\(root)' is not a valid XML name", fix: "Start with a letter and use letters, digits and underscores")
            }
        }
        if settings.formID == nil { settings.formID = defaultFormID() }
    }

    /// pyxform's rule: without a form_id the file's name is used, as written (`repeat_group_(merge)`).
    func defaultFormID() -> String {
        var base = workbook.source.split(separator: "/").last.map(String.init) ?? "form"
        for suffix in [".xlsx", ".csv", ".xls"] where base.lowercased().hasSuffix(suffix) {
            base.removeLast(suffix.count)
        }
        return base.isEmpty ? "form" : base
    }
}
