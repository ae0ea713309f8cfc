import SanaripCore

extension XLSFormParser {
    mutating func readChoices() {
        guard let sheet = workbook.sheet(named: "choices"), let (header, rows) = split(sheet) else { return }
        choicesHeader = header
        choiceLists = readLists(sheet, header, rows)
    }

    /// The `osm` sheet, laid out as the choices sheet: the tags of each `osm` question's list.
    mutating func readOSMTags() {
        guard let sheet = workbook.sheet(named: "osm"), let (header, rows) = split(sheet) else { return }
        osmTagLists = readLists(sheet, header, rows)
    }

    /// The lists of a sheet with `list_name`, `name` and `label` columns, in the order of the sheet.
    private mutating func readLists(_ sheet: Sheet, _ header: XLSFormHeader, _ rows: ArraySlice<Row>) -> [ChoiceList] {
        var choiceLists: [ChoiceList] = []
        let sheetName = Workbook.normalizedSheetName(sheet.name)
        checkDuplicateHeaders(header)
        guard let listColumn = header.column("list_name") else {
            report(.error, sheet: sheet.name, row: header.row, "the \(sheetName) sheet has no list_name column",
                   fix: "Add columns list_name, name and label to the first row of the \(sheetName) sheet")
            return []
        }
        guard header.column("name") != nil else {
            report(.error, sheet: sheet.name, row: header.row, "the \(sheetName) sheet has no name column",
                   fix: "Add a name column holding the value stored for each choice")
            return []
        }
        let nameIndex = header.index("name")
        let labelColumns = header.translations("label")
        let mediaColumns = header.mediaColumns()
        let attributeColumns = header.attributeColumns(known: ["list_name", "name"])
        var index: [String: Int] = [:]
        for row in rows {
            guard let list = cell(row, listColumn.index) else {
                if cell(row, nameIndex) != nil {
                    report(.warning, sheet: sheet.name, row: row.number, column: listColumn,
                           "the choice has no list_name, so no list has it", fix: "Write the name of the list this choice belongs to")
                }
                continue
            }
            // pyxform replaces typographic quotes in every cell: `don’t_know` is stored as `don't_know`.
            guard let name = cell(row, nameIndex).map(Self.straightQuotes) else {
                report(.error, sheet: sheet.name, row: row.number, column: header.column("name"),
                       "the choice in list '\(list)' has no name", fix: "Write the value to store when this choice is picked")
                continue
            }
            var choice = Choice(name: name, label: localized(row, labelColumns))
            choice.media = media(row, mediaColumns)
            choice.extra = attributes(row, attributeColumns).extra
            choice.row = row.number
            if let position = index[list] {
                if !settings.allowChoiceDuplicates, let first = choiceLists[position].choice(named: name) {
                    report(.error, sheet: sheet.name, row: row.number, column: header.column("name"),
                           "choice '\(name)' appears twice in list '\(list)' (first at row \(first.row ?? 0))",
                           fix: "Give each choice of a list its own name, or set allow_choice_duplicates to yes in settings")
                }
                choiceLists[position].choices.append(choice)
            } else {
                index[list] = choiceLists.count
                choiceLists.append(ChoiceList(name: list, choices: [choice]))
            }
        }
        return choiceLists
    }
}
