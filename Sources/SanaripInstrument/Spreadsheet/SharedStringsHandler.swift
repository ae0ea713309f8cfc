/// Reads `xl/sharedStrings.xml`: each `<si>` is the concatenation of its `<t>` texts, plain or in
/// rich-text runs, leaving out phonetic hints (`<rPh>`).
final class SharedStringsHandler: XMLPartHandler {
    private(set) var strings: [String] = []
    private var current = ""
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0

    override func didStart(_ name: String, attributes: XMLAttributes) {
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

    override func didEnd(_ name: String) {
        switch name {
        case "si":
            strings.append(OOXMLText.decodingEscapes(current))
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
