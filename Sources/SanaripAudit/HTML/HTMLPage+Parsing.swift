import CSanaripHTML

extension HTMLPage {
    /// Parses `text` (already decoded) with libxml2's HTML parser, which recovers from broken markup as browsers do.
    public init(parsing text: String) {
        self.init()
        var utf8 = Array(text.utf8)
        guard !utf8.isEmpty else { return }
        let document = utf8.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                sanarip_html_parse(pointer, Int32(buffer.count))
            }
        }
        guard let document else { return }
        defer { sanarip_html_free(document) }
        var walker = Walker()
        var node = sanarip_document_children(document)
        while let current = node {
            walker.visit(current, into: &self)
            node = sanarip_node_next(current)
        }
        self.text = walker.text.collapsedWhitespace
        unlabeledFields = walker.fieldCandidates.filter { $0.id.isEmpty || !walker.labelledIDs.contains($0.id) }.map(\.name)
    }
}

/// One depth-first walk over libxml2's tree.
private struct Walker {
    var text = ""
    var labelledIDs: Set<String> = []
    var fieldCandidates: [(id: String, name: String)] = []
    var formStack: [HTMLPage.Form] = []
    var labelDepth = 0
    var linkStack: [(href: String, hreflang: String?, start: Int)] = []

    mutating func visit(_ node: UnsafeRawPointer, into page: inout HTMLPage) {
        if let content = sanarip_node_text(node) {
            text += String(cString: content)
            return
        }
        guard let rawName = sanarip_node_name(node) else { return }
        let name = String(cString: rawName).lowercased()
        switch name {
        case "script":
            let type = attribute(node, "type")?.lowercased() ?? ""
            if type.contains("ld+json") { page.jsonLD.append(content(of: node)) }
            if let src = attribute(node, "src") { page.subresources.append(src) }
            return
        case "style", "noscript", "template":
            return
        case "title":
            if page.title.isEmpty { page.title = content(of: node).collapsedWhitespace }
            return
        case "meta":
            if let charset = attribute(node, "charset") { page.metas.append(.init(key: "charset", content: charset)) }
            let key = attribute(node, "name") ?? attribute(node, "property") ?? attribute(node, "http-equiv") ?? attribute(node, "itemprop")
            if let key { page.metas.append(.init(key: key.lowercased(), content: attribute(node, "content") ?? "")) }
            return
        case "html":
            if let lang = attribute(node, "lang") ?? attribute(node, "xml:lang") { page.lang = lang.lowercased() }
        case "img":
            page.images.append((src: attribute(node, "src") ?? "", alt: attribute(node, "alt")))
            if let src = attribute(node, "src") { page.subresources.append(src) }
        case "iframe", "frame":
            if attribute(node, "title")?.isEmpty ?? true { page.iframesWithoutTitle += 1 }
            if let src = attribute(node, "src") { page.subresources.append(src) }
        case "link":
            let rel = attribute(node, "rel")?.lowercased() ?? ""
            if rel.contains("stylesheet") || rel.contains("icon"), let href = attribute(node, "href") { page.subresources.append(href) }
            if rel.contains("alternate"), let lang = attribute(node, "hreflang"), let href = attribute(node, "href") {
                page.links.append(.init(href: href, text: "", hreflang: lang.lowercased()))
            }
            return
        case "video", "audio", "source", "embed":
            if let src = attribute(node, "src") { page.subresources.append(src) }
        case "label":
            if let target = attribute(node, "for") { labelledIDs.insert(target) }
        case "form":
            formStack.append(.init(action: attribute(node, "action") ?? "", isSearch: attribute(node, "role") == "search",
                                   textareas: 0, fields: 0))
        case "input", "select", "textarea":
            let type = attribute(node, "type")?.lowercased() ?? (name == "input" ? "text" : name)
            if ["hidden", "submit", "button", "reset", "image"].contains(type) { break }
            if !formStack.isEmpty {
                formStack[formStack.count - 1].fields += 1
                if name == "textarea" { formStack[formStack.count - 1].textareas += 1 }
                let fieldName = attribute(node, "name")?.lowercased() ?? ""
                if type == "search" || ["q", "s", "search", "query", "text_search"].contains(fieldName) {
                    formStack[formStack.count - 1].isSearch = true
                }
            } else if type == "search" {
                page.forms.append(.init(action: "", isSearch: true, textareas: 0, fields: 1))
            }
            let selfLabelled = labelDepth > 0 || !(attribute(node, "aria-label") ?? "").isEmpty
                || attribute(node, "aria-labelledby") != nil || !(attribute(node, "title") ?? "").isEmpty
            let id = attribute(node, "id") ?? ""
            if !selfLabelled {
                fieldCandidates.append((id: id, name: "<\(name) \(attribute(node, "name") ?? id)>"))
            }
        case "a":
            if let href = attribute(node, "href") {
                linkStack.append((href: href, hreflang: attribute(node, "hreflang")?.lowercased(), start: text.utf8.count))
            }
        default:
            break
        }
        if let lang = attribute(node, "lang"), name != "html" { page.otherLangs.insert(lang.lowercased()) }
        if name == "label" { labelDepth += 1 }
        let textStart = text.utf8.count
        var child = sanarip_node_children(node)
        while let current = child {
            visit(current, into: &page)
            child = sanarip_node_next(current)
        }
        if Walker.blockElements.contains(name) { text += " " }
        switch name {
        case "label":
            labelDepth -= 1
        case "h1":
            page.headings1.append(textSince(textStart))
        case "form":
            if let form = formStack.popLast() { page.forms.append(form) }
        case "a":
            if let link = linkStack.popLast() {
                var label = textSince(link.start)
                if label.isEmpty { label = attribute(node, "title") ?? attribute(node, "aria-label") ?? "" }
                page.links.append(.init(href: link.href, text: label, hreflang: link.hreflang))
            }
        default:
            break
        }
    }

