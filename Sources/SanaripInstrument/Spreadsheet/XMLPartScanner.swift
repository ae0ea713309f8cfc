/// A small, strict XML reader working directly on UTF-8 bytes and calling an ``XMLPartHandler`` for each
/// element and text run: XLSX package parts and, with ``Rules/submission``, submissions' XML. Neither has a
/// DTD, both are UTF-8, and a scanner this size reads them many times faster than Foundation's `XMLParser`
/// with its delegate bridging (which also crashed on hostile submissions and kept memory per parse).
///
/// It checks what makes a document unusable: unmatched or unclosed tags, names XML does not allow, broken
/// attributes, unknown entities, characters XML does not allow, broken comments, and content after the root
/// element. It never reads a DTD, so entities other than the five predefined ones and character references
/// cannot be declared (no entity expansion, no external entities).
struct XMLPartScanner {
    /// Where and why the document is not well-formed.
    struct Invalid: Error {
        var offset: Int
        var reason: String
    }

    /// How strictly the document around the elements is checked.
    struct Rules: Sendable {
        /// Every byte valid UTF-8 and every character one XML allows (also in comments and CDATA); only the XML
        /// declaration, at the very start and declaring UTF-8, as a processing instruction; no DOCTYPE.
        var strictDocument: Bool
        /// Namespace prefixes of elements and attributes must be declared (`xmlns:p`), names have at most one colon.
        var checksNamespaces: Bool
        /// The deepest nesting of elements accepted (libxml2's default limit), if any.
        var maxDepth: Int?

        /// XLSX package parts: processing instructions are skipped and prefixes dropped (the handler refuses DTDs).
        static let packagePart = Rules(strictDocument: false, checksNamespaces: false, maxDepth: nil)
        /// Untrusted XML such as a submission: everything checked.
        static let submission = Rules(strictDocument: true, checksNamespaces: true, maxDepth: 256)
    }

    static let unclosed = "its elements are not properly closed (is the file cut short?)"
    private static let brokenTag = "a tag is broken"
    private static let brokenAttribute = "an attribute is broken"
    private static let brokenEntity = "it uses an unknown or broken entity"
    private static let badCharacter = "it contains a character XML does not allow"

    private let bytes: UnsafeRawBufferPointer
    private let handler: XMLPartHandler
    private let rules: Rules
    private var index = 0
    /// Qualified names of the open elements, innermost last.
    private var open: [Range<Int>] = []
    /// The attributes of the tag being read, kept to reuse their storage from tag to tag.
    private var attributes: XMLAttributes
    /// With ``Rules/checksNamespaces``: the declared prefixes (innermost last) and how many each open element declared.
    private var prefixes: [(prefix: String, uri: String)] = []
    private var declaredCounts: [Int] = []

    private init(bytes: UnsafeRawBufferPointer, handler: XMLPartHandler, rules: Rules) {
        self.bytes = bytes
        self.handler = handler
        self.rules = rules
        attributes = XMLAttributes(bytes: bytes)
    }

    /// Reads `bytes`, stopping early when the handler fails.
    static func scan(_ bytes: UnsafeRawBufferPointer, with handler: XMLPartHandler, rules: Rules = .packagePart) throws(Invalid) {
        var scanner = XMLPartScanner(bytes: bytes, handler: handler, rules: rules)
        try scanner.document()
    }

    /// The 1-based line and column (in characters) of `offset` in `bytes`.
    static func location(of offset: Int, in bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0
        let end = min(offset, bytes.count)
        for position in 0..<end where bytes[position] == UInt8(ascii: "\n") {
            line += 1
            lineStart = position + 1
        }
        let characters = bytes[lineStart..<end].reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return (line, characters + max(0, offset - end) + 1)
    }

    // MARK: - Document

