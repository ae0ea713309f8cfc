/// Reads `xl/sharedStrings.xml`: each `<si>` is the concatenation of its `<t>` texts, plain or in
/// rich-text runs, leaving out phonetic hints (`<rPh>`).
///
/// Strings go to `table` in batches as they are read, so the sheets can be read at the same time.
final class SharedStringsHandler: XMLPartHandler {
    private let table: SharedStringTable
    private var batch: [String] = []
    private var current = ""
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0

    init(table: SharedStringTable) {
        self.table = table
    }

    /// Hands the strings not yet passed on to the table.
    func flush() {
        table.append(contentsOf: batch)
        batch.removeAll(keepingCapacity: true)
    }

    override func didStart(_ name: XMLName, attributes: XMLAttributes) {
        switch name {
        case "si":
            inItem = true
            current = ""
        case "rPh":
            phoneticDepth += 1
        case "t":
            inText = inItem && phoneticDepth == 0
        default:
            break
        }
    }

    override func didEnd(_ name: XMLName) {
        switch name {
        case "si":
            batch.append(OOXMLText.decodingEscapes(current))
            if batch.count == 256 { flush() }
            inItem = false
        case "rPh":
            phoneticDepth -= 1
        case "t":
            inText = false
        default:
            break
        }
    }

    override func found(_ text: String) {
        if inText { current += text }
    }
}
