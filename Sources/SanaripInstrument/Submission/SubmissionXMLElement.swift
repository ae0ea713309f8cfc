import Foundation

/// An element of a submission's XML: local name, attributes, children and the text of a leaf.
public struct SubmissionXMLElement: Sendable, Hashable {
    /// The element's name without its namespace prefix (`orx:meta` is `meta`).
    public var name: String
    /// The attributes by qualified name (`jr:template`), without the namespace declarations (`xmlns`, `xmlns:p`).
    public var attributes: [String: String]
    public var children: [SubmissionXMLElement]
    /// The element's own character data (entities and CDATA resolved, comments left out); empty when it has children.
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

    /// Parses `data` as XML with the project's own scanner (``XMLPartScanner`` with its rules for untrusted XML):
    /// UTF-8 only, no DOCTYPE and so no entities beyond the predefined ones and character references, no processing
    /// instruction but the XML declaration, every namespace prefix declared, elements nested at most 256 deep.
    ///
    /// - Throws: ``SubmissionXMLError/malformed(line:column:reason:)`` with where and why the XML is not well-formed.
    public static func parse(_ data: Data) throws(SubmissionXMLError) -> SubmissionXMLElement {
        let builder = TreeBuilder()
        do {
            try builder.parse(data, rules: .submission)
        } catch {
            switch error {
            case .invalid(let line, let column, let reason): throw .malformed(line: line, column: column, reason: reason)
            case .rejected(let reason): throw .malformed(line: 1, column: 1, reason: reason)
            }
        }
        guard let root = builder.root else { throw .malformed(line: 1, column: 1, reason: "it has no root element") }
        return root
    }

    /// Builds the tree from the scanner's events; lives only for one parse.
    private final class TreeBuilder: XMLPartHandler {
        var stack: [SubmissionXMLElement] = []
        var root: SubmissionXMLElement?

        override func didStart(_ name: XMLName, attributes: XMLAttributes) {
            var element = SubmissionXMLElement(name: String(decoding: name.bytes, as: UTF8.self))
            for (key, value) in attributes where key != "xmlns" && !key.hasPrefix("xmlns:") {
                element.attributes[key] = value
            }
            stack.append(element)
        }

        override func found(_ text: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += text
        }

        override func didEnd(_ name: XMLName) {
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
