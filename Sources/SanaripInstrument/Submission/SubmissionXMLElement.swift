import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// An element of a submission's XML: local name, attributes, children and the text of a leaf.
public struct SubmissionXMLElement: Sendable, Hashable {
    public var name: String
    public var attributes: [String: String]
    public var children: [SubmissionXMLElement]
    /// The element's own character data.
    public var text: String

    public init(name: String, attributes: [String: String] = [:], children: [SubmissionXMLElement] = [], text: String = "") {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// The first child named `name`.
    public func child(_ name: String) -> SubmissionXMLElement? {
        children.first { $0.name == name }
    }

    /// Parses `data` as XML, without resolving external entities.
    ///
    /// - Throws: ``SubmissionXMLError/malformed(line:column:reason:)`` with where the parser stopped.
    public static func parse(_ data: Data) throws(SubmissionXMLError) -> SubmissionXMLElement {
        // ODK Collect writes UTF-8. Bytes that are not UTF-8 are refused here: in an element name they crash
        // Foundation's XML parser on Linux (found by fuzzing), which would take the whole server down.
        if let offset = firstInvalidUTF8(in: data) {
            throw malformed(at: offset, in: data, reason: "the bytes at this place are not UTF-8; send the XML as ODK Collect writes it, in UTF-8")
        }
        // Processing instructions other than the XML declaration are refused too: one without data makes Foundation's
        // parser on Linux read a null pointer (found by fuzzing). ODK Collect writes none.
        if let offset = processingInstructionOffset(in: data) {
            throw malformed(at: offset, in: data, reason: "a processing instruction (<?…?>) other than the XML declaration")
        }
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            let reason = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "no root element"
            throw .malformed(line: parser.lineNumber, column: parser.columnNumber, reason: reason)
        }
        return root
    }

    /// The offset of the first byte that does not belong to a valid UTF-8 sequence, or nil when all are valid.
    static func firstInvalidUTF8(in data: Data) -> Int? {
        var iterator = data.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The offset of the first `<?` that is not a well-formed start of the XML declaration (`<?xml` and a space at
    /// the start, after an optional byte-order mark and white space), or nil when there is none.
    static func processingInstructionOffset(in data: Data) -> Int? {
        let whiteSpace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
        var start = data.startIndex + (data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)
        while start < data.endIndex, whiteSpace.contains(data[start]) { start += 1 }
        var index = data.startIndex
        while let open = data[index...].firstIndex(of: 0x3C) {
            let mark = open + 1
            guard mark < data.endIndex else { return nil }
            if data[mark] == 0x3F {
                let isDeclaration = open == start && data[open...].starts(with: Array("<?xml".utf8))
                    && open + 5 < data.endIndex && whiteSpace.contains(data[open + 5])
                if !isDeclaration { return open - data.startIndex }
            }
            index = mark
        }
        return nil
    }

    /// The error for a problem at byte `offset` of `data`, with its line and column (both from 1).
    private static func malformed(at offset: Int, in data: Data, reason: String) -> SubmissionXMLError {
        let before = data.prefix(offset)
        let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let column = offset - (before.lastIndex(of: 0x0A).map { $0 - data.startIndex + 1 } ?? 0) + 1
        return .malformed(line: line, column: column, reason: reason)
    }

    /// Builds the tree from the parser's events; lives only for one parse.
    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [SubmissionXMLElement] = []
        var root: SubmissionXMLElement?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            stack.append(SubmissionXMLElement(name: elementName, attributes: attributes))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            guard var element = stack.popLast() else { return }
            if !element.children.isEmpty { element.text = "" }
            if stack.isEmpty {
                root = element
            } else {
                stack[stack.count - 1].children.append(element)
            }
        }
    }
}

/// Why a submission's XML could not be read.
public enum SubmissionXMLError: Error, Sendable, Hashable, CustomStringConvertible {
    case malformed(line: Int, column: Int, reason: String)
    /// The root element has no `id` attribute naming the form.
    case missingFormID
    /// Neither `meta/instanceID` nor the root's `instanceID` attribute is there.
    case missingInstanceID

    public var description: String {
        switch self {
        case .malformed(let line, let column, let reason):
            "The submission is not well-formed XML (line \(line), column \(column): \(reason)). Send the xml_submission_file ODK Collect saved, unchanged."
        case .missingFormID:
            "The submission's root element has no id attribute naming its form. Fill in the form downloaded from this server."
        case .missingInstanceID:
            "The submission has no meta/instanceID. Fill in the form downloaded from this server, which asks ODK Collect for one."
        }
    }
}
