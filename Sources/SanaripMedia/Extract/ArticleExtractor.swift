import Foundation
import SanaripAudit

/// The main text of a news page with its boilerplate (menus, headers, footers, sidebars, share bars, comments,
/// related-link lists) removed, in the manner of Arc90's Readability: blocks of text are scored by length and commas
/// and the score flows to their ancestors; `class`/`id` hints (article, content, post, entry… vs nav, footer,
/// sidebar, comment, share…) raise or lower an ancestor, link density lowers it; the best ancestor and its strong
/// siblings are the article. A JSON-LD `articleBody` at least as long as that is preferred.
public enum ArticleExtractor {
    /// Decodes `bytes` (byte-order mark, `Content-Type`, `<meta charset>`, UTF-8, else windows-1251) and extracts.
    public static func extract(bytes: [UInt8], contentType: String? = nil) -> ExtractedArticle {
        extract(html: TextDecoding.decode(bytes, charset: TextDecoding.choose(bytes: bytes, contentType: contentType).charset))
    }

    /// Extracts from decoded HTML.
    public static func extract(html: String) -> ExtractedArticle {
        let tree = HTMLTree(parsing: html)
        var article = ArticleMetadata.read(tree)
        let scoring = BlockScoring(tree: tree)
        let dom = scoring.mainText()
        let body = ArticleMetadata.articleBody(tree)
        if body.count >= 100, body.count * 5 >= dom.count * 4 {
            article.text = body
            article.method = "json-ld"
        } else if dom.isEmpty {
            article.text = tree.text(0)
            article.method = "page"
        } else {
            article.text = dom
        }
        return article
    }
}

/// Readability's scoring over an ``HTMLTree``.
struct BlockScoring {
    let tree: HTMLTree
    /// Subtrees left out before scoring: navigation, hidden and unlikely blocks.
    var removed: [Bool]
    var textLength: [Int]
    var linkLength: [Int]
    var commas: [Int]
    var score: [Double]
    var isCandidate: [Bool]

    /// Page furniture left out unless it holds the article or most of the page's text.
    static let structural: Set<String> = ["aside", "footer", "header"]
    /// Class names of an article's body in common CMS themes.
    static let articleBodies = ["entry-content", "article-body", "articlebody", "post-content", "story-body", "article-content", "post-body", "article__body", "article-text"]
    static let droppedElements: Set<String> = [
        "nav", "button", "select", "input", "textarea", "iframe", "label", "option", "dialog",
        "menu", "head", "title", "meta", "link", "h1",
    ]
    static let droppedRoles: Set<String> = ["navigation", "complementary", "contentinfo", "banner", "menu", "menubar", "dialog", "alert", "search"]
    static let unlikely = [
        "-ad-", "ad-break", "agegate", "banner", "breadcrumb", "combx", "comment", "community", "cookie", "cover-wrap",
        "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "navbar", "newsletter", "pagination", "pager",
        "popup", "related", "remark", "replies", "rss", "share", "sharing", "shoutbox", "sidebar", "skyscraper", "social",
        "sponsor", "subscribe", "supplemental", "widget", "promo", "modal", "advert", "tags", "byline", "author",
    ]
    static let maybe = ["and", "article", "body", "column", "content", "main", "shadow", "story", "text", "entry", "post"]
    static let positive = ["article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text", "blog", "story", "news"]
    static let negative = [
        "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "foot", "footer", "footnote", "gdpr", "masthead",
        "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor",
        "shopping", "tags", "tool", "widget", "nav", "menu", "social", "teaser", "caption", "date", "author",
    ]
    static let paragraphs: Set<String> = ["p", "pre", "td", "blockquote"]
    static let containers: Set<String> = ["div", "section", "article", "main", "td", "blockquote", "body", "form", "span", "font", "center"]
    static let commaCharacters: Set<Character> = [",", "，", "、", "،"]

