/// A small, strict XML reader for package parts, working directly on UTF-8 bytes and calling an
/// ``XMLPartHandler`` for each element and text run. Package parts are simple (no DTD, UTF-8), and a
/// scanner this size reads them many times faster than Foundation's `XMLParser` with its delegate bridging.
///
/// It checks what makes a part unusable: unmatched or unclosed tags, broken attributes, unknown entities,
/// characters XML does not allow, and content after the root element.
struct XMLPartScanner {
    /// Where and why the part is not well-formed.
    struct Invalid: Error {
        var offset: Int
        var reason: String
    }

    static let unclosed = "its elements are not properly closed (is the file cut short?)"
    private static let brokenTag = "a tag is broken"
    private static let brokenAttribute = "an attribute is broken"
    private static let brokenEntity = "it uses an unknown or broken entity"
    private static let badCharacter = "it contains a character XML does not allow"

    private let bytes: UnsafeRawBufferPointer
    private let handler: XMLPartHandler
    private var index = 0
    /// Qualified names of the open elements, innermost last.
    private var open: [Range<Int>] = []
    /// The attributes of the tag being read, kept to reuse their storage from tag to tag.
    private var attributes: XMLAttributes

    private init(bytes: UnsafeRawBufferPointer, handler: XMLPartHandler) {
        self.bytes = bytes
        self.handler = handler
        attributes = XMLAttributes(bytes: bytes)
    }

    /// Reads `bytes`, stopping early when the handler fails.
    static func scan(_ bytes: UnsafeRawBufferPointer, with handler: XMLPartHandler) throws(Invalid) {
        var scanner = XMLPartScanner(bytes: bytes, handler: handler)
        try scanner.document()
    }

    /// The 1-based line and column (in bytes) of `offset` in `bytes`.
    static func location(of offset: Int, in bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0
        for position in 0..<min(offset, bytes.count) where bytes[position] == UInt8(ascii: "\n") {
            line += 1
            lineStart = position + 1
        }
        return (line, offset - lineStart + 1)
    }

    // MARK: - Document