    static let blockElements: Set<String> = [
        "br", "p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
        "footer", "nav", "main", "aside", "table", "ul", "ol", "dd", "dt", "address", "a", "span", "button", "option",
        "label", "form", "title", "time", "strong", "b", "em", "i",
    ]

    func textSince(_ offset: Int) -> String {
        String(decoding: text.utf8.dropFirst(offset), as: UTF8.self).collapsedWhitespace
    }

    func attribute(_ node: UnsafeRawPointer, _ name: String) -> String? {
        guard let value = sanarip_node_attribute(node, name) else { return nil }
        defer { sanarip_free(value) }
        return String(cString: value)
    }

    func content(of node: UnsafeRawPointer) -> String {
        guard let value = sanarip_node_content(node) else { return "" }
        defer { sanarip_free(value) }
        return String(cString: value)
    }
}

extension String {
    /// Runs of whitespace as one space, trimmed; read as UTF-8 bytes, decoding only the lead bytes that can start
    /// a non-ASCII space (U+0085, U+00A0, U+1680, U+2000–U+3000).
    var collapsedWhitespace: String {
        var copy = self
        return copy.withUTF8 { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                var width = 1
                var isSpace = false
                if byte < 0x80 {
                    isSpace = byte == 0x20 || (0x09...0x0D).contains(byte)
                } else if byte == 0xC2 || byte == 0xE1 || byte == 0xE2 || byte == 0xE3 {
                    var decoder = UTF8()
                    var iterator = bytes[index...].makeIterator()
                    if case .scalarValue(let scalar) = decoder.decode(&iterator) {
                        width = UTF8.width(scalar)
                        isSpace = scalar.properties.isWhitespace
                    }
                } else {
                    width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                }
                width = min(width, bytes.count - index)
                if isSpace {
                    pendingSpace = !result.isEmpty
                } else {
                    if pendingSpace { result.append(0x20) }
                    pendingSpace = false
                    result.append(contentsOf: bytes[index..<index + width])
                }
                index += width
            }
            return String(decoding: result, as: UTF8.self)
        }
    }
}
