import Foundation
import SanaripInstrument

/// A small element tree (names without their namespace prefix, no external entities), for REFI-QDA project and
/// codebook files.
struct XMLElement: Sendable, Hashable {
    var name: String
    var attributes: [String: String]
    var children: [XMLElement]
    var text: String

    func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }
    func all(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }

    /// Parses REFI-QDA XML with the project's own scanner (``SubmissionXMLElement/parse(_:)``: UTF-8, no DOCTYPE
    /// and so no external entities, depth at most 256). Foundation's parser is not used: on Linux it gives up with
    /// an internal error on large projects (about 17 MB: 200 transcripts coded by two coders) that xmllint accepts.
    static func parse(_ data: Data, file: String) throws(QualitativeError) -> XMLElement {
        do {
            return XMLElement(try SubmissionXMLElement.parse(data))
        } catch {
            throw .unreadable(file: file, reason: "broken XML: \(error)")
        }
    }
}

extension XMLElement {
    init(_ element: SubmissionXMLElement) {
        self.init(name: element.name, attributes: element.attributes, children: element.children.map(XMLElement.init), text: element.text)
    }
}
