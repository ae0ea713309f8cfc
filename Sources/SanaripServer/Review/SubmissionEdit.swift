import Foundation
import SanaripInstrument

/// A supervisor's change to a submission, made as ODK Collect makes an edit: the earlier XML with the changed
/// answers, a new `meta/instanceID` and `meta/deprecatedID` naming the version it replaces. The result goes through
/// the same intake as Collect's submissions, so the earlier version is kept and the new one becomes current.
struct SubmissionEdit: Sendable {
    /// New answer texts by question path (`interview/respondent/age`); an empty text clears the answer.
    var answers: [String: String]
    /// The new version's instance id.
    var instanceID = "uuid:\(UUID().uuidString.lowercased())"

    /// `xml` with ``answers`` set, the new instance id and the old one as `deprecatedID`, written again as
    /// Collect writes a submission (UTF-8, the `jr` and `orx` namespaces declared on the root).
    ///
    /// - Throws: ``SubmissionXMLError`` when the stored XML cannot be read, ``SubmissionEditError`` when it has no `meta/instanceID`.
    func apply(to xml: Data) throws -> Data {
        var root = try SubmissionXMLElement.parse(xml)
        for (path, text) in answers.sorted(by: { $0.key < $1.key }) {
            root.set(path.split(separator: "/").map(String.init)[...], to: text)
        }
        guard let old = root.child("meta")?.child("instanceID")?.text.trimmingCharacters(in: .whitespacesAndNewlines), !old.isEmpty else {
            throw SubmissionEditError(message: "the stored XML has no meta/instanceID")
        }
        root.set(["meta", "instanceID"], to: instanceID)
        root.set(["meta", "deprecatedID"], to: old)
        return root.submissionData
    }
}

/// Why an edit could not be made.
struct SubmissionEditError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension SubmissionXMLElement {
    /// Sets the text of the element at `path` below this one, adding the elements that are missing.
    mutating func set(_ path: ArraySlice<String>, to text: String) {
        guard let name = path.first else {
            self.text = text
            return
        }
        if let index = children.firstIndex(where: { $0.name == name }) {
            children[index].set(path.dropFirst(), to: text)
        } else {
            var child = SubmissionXMLElement(name: name)
            child.set(path.dropFirst(), to: text)
            children.append(child)
        }
    }

    /// The element as a submission file, as Collect writes one: the XML declaration, UTF-8, and the `jr` and
    /// `orx` namespaces declared on the root.
    var submissionData: Data {
        var root = self
        for (prefix, uri) in [("jr", "http://openrosa.org/javarosa"), ("orx", "http://openrosa.org/xforms")] where root.attributes["xmlns:\(prefix)"] == nil {
            root.attributes["xmlns:\(prefix)"] = uri
        }
        return Data(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.xmlText).utf8)
    }

    /// The element as XML text: attributes sorted by name, text and attribute values escaped.
    var xmlText: String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let attributes = self.attributes.sorted { $0.key < $1.key }.map { " \($0.key)=\"\(escape($0.value))\"" }.joined()
        if children.isEmpty {
            return text.isEmpty ? "<\(name)\(attributes)/>" : "<\(name)\(attributes)>\(escape(text))</\(name)>"
        }
        return "<\(name)\(attributes)>\(children.map(\.xmlText).joined())</\(name)>"
    }
}
