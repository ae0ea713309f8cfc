/// Reads a `.rels` part.
final class RelationshipsHandler: XMLPartHandler {
    private let source: String
    private(set) var relationships: [XLSXRelationship] = []

    /// `source` is the path of the part whose relationships these are (`""` for the package).
    init(source: String) {
        self.source = source
    }

    override func didStart(_ name: XMLName, attributes: XMLAttributes) {
        guard name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
        let external = attributes["TargetMode"]?.lowercased() == "external"
        relationships.append(XLSXRelationship(
            id: id,
            type: attributes["Type"] ?? "",
            path: external ? nil : XLSXRelationship.resolve(target, from: source)
        ))
    }
}