    init(tree: HTMLTree) {
        self.tree = tree
        let count = tree.nodes.count
        removed = Array(repeating: false, count: count)
        textLength = Array(repeating: 0, count: count)
        linkLength = Array(repeating: 0, count: count)
        commas = Array(repeating: 0, count: count)
        score = Array(repeating: 0, count: count)
        isCandidate = Array(repeating: false, count: count)
        // A block holding most of the page's text, or the article itself, is not dropped for its class or id alone
        // (a "menu-container" wrapping the whole page): raw lengths and article flags bottom-up first.
        var rawLength = Array(repeating: 0, count: count)
        var holdsArticle = Array(repeating: false, count: count)
        for index in tree.nodes.indices.reversed() {
            let node = tree.nodes[index]
            if node.isText { rawLength[index] = node.text.count - node.text.reduce(0) { $0 + ($1.isWhitespace ? 1 : 0) } }
            if ["article", "main"].contains(node.name) || node.attributes["itemprop"]?.lowercased() == "articlebody"
                || !node.isText && Self.articleBodies.contains(where: { node.hints.contains($0) }) { holdsArticle[index] = true }
            if index > 0 {
                rawLength[node.parent] += rawLength[index]
                if holdsArticle[index] { holdsArticle[node.parent] = true }
            }
        }
        // Parents come before their children (pre-order), so one forward pass settles removal.
        for index in tree.nodes.indices.dropFirst() {
            let node = tree.nodes[index]
            if removed[node.parent] { removed[index] = true; continue }
            guard !node.isText else { continue }
            let protected = holdsArticle[index] || rawLength[index] * 5 >= rawLength[0] * 2
            if Self.dropsElement(node) || !protected && (Self.structural.contains(node.name) || Self.unlikely(node)) { removed[index] = true }
        }
        // Children come after their parents, so a backward pass sums lengths bottom-up.
        for index in tree.nodes.indices.reversed() where !removed[index] {
            let node = tree.nodes[index]
            if node.isText {
                let trimmed = node.text.collapsingWhitespace
                textLength[index] = trimmed.count
                commas[index] = trimmed.reduce(0) { $0 + (Self.commaCharacters.contains($1) ? 1 : 0) }
            }
            if node.name == "a" { linkLength[index] = textLength[index] }
            if index > 0 {
                textLength[node.parent] += textLength[index]
                linkLength[node.parent] += linkLength[index]
                commas[node.parent] += commas[index]
            }
        }
        scoreParagraphs()
    }

    /// Navigation, forms, hidden blocks and landmark roles other than the main one.
    static func dropsElement(_ node: HTMLTree.Node) -> Bool {
        if droppedElements.contains(node.name) { return true }
        if node.attributes["hidden"] != nil || node.attributes["aria-hidden"] == "true" { return true }
        if let style = node.attributes["style"]?.lowercased().filter({ !$0.isWhitespace }),
           style.contains("display:none") || style.contains("visibility:hidden") { return true }
        if let role = node.attributes["role"]?.lowercased(), droppedRoles.contains(role) { return true }
        return false
    }

    /// A block whose class or id says it is not the article (Readability's unlikely candidates).
    static func unlikely(_ node: HTMLTree.Node) -> Bool {
        if ["body", "html", "article", "main", "a", "p"].contains(node.name) { return false }
        let hints = node.hints
        guard !hints.isEmpty else { return false }
        return unlikely.contains { hints.contains($0) } && !maybe.contains { hints.contains($0) }
    }

    func linkDensity(_ index: Int) -> Double {
        textLength[index] == 0 ? 0 : Double(linkLength[index]) / Double(textLength[index])
    }

    static func weight(_ node: HTMLTree.Node) -> Double {
        let hints = node.hints
        guard !hints.isEmpty else { return 0 }
        var weight = 0.0
        if positive.contains(where: { hints.contains($0) }) { weight += 25 }
        if negative.contains(where: { hints.contains($0) }) { weight -= 25 }
        return weight
    }

    static func initialScore(_ node: HTMLTree.Node) -> Double {
        var base = 0.0
        switch node.name {
        case "article": base = 10
        case "div", "main": base = 5
        case "pre", "td", "blockquote", "section": base = 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": base = -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": base = -5
        default: break
        }
        return base + weight(node)
    }

    /// Text of `index`'s own inline content (text runs and inline elements, not child blocks).
    func inlineLength(_ index: Int) -> (length: Int, commas: Int) {
        var length = 0, count = 0
        for child in tree.nodes[index].children where !removed[child] {
            let node = tree.nodes[child]
            if node.isText || !(HTMLTree.blocks.contains(node.name) || Self.paragraphs.contains(node.name)) {
                length += textLength[child]
                count += commas[child]
            }
        }
        return (length, count)
    }

    mutating func scoreParagraphs() {
        for index in tree.nodes.indices.dropFirst() where !removed[index] && !tree.nodes[index].isText {
            let node = tree.nodes[index]
            let unit: (length: Int, commas: Int, first: Int)
            if Self.paragraphs.contains(node.name) {
                unit = (textLength[index], commas[index], node.parent)
            } else if Self.containers.contains(node.name) {
                let inline = inlineLength(index)
                unit = (inline.length, inline.commas, index)
            } else {
                continue
            }
            guard unit.length >= 25, unit.first > 0 else { continue }
            let points = 1 + Double(unit.commas) + min(Double(unit.length / 100), 3)
            var ancestor = unit.first, level = 0
            while ancestor > 0, level < 5 {
                if !isCandidate[ancestor] {
                    isCandidate[ancestor] = true
                    score[ancestor] = Self.initialScore(tree.nodes[ancestor])
                }
                score[ancestor] += points / (level == 0 ? 1 : level == 1 ? 2 : Double(level * 3))
                ancestor = tree.nodes[ancestor].parent
                level += 1
            }
        }
        for index in score.indices where isCandidate[index] {
            score[index] *= 1 - linkDensity(index)
        }
    }

