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

    /// The element and its children as UTF-8, indented by two spaces per level.
    func render(into output: inout [UInt8], depth: Int = 0) {
        for _ in 0..<depth { output.append(contentsOf: [0x20, 0x20]) }
        output.append(UInt8(ascii: "<"))
        output.append(contentsOf: name.utf8)
        for (key, value) in attributes {
            output.append(0x20)
            output.append(contentsOf: key.utf8)
            output.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "\"")])
            Self.escape(value, attribute: true, into: &output)
            output.append(UInt8(ascii: "\""))
        }
        if let markup, !markup.isEmpty {
            output.append(UInt8(ascii: ">"))
            output.append(contentsOf: markup.utf8)
            closeTag(into: &output)
        } else if let text, !text.isEmpty {
            output.append(UInt8(ascii: ">"))
            Self.escape(text, attribute: false, into: &output)
            closeTag(into: &output)
        } else if children.isEmpty {
            output.append(contentsOf: [UInt8(ascii: "/"), UInt8(ascii: ">"), 0x0A])
        } else {
            output.append(contentsOf: [UInt8(ascii: ">"), 0x0A])
            for child in children { child.render(into: &output, depth: depth + 1) }
            for _ in 0..<depth { output.append(contentsOf: [0x20, 0x20]) }
            closeTag(into: &output)
        }
    }

    private func closeTag(into output: inout [UInt8]) {
        output.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")])
        output.append(contentsOf: name.utf8)
        output.append(contentsOf: [UInt8(ascii: ">"), 0x0A])
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
        var bytes: [UInt8] = []
        escape(text, attribute: attribute, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` escaped, as ``escape(_:attribute:)`` does, to UTF-8 `output`.
    static func escape(_ text: String, attribute: Bool, into output: inout [UInt8]) {
        if !needsEscaping(text.utf8) {
            output.append(contentsOf: text.utf8)
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output.append(contentsOf: "&amp;".utf8)
            case "<": output.append(contentsOf: "&lt;".utf8)
            case ">": output.append(contentsOf: "&gt;".utf8)
            case "\"" where attribute: output.append(contentsOf: "&quot;".utf8)
            case "\n" where attribute: output.append(contentsOf: "&#10;".utf8)
            case "\t" where attribute: output.append(contentsOf: "&#9;".utf8)
            case "\r": output.append(contentsOf: "&#13;".utf8)
            default:
                let value = scalar.value
                let allowed = value == 0x9 || value == 0xA || (0x20...0xD7FF).contains(value)
                    || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
                if allowed { output.append(contentsOf: UTF8.encode(scalar)!) }
            }
        }
    }
}
