import Foundation
import SanaripInstrument

/// REFI-QDA project and codebook files are read as the project's own element tree (names without their namespace
/// prefix, no external entities), the one that submissions use.
typealias XMLElement = SubmissionXMLElement

extension SubmissionXMLElement {
    /// Every child named `name`, in document order.
    func all(_ name: String) -> [SubmissionXMLElement] { children.filter { $0.name == name } }

    /// Parses REFI-QDA XML with the project's own scanner (``SubmissionXMLElement/parse(_:)``: UTF-8, no DOCTYPE
    /// and so no external entities, depth at most 256). Foundation's parser is not used: on Linux it gives up with
    /// an internal error on large projects (about 17 MB: 200 transcripts coded by two coders) that xmllint accepts.
    static func parse(_ data: Data, file: String) throws(QualitativeError) -> SubmissionXMLElement {
        do {
            return try SubmissionXMLElement.parse(data)
        } catch {
            throw .unreadable(file: file, reason: "broken XML: \(error)")
        }
    }
}
