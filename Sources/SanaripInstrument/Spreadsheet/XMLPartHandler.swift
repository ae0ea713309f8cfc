import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Base of the SAX handlers that read package parts: strips namespace prefixes (files from the Open XML SDK
/// write `x:row`), tracks whether the root element closed (Foundation's parser on Linux reports success for
/// truncated documents), and lets a handler stop the parse with a message.
class XMLPartHandler: NSObject, XMLParserDelegate {
    /// Why the part cannot be used, set by ``fail(_:)``.
    private(set) var failure: String?
    private var parser: XMLParser?
    private var depth = 0
    private var rootClosed = false
    private var firstError: (code: Int, line: Int, column: Int)?

    func didStart(_ name: String, attributes: [String: String]) {}
    func didEnd(_ name: String) {}
    func found(_ text: String) {}

    /// Stops parsing; ``parse(_:)`` then throws `.rejected(message)`.
    final func fail(_ message: String) {
        guard failure == nil else { return }
        failure = message
        parser?.abortParsing()
    }

    enum Failure: Error {
        /// Not well-formed XML; `reason` is a short phrase.
        case invalid(line: Int, column: Int, reason: String)
        /// Well-formed, but the handler refused it.
        case rejected(String)
    }

    /// Parses `data`, refusing documents with a DTD: package parts never have one, and refusing it
    /// rules out entity-expansion attacks.
    final func parse(_ data: Data) throws(Failure) {
        if Self.hasDocumentTypeDeclaration(data) {
            throw .rejected("contains a DTD, which spreadsheet files never do")
        }
        // Given all of `data` at once, libxml2 refuses parts over 10 MB ("huge input lookup");
        // a stream feeds it in chunks.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = self
        self.parser = parser
        defer {
            parser.delegate = nil
            self.parser = nil
        }
        // libxml2 runs in recovery mode under Foundation: it may close mismatched tags itself and report
        // success while recording an error, so the error is checked whatever `parse()` returns.
        let succeeded = parser.parse()
        if let failure { throw .rejected(failure) }
        if let firstError {
            throw .invalid(line: firstError.line, column: firstError.column, reason: Self.reason(forCode: firstError.code))
        }
        if let error = parser.parserError as NSError? {
            throw .invalid(line: parser.lineNumber, column: parser.columnNumber, reason: Self.reason(forCode: error.code))
        }
        if !succeeded || !rootClosed {
            let reason = depth > 0 || !succeeded ? Self.unclosed : "it has no content"
            throw .invalid(line: parser.lineNumber, column: parser.columnNumber, reason: reason)
        }
    }

    // MARK: - XMLParserDelegate

    func parser(
        _ parser: XMLParser,
        didStartElement elementName: String,
        namespaceURI: String?,
        qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        if rootClosed {
            fail("has content after its root element")
            return
        }
        depth += 1
        didStart(Self.localName(elementName), attributes: attributeDict)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        depth -= 1
        if depth == 0 { rootClosed = true }
        didEnd(Self.localName(elementName))
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        guard firstError == nil else { return }
        firstError = ((parseError as NSError).code, parser.lineNumber, parser.columnNumber)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        found(string)
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        found(String(decoding: CDATABlock, as: UTF8.self))
    }

    // MARK: - Helpers

    static func localName(_ qualified: String) -> String {
        guard let colon = qualified.utf8.lastIndex(of: UInt8(ascii: ":")) else { return qualified }
        return String(qualified[qualified.utf8.index(after: colon)...])
    }

    /// Whether a `<!DOCTYPE` (or any `<!` other than a comment) comes before the root element,
    /// the only place a DTD can be.
    static func hasDocumentTypeDeclaration(_ data: Data) -> Bool {
        var index = data.startIndex
        func skip(past terminator: [UInt8]) {
            while index < data.endIndex {
                if data[index...].starts(with: terminator) {
                    index += terminator.count
                    return
                }
                index += 1
            }
        }
        while index < data.endIndex {
            guard data[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            let rest = data[(index + 1)...]
            if rest.starts(with: [UInt8(ascii: "?")]) {
                skip(past: Array("?>".utf8))
            } else if rest.starts(with: Array("!--".utf8)) {
                skip(past: Array("-->".utf8))
            } else {
                return rest.starts(with: [UInt8(ascii: "!")])
            }
        }
        return false
    }

    /// The value of the attribute whose name, without its prefix, is `name`.
    static func attribute(_ name: String, in attributes: [String: String]) -> String? {
        if let value = attributes[name] { return value }
        for (key, value) in attributes where localName(key) == name && key != name {
            if key.hasPrefix("xmlns") { continue }
            return value
        }
        return nil
    }

    private static let unclosed = "its elements are not properly closed (is the file cut short?)"

    /// A short phrase for a libxml2 error code (`xmlParserErrors`), which Foundation passes on unchanged.
    private static func reason(forCode code: Int) -> String {
        switch code {
        case 3: "it does not start like an XML document"
        case 4: "it has no content"
        case 5, 77, 85, 86: unclosed
        case 76: "a closing tag does not match its opening tag"
        case 6...13: "it contains a character XML does not allow"
        case 14...17, 23, 26, 27, 35, 36: "it uses an unknown or broken entity"
        case 30, 31, 79, 81: "its text encoding is not supported"
        case 32, 33, 37...43, 75: "an attribute is broken"
        case 44: "a comment is not closed"
        case 63: "a CDATA section is not closed"
        case 65...74: "a tag is broken"
        default: "XML error \(code)"
        }
    }
}

extension XMLPartHandler.Failure {
    /// The failure as a message about `part`, such as `sheet 'survey' is not valid XML at line 3, column 7: …`.
    func message(part: String) -> String {
        switch self {
        case let .invalid(line, column, reason):
            "\(part) is not valid XML at line \(line), column \(column): \(reason)"
        case let .rejected(reason):
            "\(part) \(reason)"
        }
    }
}
