/// A minimal XML element tree that prints deterministically, the same bytes for the same tree.
struct XMLNode: Sendable {
    var name: String
    var attributes: [(String, String)] = []
    var children: [XMLNode] = []
    var text: String?
    /// Inner content already rendered as XML (text with `<output/>` elements), written as is.
    var markup: String?

    init(_ name: String, _ attributes: [(String, String)] = [], text: String? = nil, children: [XMLNode] = []) {
        self.name = name
        self.attributes = attributes
        self.text = text
        self.children = children
    }

    mutating func append(_ child: XMLNode) {
        children.append(child)
    }

    /// Adds an attribute when `value` is not nil.
    mutating func set(_ name: String, _ value: String?) {
        if let value { attributes.append((name, value)) }
    }

    /// The element and its children, indented by two spaces per level.
    func render(into output: inout String, depth: Int = 0) {
        let indent = String(repeating: "  ", count: depth)
        output += indent + "<" + name
        for (key, value) in attributes {
            output += " " + key + "=\"" + Self.escape(value, attribute: true) + "\""
        }
        if let markup, !markup.isEmpty {
            output += ">" + markup + "</" + name + ">\n"
        } else if let text, !text.isEmpty {
            output += ">" + Self.escape(text, attribute: false) + "</" + name + ">\n"
        } else if children.isEmpty {
            output += "/>\n"
        } else {
            output += ">\n"
            for child in children { child.render(into: &output, depth: depth + 1) }
            output += indent + "</" + name + ">\n"
        }
    }

    /// False when every byte can be written as is: no markup character, no control character and no
    /// U+FFFE/U+FFFF (UTF-8 `EF BF BE`/`EF BF BF`), which XML 1.0 forbids.
    private static func needsEscaping(_ bytes: String.UTF8View) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), 0..<0x20:
                return true
            case 0xBE, 0xBF where previous == (0xEF, 0xBF):
                return true
            default:
                previous = (previous.1, byte)
            }
        }
        return false
    }

    /// Escapes markup characters and drops characters XML 1.0 does not allow.
    static func escape(_ text: String, attribute: Bool) -> String {
        if !needsEscaping(text.utf8) { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where attribute: result += "&quot;"
            case "\n" where attribute: result += "&#10;"
            case "\t" where attribute: result += "&#9;"
            case "\r": result += "&#13;"
            default:
                let value = scalar.value
                let allowed = value == 0x9 || value == 0xA || (0x20...0xD7FF).contains(value)
                    || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
                if allowed { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