    private mutating func document() throws(Invalid) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw Invalid(offset: 0, reason: "its text encoding is not supported")
        }
        if rules.strictDocument {
            try checkCharacters()
            if starts(with: "<?xml"), let next = byte(at: index + 5), Self.isWhitespace(next) { try declaration() }
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
            // XML allows no `--` inside a comment, nor a `-` just before its end.
            if let dashes = find("--", from: index + 4), dashes < end || (end > index + 4 && bytes[end - 1] == UInt8(ascii: "-")) {
                throw Invalid(offset: min(dashes, end - 1), reason: "a comment contains -- (XML does not allow it there)")
            }
            index = end + 3
            return true
        }
        if starts(with: "<?") {
            if rules.strictDocument {
                throw Invalid(offset: index, reason: "a processing instruction (<?…?>) other than the XML declaration at the very start")
            }
            guard let end = find("?>", from: index + 2) else { throw Invalid(offset: index, reason: Self.brokenTag) }
            index = end + 2
            return true
        }
        if starts(with: "<!DOCTYPE") {
            throw Invalid(offset: index, reason: "a document type declaration (<!DOCTYPE …>), which could declare entities, is not accepted")
        }
        if starts(with: "<!") { throw Invalid(offset: index, reason: Self.brokenTag) }
        return false
    }

    /// The XML declaration at `index`: `version`, then optionally `encoding` (UTF-8 only) and `standalone`.
    private mutating func declaration() throws(Invalid) {
        let start = index
        index += 5
        var wanted: [StaticString] = ["version", "encoding", "standalone"]
        while true {
            let hadSpace = skipWhitespace()
            if starts(with: "?>") {
                guard wanted.count < 3 else { break }
                index += 2
                return
            }
            guard hadSpace, let position = wanted.firstIndex(where: { starts(with: $0) }) else { break }
            let key = wanted[position]
            wanted.removeFirst(position + 1)
            index += key.utf8CodeUnitCount
            skipWhitespace()
            guard byte(at: index) == UInt8(ascii: "=") else { break }
            index += 1
            skipWhitespace()
            guard let quote = byte(at: index), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"),
                let end = (index + 1..<bytes.count).first(where: { bytes[$0] == quote || bytes[$0] == UInt8(ascii: "?") }),
                bytes[end] == quote
            else { break }
            let value = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(index + 1)..<end]), as: UTF8.self)
            let valid = switch key.description {
            case "version": value.hasPrefix("1.") && value.count > 2 && value.dropFirst(2).allSatisfy(\.isASCII) && value.dropFirst(2).allSatisfy(\.isNumber)
            case "encoding": ["utf-8", "utf8"].contains(value.lowercased())
            default: value == "yes" || value == "no"
            }
            guard valid else {
                throw Invalid(offset: index, reason: key.description == "encoding"
                    ? "the XML declaration names the encoding \(value); send the XML in UTF-8" : "the XML declaration's \(key) is not valid")
            }
            index = end + 1
        }
        throw Invalid(offset: start, reason: "the XML declaration is broken")
    }

    /// Checks that every byte is UTF-8 and every character one XML allows.
    private func checkCharacters() throws(Invalid) {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                guard Self.isAllowed(scalar.value) else { throw Invalid(offset: offset, reason: Self.badCharacter) }
                offset += encoded.count
            case .emptyInput:
                return
            case .error:
                throw Invalid(offset: offset, reason: "the bytes at this place are not UTF-8; send the XML in UTF-8")
            }
        }
    }

    // MARK: - Tags

    private mutating func startTag() throws(Invalid) {
        let start = index
        index += 1
        let name = try self.name()
        attributes.removeAll()
        var keys: [Range<Int>] = []
        while true {
            let hadSpace = skipWhitespace()
            guard index < bytes.count else { throw Invalid(offset: index, reason: Self.unclosed) }
            switch bytes[index] {
            case UInt8(ascii: ">"), UInt8(ascii: "/"):
                let selfClosing = bytes[index] == UInt8(ascii: "/")
                guard !selfClosing || byte(at: index + 1) == UInt8(ascii: ">") else { throw Invalid(offset: index, reason: Self.brokenTag) }
                index += selfClosing ? 2 : 1
                if rules.checksNamespaces { try declareNamespaces(element: name, attributes: keys, at: start) }
                if let maxDepth = rules.maxDepth, open.count >= maxDepth {
                    throw Invalid(offset: start, reason: "its elements are nested more than \(maxDepth) deep")
                }
                let local = localName(name)
                handler.didStart(local, attributes: attributes)
                if selfClosing {
                    if rules.checksNamespaces { prefixes.removeLast(declaredCounts.removeLast()) }
                    if handler.failure == nil { handler.didEnd(local) }
                } else {
                    open.append(name)
                }
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
                    throw Invalid(offset: key.lowerBound, reason: "an attribute is given twice")
                }
                if rules.checksNamespaces { keys.append(key) }
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
        if rules.checksNamespaces { prefixes.removeLast(declaredCounts.removeLast()) }
        handler.didEnd(localName(name))
    }

    /// An element or attribute name: bytes up to whitespace or a delimiter, which must make an XML name.
    private mutating func name() throws(Invalid) -> Range<Int> {
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "/"), UInt8(ascii: ">"), UInt8(ascii: "="),
                 UInt8(ascii: "<"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "&"):
                guard index > start else {
                    throw Invalid(offset: index, reason: index < bytes.count ? Self.brokenTag : Self.unclosed)
                }
                try checkName(start..<index)
                return start..<index
            default:
                index += 1
            }
        }
        throw Invalid(offset: index, reason: Self.unclosed)
    }

    /// Checks that `range` is an XML name (and, checking namespaces, has at most one colon, not at either end).
    private func checkName(_ range: Range<Int>) throws(Invalid) {
        let invalid = Invalid(offset: range.lowerBound, reason: "a name is not one XML allows (it must start with a letter or _)")
        var colons = 0
        var position = range.lowerBound
        while position < range.upperBound {
            let byte = bytes[position]
            if byte < 0x80 {
                let isStart = (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
                let isName = isStart || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                guard position == range.lowerBound ? isStart : isName else { throw invalid }
                if byte == UInt8(ascii: ":") { colons += 1 }
                position += 1
                continue
            }
            var iterator = UnsafeRawBufferPointer(rebasing: bytes[position..<range.upperBound]).makeIterator()
            var parser = Unicode.UTF8.ForwardParser()
            guard case .valid(let encoded) = parser.parseScalar(from: &iterator) else { throw invalid }
            guard Self.isNameCharacter(Unicode.UTF8.decode(encoded).value, first: position == range.lowerBound) else { throw invalid }
            position += encoded.count
        }
        if rules.checksNamespaces, colons > 1 || bytes[range.lowerBound] == UInt8(ascii: ":") || bytes[range.upperBound - 1] == UInt8(ascii: ":") {
            throw Invalid(offset: range.lowerBound, reason: "a name has a colon that does not separate a namespace prefix")
        }
    }

    /// Whether a character other than ASCII may be in a name (XML 1.0, fifth edition), or start one.
    private static func isNameCharacter(_ value: UInt32, first: Bool) -> Bool {
        switch value {
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF, 0x200C...0x200D, 0x2070...0x218F,
             0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            true
        case 0xB7, 0x300...0x36F, 0x203F...0x2040:
            !first
        default:
            false
        }
    }

    // MARK: - Namespaces

    private static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"
    private static let xmlnsNamespace = "http://www.w3.org/2000/xmlns/"

    /// Records the element's `xmlns:p` declarations, then checks that its prefix and its attributes' prefixes are
    /// declared and that no two attributes have the same namespace and local name.
    private mutating func declareNamespaces(element: Range<Int>, attributes keys: [Range<Int>], at start: Int) throws(Invalid) {
        var declared = 0
        for key in keys {
            let name = string(key)
            guard name == "xmlns" || name.hasPrefix("xmlns:") else { continue }
            let prefix = name == "xmlns" ? "" : String(name.dropFirst(6))
            let uri = attributes.value(named: key) ?? ""
            let reserved = prefix == "xml" ? uri != Self.xmlNamespace : (prefix == "xmlns" || uri == Self.xmlNamespace || uri == Self.xmlnsNamespace)
            guard !reserved, !(uri.isEmpty && !prefix.isEmpty) else {
                throw Invalid(offset: key.lowerBound, reason: "a namespace declaration is not allowed (\(name)=\"\(uri)\")")
            }
            prefixes.append((prefix, uri))
            declared += 1
        }
        declaredCounts.append(declared)
        func namespace(of name: String, at offset: Int) throws(Invalid) -> String? {
            guard let colon = name.firstIndex(of: ":") else { return nil }
            let prefix = String(name[..<colon])
            if prefix == "xml" { return Self.xmlNamespace }
            guard let uri = prefixes.last(where: { $0.prefix == prefix })?.uri else {
                throw Invalid(offset: offset, reason: "the namespace prefix \(prefix) is not declared (xmlns:\(prefix)=\"…\")")
            }
            return uri
        }
        _ = try namespace(of: string(element), at: element.lowerBound)
        var expanded: Set<String> = []
        for key in keys {
            let name = string(key)
            guard name != "xmlns", !name.hasPrefix("xmlns:"), let uri = try namespace(of: name, at: key.lowerBound) else { continue }
            guard expanded.insert(uri + " " + name[name.index(after: name.firstIndex(of: ":")!)...]).inserted else {
                throw Invalid(offset: key.lowerBound, reason: "an attribute is given twice (two prefixes for one namespace)")
            }
        }
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
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
        while index < bytes.count, bytes[index] != UInt8(ascii: "<") {
            if bytes[index] == UInt8(ascii: ">"), index >= start + 2, bytes[index - 1] == UInt8(ascii: "]"), bytes[index - 2] == UInt8(ascii: "]") {
                throw Invalid(offset: index - 2, reason: "text contains ]]> (write it as ]]&gt;)")
            }
            index += 1
        }
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
        while index < bytes.count, Self.isWhitespace(bytes[index]) { index += 1 }
        return index > start
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// A qualified name without its namespace prefix.
    private func localName(_ name: Range<Int>) -> XMLName {
        let start = (name.lastIndex { bytes[$0] == UInt8(ascii: ":") }).map { $0 + 1 } ?? name.lowerBound
        return XMLName(bytes: UnsafeRawBufferPointer(rebasing: bytes[start..<name.upperBound]))
    }
}
