import SanaripCore

/// Writes a label or hint as XForm content: the text escaped, with each `${name}` as an `<output/>` of that field.
struct XFormMarkup {
    let root: String
    /// The first element of each name, as references resolve.
    let byName: [String: LocatedElement]

    /// `id` is the itext id of the text (`/root/group/question:label`): a reference to a field of the repeat the
    /// question is in is written relative to the question, as pyxform writes it, so each repeat shows its own answer.
    func write(_ text: String, id: String? = nil, into output: inout [UInt8]) {
        guard TextReferences.mayHaveReferences(text) else {
            return XMLOutput.escape(text, attribute: false, into: &output)
        }
        for segment in TextReferences.segments(of: text) {
            switch segment {
            case .text(let text), .unclosed(let text):
                XMLOutput.escape(String(text), attribute: false, into: &output)
            case .reference(let name):
                guard let value = outputValue(of: name, id: id) else {
                    XMLOutput.escape("${" + name + "}", attribute: false, into: &output)
                    continue
                }
                output.append(contentsOf: "<output value=\" ".utf8)
                XMLOutput.escape(value, attribute: true, into: &output)
                output.append(contentsOf: " \"/>".utf8)
            }
        }
    }

    /// The path an `<output/>` shows for `${name}`: relative within the question's repeat, absolute otherwise, and
    /// into the last saved form for `${last-saved#name}`; nil when no question has that name.
    private func outputValue(of name: String, id: String?) -> String? {
        if let question = LastSavedReference.question(in: name) {
            return byName[question].map { LastSavedReference.xpath(of: XFormBuild.path(of: $0, root: root)) }
        }
        guard let target = byName[name] else { return nil }
        let relative = id.flatMap { context(of: $0) }.flatMap { XFormBuild.relativePath(from: $0, to: target) }
        return relative ?? XFormBuild.path(of: target, root: root)
    }

    /// The path below the root of the element an itext id belongs to, or nil for ids of choices.
    private func context(of id: String) -> [String]? {
        let prefix = "/" + root + "/"
        guard id.hasPrefix(prefix) else { return nil }
        let path = id.dropFirst(prefix.count).prefix { $0 != ":" }
        return path.split(separator: "/").map(String.init)
    }
}