    /// The chosen blocks' text, one paragraph a line (empty when nothing scored).
    func mainText() -> String {
        let candidates = score.indices.filter { isCandidate[$0] }.sorted { score[$0] > score[$1] }
        guard var top = candidates.first else { return "" }
        // Readability: when three other strong candidates share an ancestor with the top one, the article is that
        // ancestor (a story split into several blocks); then climb while the parent scores higher.
        let alternatives = candidates.dropFirst().prefix(4).filter { score[$0] >= score[top] * 0.75 }
        if alternatives.count >= 3 {
            var ancestor = tree.nodes[top].parent
            while ancestor > 0 {
                if alternatives.filter({ isAncestor(ancestor, of: $0) }).count >= 3 { top = ancestor; break }
                ancestor = tree.nodes[ancestor].parent
            }
        }
        var last = score[top]
        var parentIndex = tree.nodes[top].parent
        while parentIndex > 0, tree.nodes[parentIndex].name != "body" {
            guard isCandidate[parentIndex] else { parentIndex = tree.nodes[parentIndex].parent; continue }
            if score[parentIndex] < score[top] / 3 { break }
            if score[parentIndex] > last { top = parentIndex }
            last = score[parentIndex]
            parentIndex = tree.nodes[parentIndex].parent
        }
        while tree.nodes[top].parent > 0, tree.nodes[tree.nodes[top].parent].name != "body",
              tree.nodes[tree.nodes[top].parent].children.filter({ !removed[$0] && !tree.nodes[$0].isText }).count == 1 {
            top = tree.nodes[top].parent
        }
        let parent = tree.nodes[top].parent
        let threshold = max(10, score[top] * 0.2)
        let topClass = tree.nodes[top].attributes["class"] ?? ""
        var chosen: [Int] = []
        for sibling in (parent > 0 ? tree.nodes[parent].children : [top]) where !removed[sibling] {
            let node = tree.nodes[sibling]
            if sibling == top { chosen.append(sibling); continue }
            if node.isText { continue }
            var bonus = 0.0
            if !topClass.isEmpty, node.attributes["class"] == topClass { bonus = score[top] * 0.2 }
            if isCandidate[sibling], score[sibling] + bonus >= threshold {
                chosen.append(sibling)
            } else if node.name == "p" {
                let length = textLength[sibling], density = linkDensity(sibling)
                if length > 80, density < 0.25 {
                    chosen.append(sibling)
                } else if length > 0, length <= 80, density == 0,
                          let last = tree.text(sibling).last, ".!?…".contains(last) {
                    chosen.append(sibling)
                }
            }
        }
        var lines: [String] = []
        var line = ""
        for index in chosen { emit(index, top: top, lines: &lines, line: &line) }
        flush(&lines, &line)
        return lines.joined(separator: "\n")
    }

    private func isAncestor(_ ancestor: Int, of node: Int) -> Bool {
        var current = tree.nodes[node].parent
        while current > 0 {
            if current == ancestor { return true }
            current = tree.nodes[current].parent
        }
        return false
    }

    private func flush(_ lines: inout [String], _ line: inout String) {
        let text = line.collapsingWhitespace
        if !text.isEmpty { lines.append(text) }
        line = ""
    }

    /// Appends the text under `index`, leaving out link lists and negatively hinted blocks inside the article.
    private func emit(_ index: Int, top: Int, lines: inout [String], line: inout String) {
        guard !removed[index] else { return }
        let node = tree.nodes[index]
        if node.isText {
            line += node.text
            return
        }
        let isBlock = HTMLTree.blocks.contains(node.name)
        if isBlock, index != top, ["div", "section", "ul", "ol", "table", "dl", "figure", "form"].contains(node.name) {
            let density = linkDensity(index)
            if textLength[index] == 0 { return }
            if density > 0.5 || (Self.weight(node) < 0 && textLength[index] < 1000) { return }
            if ["ul", "ol"].contains(node.name), density > 0.33 { return }
        }
        if isBlock { flush(&lines, &line) }
        for child in node.children { emit(child, top: top, lines: &lines, line: &line) }
        if isBlock { flush(&lines, &line) } else if node.name == "br" { flush(&lines, &line) }
    }
}
