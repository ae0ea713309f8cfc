import CSanaripHTML
import Foundation

/// A page's element tree as the extractor needs it: element names, the attributes that hint at a block's role
/// (`class`, `id`, `role`, `itemprop`) and the ones that carry metadata, and text runs. Built from libxml2's HTML
/// parser, which recovers from broken markup as browsers do; comments, scripts and styles are left out (JSON-LD
/// scripts are kept as ``jsonLD``).
struct HTMLTree: Sendable {
    struct Node: Sendable {
        /// Lowercased element name; empty for a text run.
        var name: String
        /// The text of a text run (empty for elements).
        var text: String
        var parent: Int
        var children: [Int] = []
        var attributes: [String: String] = [:]

        var isText: Bool { name.isEmpty }
        /// `class`, `id`, `role` and `itemprop` lowercased, space-separated: what the scoring reads as hints.
        var hints: String {
            [attributes["class"], attributes["id"], attributes["role"], attributes["itemprop"]].compactMap { $0 }.joined(separator: " ").lowercased()
        }
    }

    /// Node 0 is a synthetic root.
    var nodes: [Node] = [Node(name: "#root", text: "", parent: -1)]
    /// The content of every `<script type="application/ld+json">`.
    var jsonLD: [String] = []

    static let keptAttributes: Set<String> = [
        "class", "id", "role", "itemprop", "href", "rel", "name", "property", "content", "datetime", "lang", "type", "hidden",
        "aria-hidden", "style", "charset", "http-equiv",
    ]
    static let skipped: Set<String> = ["script", "style", "noscript", "template", "svg", "math", "canvas", "object", "embed"]

    /// Parses decoded text (see `TextDecoding`).
    init(parsing text: String) {
        guard !text.isEmpty, let document = text.withCString({ sanarip_html_parse($0, Int32(strlen($0))) }) else { return }
        defer { sanarip_html_free(document) }
        var node = sanarip_document_children(document)
        while let current = node {
            add(current, parent: 0)
            node = sanarip_node_next(current)
        }
    }

    private mutating func add(_ node: UnsafeRawPointer, parent: Int) {
        if let content = sanarip_node_text(node) {
            nodes.append(Node(name: "", text: String(cString: content), parent: parent))
            nodes[parent].children.append(nodes.count - 1)
            return
        }
        guard let rawName = sanarip_node_name(node) else { return }
        let name = String(cString: rawName).lowercased()
        if name == "script" {
            if (attribute(node, "type") ?? "").lowercased().contains("ld+json"), let value = sanarip_node_content(node) {
                jsonLD.append(String(cString: value))
                sanarip_free(value)
            }
            return
        }
        if Self.skipped.contains(name) { return }
        var element = Node(name: name, text: "", parent: parent)
        for key in Self.keptAttributes {
            if let value = attribute(node, key) { element.attributes[key] = value }
        }
        nodes.append(element)
        let index = nodes.count - 1
        nodes[parent].children.append(index)
        var child = sanarip_node_children(node)
        while let current = child {
            add(current, parent: index)
            child = sanarip_node_next(current)
        }
    }

    private func attribute(_ node: UnsafeRawPointer, _ name: String) -> String? {
        guard let value = sanarip_node_attribute(node, name) else { return nil }
        defer { sanarip_free(value) }
        return String(cString: value)
    }

    /// Indices of the elements named `name`, in document order.
    func elements(_ name: String) -> [Int] {
        nodes.indices.filter { nodes[$0].name == name }
    }

    /// The text under `index`, runs of whitespace collapsed.
    func text(_ index: Int) -> String {
        var result = ""
        appendText(index, to: &result)
        return result.collapsingWhitespace
    }

    private func appendText(_ index: Int, to result: inout String) {
        let node = nodes[index]
        if node.isText {
            result += node.text
            return
        }
        for child in node.children { appendText(child, to: &result) }
        if node.name == "br" || HTMLTree.blocks.contains(node.name) { result += " " }
    }

    /// Elements that start a new line of text.
    static let blocks: Set<String> = [
        "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dd", "dt", "table", "tr", "td", "th", "h1", "h2",
        "h3", "h4", "h5", "h6", "blockquote", "pre", "header", "footer", "nav", "aside", "figure", "figcaption", "form",
        "address", "hr", "br", "center", "details", "summary", "tbody", "thead", "body", "html",
    ]
}

extension StringProtocol {
    /// Runs of whitespace as one space, trimmed.
    var collapsingWhitespace: String {
        split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
