import Foundation
import SanaripCore

/// REFI-QDA (QDA-XML 1.0) exchange: `.qdpx` projects (a ZIP of `project.qde` and `Sources/<guid>.txt`) and `.qdc`
/// codebooks. Positions are Unicode-scalar offsets into each source's plain text (see ``Transcript``).
public enum REFIQDA {
    public static let projectNamespace = "urn:QDA-XML:project:1.0"
    public static let codebookNamespace = "urn:QDA-XML:codebook:1.0"

    /// Codes' names in the language of the export; the other languages, the key and the notes travel in the
    /// code's `Description` as `field: value` lines, which Sanarip reads back (other tools show them as text).
    static func description(of code: Code, language: String) -> String {
        var lines: [String] = []
        if let definition = code.definitions[language] ?? code.definitions["en"], !definition.isEmpty { lines.append(oneLine(definition)) }
        lines.append("key: \(code.key)")
        for lang in ["ky", "ru", "en"] {
            if let name = code.names[lang] { lines.append("name_\(lang): \(oneLine(name))") }
            if let definition = code.definitions[lang] { lines.append("definition_\(lang): \(oneLine(definition))") }
        }
        for (field, value) in [("include", code.include), ("exclude", code.exclude), ("example", code.example), ("source", code.source)] where !value.isEmpty {
            lines.append("\(field): \(oneLine(value))")
        }
        return lines.joined(separator: "\n")
    }

    private static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    static let fieldPattern = ["key", "name_ky", "name_ru", "name_en", "definition_ky", "definition_ru", "definition_en", "include", "exclude", "example", "source"]

    /// A code read from a REFI `Code` element (and its description lines).
    static func code(_ element: XMLElement, parent: UUID?, file: String) throws(QualitativeError) -> Code {
        guard let guid = element.attributes["guid"].flatMap(uuid), let name = element.attributes["name"] else {
            throw .invalid("\(file): a Code lacks its guid or name (both are required by the REFI-QDA schema)")
        }
        var fields: [String: String] = [:]
        var free: [String] = []
        for line in (element.child("Description")?.text ?? "").split(separator: "\n", omittingEmptySubsequences: true) {
            if let colon = line.firstIndex(of: ":"), fieldPattern.contains(String(line[..<colon])) {
                fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            } else {
                free.append(String(line))
            }
        }
        var names: [String: String] = [:], definitions: [String: String] = [:]
        for lang in ["ky", "ru", "en"] {
            if let value = fields["name_\(lang)"] { names[lang] = value }
            if let value = fields["definition_\(lang)"] { definitions[lang] = value }
        }
        if names.isEmpty { names["en"] = name }
        if definitions.isEmpty, !free.isEmpty { definitions["en"] = free.joined(separator: " ") }
        return Code(
            id: guid, key: fields["key"] ?? name, parentID: parent, names: names, definitions: definitions,
            include: fields["include"] ?? "", exclude: fields["exclude"] ?? "", example: fields["example"] ?? "",
            source: fields["source"] ?? "", color: element.attributes["color"]
        )
    }

    /// The codes of a `Codes` element, depth first (parents before children). Other tools allow one name under
    /// several parents; such a code's key becomes `parent/name` (then `name 2`, `name 3`…) so keys stay unique.
    static func codes(_ element: XMLElement, parent: UUID?, file: String) throws(QualitativeError) -> [Code] {
        var result: [Code] = []
        try collect(element, parent: parent, parentKey: nil, file: file, into: &result)
        return result
    }

    private static func collect(_ element: XMLElement, parent: UUID?, parentKey: String?, file: String, into result: inout [Code]) throws(QualitativeError) {
        for child in element.all("Code") {
            var code = try code(child, parent: parent, file: file)
            let used = Set(result.map { $0.key.lowercased() })
            if used.contains(code.key.lowercased()) {
                var key = parentKey.map { "\($0)/\(code.key)" } ?? code.key
                var number = 2
                while used.contains(key.lowercased()) {
                    key = "\(code.key) \(number)"
                    number += 1
                }
                code.key = key
            }
            result.append(code)
            try collect(child, parent: code.id, parentKey: code.key, file: file, into: &result)
        }
    }

    static func uuid(_ text: String) -> UUID? {
        UUID(uuidString: text.trimmingCharacters(in: CharacterSet(charactersIn: "{} ")))
    }

    static func guid(_ id: UUID) -> String { id.uuidString.lowercased() }

    /// `<Codes>` with nested `<Code>` elements.
    static func codesXML(_ codebook: Codebook, language: String, indent: String, notes: [UUID: [UUID]] = [:]) -> String {
        var xml = ""
        func write(_ parent: UUID?, _ depth: Int) {
            for code in codebook.children(of: parent) {
                let pad = indent + String(repeating: "  ", count: depth)
                let color = code.color.map { " color=\"\($0.htmlEscaped)\"" } ?? ""
                xml += "\(pad)<Code guid=\"\(guid(code.id))\" name=\"\(code.name(language).htmlEscaped)\" isCodable=\"true\"\(color)>\n"
                xml += "\(pad)  <Description>\(description(of: code, language: language).htmlEscaped)</Description>\n"
                for note in notes[code.id] ?? [] { xml += "\(pad)  <NoteRef targetGUID=\"\(guid(note))\"/>\n" }
                write(code.id, depth + 1)
                xml += "\(pad)</Code>\n"
            }
        }
        write(nil, 0)
        return xml
    }

    /// The codebook as a REFI-QDA `.qdc` file.
    public static func codebookXML(_ codebook: Codebook, language: String = "en") -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CodeBook xmlns=\"\(codebookNamespace)\" origin=\"Sanarip\">\n  <Codes>\n"
            + codesXML(codebook, language: language, indent: "    ") + "  </Codes>\n</CodeBook>\n"
    }

    /// Reads a `.qdc` codebook (or the `CodeBook` of a `.qde` project).
    public static func readCodebook(_ data: Data, file: String) throws(QualitativeError) -> Codebook {
        let root = try XMLElement.parse(data, file: file)
        let book = root.name == "CodeBook" ? root : root.child("CodeBook")
        guard let codesElement = book?.child("Codes") else {
            throw .invalid("\(file): no CodeBook/Codes element; this is not a REFI-QDA codebook")
        }
        let codebook = Codebook(codes: try codes(codesElement, parent: nil, file: file))
        try codebook.validate(file: file)
        return codebook
    }
}
