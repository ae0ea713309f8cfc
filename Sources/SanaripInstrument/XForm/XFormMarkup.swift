import SanaripCore

/// Writes a label or hint as XForm content: the text escaped, with each `${name}` as an `<output/>` of that field.
struct XFormMarkup {
    let root: String
    /// The first element of each name, as references resolve.
    let byName: [String: LocatedElement]

    func write(_ text: String, into output: inout [UInt8]) {
        guard TextReferences.mayHaveReferences(text) else {
            return XMLOutput.escape(text, attribute: false, into: &output)
        }
        for segment in TextReferences.segments(of: text) {
            switch segment {
            case .text(let text), .unclosed(let text):
                XMLOutput.escape(String(text), attribute: false, into: &output)
            case .reference(let name):
                if let target = byName[name] {
                    output.append(contentsOf: "<output value=\" ".utf8)
                    XMLOutput.escape(XFormBuild.path(of: target, root: root), attribute: true, into: &output)
                    output.append(contentsOf: " \"/>".utf8)
                } else {
                    XMLOutput.escape("${" + name + "}", attribute: false, into: &output)
                }
            }
        }
    }
}
