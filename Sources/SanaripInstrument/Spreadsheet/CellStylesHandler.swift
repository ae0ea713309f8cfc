/// Reads `xl/styles.xml` for what each cell format (`cellXfs`, referenced by a cell's `s`) makes of numbers.
final class CellStylesHandler: XMLPartHandler {
    private var customFormats: [Int: String] = [:]
    private var formatIDs: [Int] = []
    private var inNumberFormats = false
    private var inCellFormats = false

    /// The number format kind of each cell format, by index.
    var formats: [NumberFormat] {
        formatIDs.map { id in
            if let code = customFormats[id] { return NumberFormat.classify(code) }
            return NumberFormat.builtIn(id)
        }
    }

    override func didStart(_ name: XMLName, attributes: XMLAttributes) {
        switch name {
        case "numFmts": inNumberFormats = true
        case "cellXfs": inCellFormats = true
        case "numFmt" where inNumberFormats:
            if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] {
                customFormats[id] = code
            }
        case "xf" where inCellFormats:
            formatIDs.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
        default: break
        }
    }

    override func didEnd(_ name: XMLName) {
        switch name {
        case "numFmts": inNumberFormats = false
        case "cellXfs": inCellFormats = false
        default: break
        }
    }
}
