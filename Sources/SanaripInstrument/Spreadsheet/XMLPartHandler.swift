import Foundation

/// Base of the SAX-style handlers that read package parts with ``XMLPartScanner``, which gives them element
/// names without namespace prefixes (files from the Open XML SDK write `x:row`); a handler can stop the
/// parse with a message.
class XMLPartHandler {
    /// Why the part cannot be used, set by ``fail(_:)``.
    private(set) var failure: String?

    func didStart(_ name: XMLName, attributes: XMLAttributes) {}
    func didEnd(_ name: XMLName) {}
    func found(_ text: String) {}

    /// Stops parsing; ``parse(_:)`` then throws `.rejected(message)`.
    final func fail(_ message: String) {
        guard failure == nil else { return }
        failure = message
    }

    enum Failure: Error {
        /// Not well-formed XML; `reason` is a short phrase.
        case invalid(line: Int, column: Int, reason: String)
        /// Well-formed, but the handler refused it.
        case rejected(String)
    }

    /// Parses `data`, refusing documents with a DTD: package parts never have one, and refusing it
    /// rules out entity-expansion attacks. (With ``XMLPartScanner/Rules/submission`` the scanner itself refuses
    /// a DOCTYPE, with its line and column.)
    final func parse(_ data: Data, rules: XMLPartScanner.Rules = .packagePart) throws(Failure) {
        if !rules.strictDocument, Self.hasDocumentTypeDeclaration(data) {
            throw .rejected("contains a DTD, which spreadsheet files never do")
        }
        let invalid = data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int, reason: String)? in
            do throws(XMLPartScanner.Invalid) {
                try XMLPartScanner.scan(bytes, with: self, rules: rules)
                return nil
            } catch {
                let (line, column) = XMLPartScanner.location(of: error.offset, in: bytes)
                return (line, column, error.reason)
            }
        }
        if let invalid { throw .invalid(line: invalid.line, column: invalid.column, reason: invalid.reason) }
        if let failure { throw .rejected(failure) }
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
    static func attribute(_ name: StaticString, in attributes: XMLAttributes) -> String? {
        if let value = attributes[name] { return value }
        for (key, value) in attributes where localName(key) == name.description && key != name.description {
            if key.hasPrefix("xmlns") { continue }
            return value
        }
        return nil
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
