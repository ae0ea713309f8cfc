/// Reads `xl/workbook.xml`: the sheets in order and the date system.
final class WorkbookPartHandler: XMLPartHandler {
    struct SheetEntry: Hashable {
        var name: String
        var relationshipID: String?
    }

    private(set) var sheets: [SheetEntry] = []
    private(set) var date1904 = false
    private var inSheets = false

    override func didStart(_ name: XMLName, attributes: XMLAttributes) {
        switch name {
        case "workbookPr":
            let value = attributes["date1904"]?.lowercased()
            date1904 = value == "1" || value == "true"
        case "sheets":
            inSheets = true
        case "sheet" where inSheets:
            sheets.append(SheetEntry(
                name: attributes["name"] ?? "Sheet\(sheets.count + 1)",
                relationshipID: Self.attribute("id", in: attributes)
            ))
        default:
            break
        }
    }

    override func didEnd(_ name: XMLName) {
        if name == "sheets" { inSheets = false }
    }
}
