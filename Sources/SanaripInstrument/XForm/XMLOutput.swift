/// An XML document written straight to UTF-8 bytes as it is built, indented by two spaces per level.
///
/// ``start(_:)`` begins an element and ``attribute(_:_:)`` adds to its tag; ``text(_:)`` or ``content(_:)``
/// then closes it around its text, or ``end()`` closes it after its children. A start tag is left open until
/// its first child, so an element that gets no text and no children is written as `<name/>`.
/// The same calls always give the same bytes.
struct XMLOutput {
    private(set) var bytes: [UInt8] = []
    /// Names of the elements begun and not yet closed, innermost last.
    private var open: [String] = []
    /// Whether the innermost element's start tag still waits for its `>`.
    private var tagIsOpen = false
    /// Indentation level of the first element; a fragment to be appended starts at its parent's depth + 1.
    private let baseDepth: Int

    init(depth: Int = 0, capacity: Int = 0) {
        baseDepth = depth
        bytes.reserveCapacity(capacity)
    }

    init(_ prologue: StaticString, capacity: Int) {
        self.init(capacity: capacity)
        bytes.append(contentsOf: UnsafeBufferPointer(start: prologue.utf8Start, count: prologue.utf8CodeUnitCount))
    }

    // MARK: Elements

    /// Begins the element `name` as a child of the innermost open element.
    mutating func start(_ name: String) {
        closeStartTag()
        indent(baseDepth + open.count)
        bytes.append(UInt8(ascii: "<"))
        append(name)
        open.append(name)
        tagIsOpen = true
    }

    /// Adds an attribute to the element just begun when `value` is not nil.
    mutating func attribute(_ name: String, _ value: String?) {
        guard let value else { return }
        bytes.append(0x20)
        append(name)
        bytes.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "\"")])
        Self.escape(value, attribute: true, into: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Closes the element just begun around `text`, escaped; `<name/>` when the text is nil or empty.
    mutating func text(_ text: String?) {
        guard let text, !text.isEmpty else { return end() }
        bytes.append(UInt8(ascii: ">"))
        Self.escape(text, attribute: false, into: &bytes)
        closeTag()
    }

    /// Closes the element just begun around content that `write` appends as ready XML (text with
    /// `<output/>` elements); `<name/>` when it appends nothing.
    mutating func content(_ write: (inout [UInt8]) -> Void) {
        let start = bytes.count
        bytes.append(UInt8(ascii: ">"))
        write(&bytes)
        guard bytes.count > start + 1 else {
            bytes.removeLast()
            return end()
        }
        closeTag()
    }

    /// Closes the innermost open element after its children, or as `<name/>` when it has none.
    mutating func end() {
        if tagIsOpen {
            bytes.append(contentsOf: [UInt8(ascii: "/"), UInt8(ascii: ">"), 0x0A])
            tagIsOpen = false
            open.removeLast()
        } else {
            let depth = baseDepth + open.count - 1
            indent(depth)
            closeTag()
        }
    }

    /// Appends a fragment written with `depth` one more than this output's open elements, as their child.
    mutating func append(_ fragment: XMLOutput) {
        guard !fragment.bytes.isEmpty else { return }
        closeStartTag()
        bytes.append(contentsOf: fragment.bytes)
    }

    private mutating func closeStartTag() {
        guard tagIsOpen else { return }
        bytes.append(contentsOf: [UInt8(ascii: ">"), 0x0A])
        tagIsOpen = false
    }

    private mutating func closeTag() {
        let name = open.removeLast()
        tagIsOpen = false
        bytes.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")])
        append(name)
        bytes.append(contentsOf: [UInt8(ascii: ">"), 0x0A])
    }

    /// Appends a name as it is, copied as a block.
    private mutating func append(_ name: String) {
        if name.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: name.utf8)
        }
    }

    private mutating func indent(_ depth: Int) {
        bytes.append(contentsOf: repeatElement(0x20, count: 2 * depth))
    }

    // MARK: Escaping

    /// Appends `text` with markup characters escaped and characters XML 1.0 does not allow dropped; in
    /// attributes, quotes, tabs and line feeds become references too.
    ///
    /// Most text needs no escaping: one pass over its contiguous UTF-8 finds that out and the bytes are copied as a
    /// block. The test: no markup character, no control character and no U+FFFE/U+FFFF (UTF-8 `EF BF BE`/`EF BF BF`).
    static func escape(_ text: String, attribute: Bool, into output: inout [UInt8]) {
        var text = text
        let plain = text.withUTF8 { utf8 in
            for index in utf8.indices {
                switch utf8[index] {
                case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), 0..<0x20:
                    return false
                case 0xEF where index + 2 < utf8.count && utf8[index + 1] == 0xBF && utf8[index + 2] >= 0xBE:
                    return false
                default:
                    continue
                }
            }
            output.append(contentsOf: utf8)
            return true
        }
        if plain { return }
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