    private mutating func document() throws(Invalid) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw Invalid(offset: 0, reason: "its text encoding is not supported")
        }
        var sawRoot = false
        while true {
            skipWhitespace()
            guard index < bytes.count else { break }
            guard bytes[index] == UInt8(ascii: "<") else {
                throw Invalid(offset: index, reason: sawRoot ? Self.unclosed : "it does not start like an XML document")
            }
            if try skipMarkup() { continue }
            if sawRoot { throw Invalid(offset: index, reason: Self.unclosed) }
            sawRoot = true
            try element()
            if handler.failure != nil { return }
        }
        if !sawRoot { throw Invalid(offset: index, reason: "it has no content") }
    }

    /// The root element and everything in it.
    private mutating func element() throws(Invalid) {
        try startTag()
        while !open.isEmpty {
            if handler.failure != nil { return }
            guard index < bytes.count else { throw Invalid(offset: index, reason: Self.unclosed) }
            if bytes[index] != UInt8(ascii: "<") {
                try text()
            } else if byte(at: index + 1) == UInt8(ascii: "/") {
                try endTag()
            } else if byte(at: index + 1) == UInt8(ascii: "!"), starts(with: "<![CDATA[") {
                let start = index + 9
                guard let end = find("]]>", from: start) else { throw Invalid(offset: index, reason: "a CDATA section is not closed") }
                handler.found(try checkedString(start..<end))
                index = end + 3
            } else if byte(at: index + 1) != UInt8(ascii: "!"), byte(at: index + 1) != UInt8(ascii: "?") {
                try startTag()
            } else if try skipMarkup() {
                continue
            } else {
                try startTag()
            }
        }
    }

    /// Skips a comment or processing instruction at `index`; whether there was one.
    private mutating func skipMarkup() throws(Invalid) -> Bool {
        if starts(with: "<!--") {
            guard let end = find("-->", from: index + 4) else { throw Invalid(offset: index, reason: "a comment is not closed") }
            index = end + 3
            return true
        }
        if starts(with: "<?") {
            guard let end = find("?>", from: index + 2) else { throw Invalid(offset: index, reason: Self.brokenTag) }
            index = end + 2
            return true
        }
        if starts(with: "<!") { throw Invalid(offset: index, reason: Self.brokenTag) }
        return false
    }

    // MARK: - Tags

    private mutating func startTag() throws(Invalid) {
        index += 1
        let name = try self.name()
        attributes.removeAll()
        while true {
            let hadSpace = skipWhitespace()
            guard index < bytes.count else { throw Invalid(offset: index, reason: Self.unclosed) }
            switch bytes[index] {
            case UInt8(ascii: ">"):
                index += 1
                open.append(name)
                handler.didStart(localName(name), attributes: attributes)
                return
            case UInt8(ascii: "/"):
                guard byte(at: index + 1) == UInt8(ascii: ">") else { throw Invalid(offset: index, reason: Self.brokenTag) }
                index += 2
                let local = localName(name)
                handler.didStart(local, attributes: attributes)
                if handler.failure == nil { handler.didEnd(local) }
                return
            default:
                guard hadSpace else { throw Invalid(offset: index, reason: Self.brokenAttribute) }
                let key = try self.name()
                skipWhitespace()
                guard byte(at: index) == UInt8(ascii: "=") else { throw Invalid(offset: index, reason: Self.brokenAttribute) }
                index += 1
                skipWhitespace()
                let (value, decoded) = try attributeValue()
                guard attributes.add(name: key, value: value, decoded: decoded) else {
                    throw Invalid(offset: index, reason: Self.brokenAttribute)
                }
            }
        }
    }

    private mutating func endTag() throws(Invalid) {
        let start = index
        index += 2
        let name = try self.name()
        skipWhitespace()
        guard byte(at: index) == UInt8(ascii: ">") else { throw Invalid(offset: index, reason: Self.brokenTag) }
        index += 1
        guard let expected = open.popLast(),
            UnsafeRawBufferPointer(rebasing: bytes[expected]).hasSameBytes(as: UnsafeRawBufferPointer(rebasing: bytes[name]))
        else {
            throw Invalid(offset: start, reason: "a closing tag does not match its opening tag")
        }
        handler.didEnd(localName(name))
    }

    /// An element or attribute name: bytes up to whitespace or a delimiter.
    private mutating func name() throws(Invalid) -> Range<Int> {
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "/"), UInt8(ascii: ">"), UInt8(ascii: "="),
                 UInt8(ascii: "<"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "&"):
                guard index > start else {
                    throw Invalid(offset: index, reason: index < bytes.count ? Self.brokenTag : Self.unclosed)
                }
                return start..<index
            default:
                index += 1
            }
        }
        throw Invalid(offset: index, reason: Self.unclosed)
    }

    /// The range of an attribute's value, and the value itself unless the range holds it as plain ASCII.
    private mutating func attributeValue() throws(Invalid) -> (Range<Int>, String?) {
        guard let quote = byte(at: index), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
            throw Invalid(offset: index, reason: Self.brokenAttribute)
        }
        index += 1
        let start = index
        while index < bytes.count, bytes[index] != quote {
            if bytes[index] == UInt8(ascii: "<") { throw Invalid(offset: index, reason: Self.brokenAttribute) }
            index += 1
        }
        guard index < bytes.count else { throw Invalid(offset: index, reason: Self.unclosed) }
        let end = index
        index += 1
        let isPlainASCII = bytes[start..<end].allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != UInt8(ascii: "&") }
        return (start..<end, isPlainASCII ? nil : try decoded(start..<end, inAttribute: true))
    }

    // MARK: - Text

    private mutating func text() throws(Invalid) {
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
        handler.found(try decoded(start..<index, inAttribute: false))
    }

    /// The text in `range` with entities replaced and line ends normalised; in attribute values,
    /// tabs and line ends become spaces, as XML says.
    private func decoded(_ range: Range<Int>, inAttribute: Bool) throws(Invalid) -> String {
        var plain = true
        for position in range {
            let byte = bytes[position]
            if byte == UInt8(ascii: "&") || byte < 0x20 {
                plain = false
                break
            }
        }
        if plain { return try checkedString(range) }
        var output: [UInt8] = []
        output.reserveCapacity(range.count)
        var position = range.lowerBound
        while position < range.upperBound {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "&"):
                guard let semicolon = (position + 1..<range.upperBound).first(where: { bytes[$0] == UInt8(ascii: ";") }),
                      let scalar = Self.entity(bytes[(position + 1)..<semicolon])
                else { throw Invalid(offset: position, reason: Self.brokenEntity) }
                guard Self.isAllowed(scalar.value) else { throw Invalid(offset: position, reason: Self.badCharacter) }
                output.append(contentsOf: String(Character(scalar)).utf8)
                position = semicolon + 1
                continue
            case 0x0D:
                output.append(inAttribute ? 0x20 : 0x0A)
                if position + 1 < range.upperBound, bytes[position + 1] == 0x0A { position += 1 }
            case 0x09, 0x0A:
                output.append(inAttribute ? 0x20 : byte)
            case ..<0x20:
                throw Invalid(offset: position, reason: Self.badCharacter)
            default:
                output.append(byte)
            }
            position += 1
        }
        guard let string = String(validating: output, as: UTF8.self) else {
            throw Invalid(offset: range.lowerBound, reason: Self.badCharacter)
        }
        return string
    }

    /// The UTF-8 text in `range`, refusing invalid UTF-8. Decoding replaces invalid bytes, so the text is valid
    /// exactly when it keeps the bytes of the range (a quicker test than the generic `String(validating:)`).
    private func checkedString(_ range: Range<Int>) throws(Invalid) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes.assumingMemoryBound(to: UInt8.self)[range])
        var string = String(decoding: slice, as: UTF8.self)
        guard string.withUTF8({ UnsafeRawBufferPointer($0).hasSameBytes(as: UnsafeRawBufferPointer(slice)) }) else {
            throw Invalid(offset: range.lowerBound, reason: Self.badCharacter)
        }
        return string
    }

    /// The character an entity or character reference (between `&` and `;`) stands for.
    private static func entity(_ body: Slice<UnsafeRawBufferPointer>) -> Unicode.Scalar? {
        switch String(decoding: body, as: UTF8.self) {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case let reference where reference.hasPrefix("#x"):
            return UInt32(reference.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        case let reference where reference.hasPrefix("#"):
            return UInt32(reference.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
        default: return nil
        }
    }

    private static func isAllowed(_ value: UInt32) -> Bool {
        value >= 0x20 ? value != 0xFFFE && value != 0xFFFF : value == 0x09 || value == 0x0A || value == 0x0D
    }

    // MARK: - Bytes

    private func byte(at position: Int) -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private func starts(with prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let pointer = prefix.utf8Start
        for offset in 0..<count where bytes[index + offset] != pointer[offset] { return false }
        return true
    }

    /// The offset of the next `terminator` at or after `start`.
    private func find(_ terminator: StaticString, from start: Int) -> Int? {
        let count = terminator.utf8CodeUnitCount
        let pointer = terminator.utf8Start
        var position = start
        while position + count <= bytes.count {
            var matches = true
            for offset in 0..<count where bytes[position + offset] != pointer[offset] {
                matches = false
                break
            }
            if matches { return position }
            position += 1
        }
        return nil
    }

    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { break }
            index += 1
        }
        return index > start
    }

    /// A qualified name without its namespace prefix.
    private func localName(_ name: Range<Int>) -> XMLName {
        let start = (name.lastIndex { bytes[$0] == UInt8(ascii: ":") }).map { $0 + 1 } ?? name.lowerBound
        return XMLName(bytes: UnsafeRawBufferPointer(rebasing: bytes[start..<name.upperBound]))
    }
}
