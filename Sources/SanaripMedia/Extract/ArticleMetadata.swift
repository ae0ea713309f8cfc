import Foundation

/// The metadata an article page declares: Open Graph and `article:` metas, the usual date/author metas,
/// `<link rel="canonical">`, JSON-LD (`NewsArticle`, `Article`, `BlogPosting`…, also inside `@graph`) and `<time>`.
enum ArticleMetadata {
    static let dateKeys = [
        "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate", "publish_date",
        "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date", "sailthru.date",
        "parsely-pub-date", "article.published", "published_time", "og:updated_time", "article:modified_time",
    ]

    static func read(_ tree: HTMLTree) -> ExtractedArticle {
        var metas: [String: String] = [:]
        var canonical = "", firstH1 = "", titleElement = "", firstTime = ""
        for index in tree.nodes.indices {
            let node = tree.nodes[index]
            switch node.name {
            case "meta":
                let key = (node.attributes["property"] ?? node.attributes["name"] ?? node.attributes["itemprop"] ?? "").lowercased()
                if !key.isEmpty, metas[key] == nil, let content = node.attributes["content"], !content.isEmpty { metas[key] = content }
            case "link":
                if canonical.isEmpty, (node.attributes["rel"] ?? "").lowercased().split(separator: " ").contains("canonical") {
                    canonical = node.attributes["href"] ?? ""
                }
            case "h1":
                if firstH1.isEmpty { firstH1 = tree.text(index) }
            case "title":
                if titleElement.isEmpty { titleElement = tree.text(index) }
            case "time":
                if firstTime.isEmpty { firstTime = node.attributes["datetime"] ?? "" }
            default:
                if node.attributes["itemprop"]?.lowercased() == "datepublished", metas["datepublished"] == nil {
                    metas["datepublished"] = node.attributes["datetime"] ?? node.attributes["content"] ?? tree.text(index)
                }
            }
        }
        let ld = jsonLDArticles(tree)
        var article = ExtractedArticle()
        article.title = [metas["og:title"], metas["twitter:title"], ld.compactMap { $0["headline"] as? String }.first, firstH1, titleElement]
            .compactMap { $0?.collapsingWhitespace }.first { !$0.isEmpty } ?? ""
        let dateTexts = dateKeys.compactMap { metas[$0] } + ld.compactMap { $0["datePublished"] as? String } + [firstTime]
        article.published = dateTexts.lazy.compactMap { FeedDate.parse($0.trimmingCharacters(in: .whitespaces)) }.first
        let ldAuthors = ld.flatMap { names($0["author"]) }
        let metaAuthor = [metas["author"], metas["article:author"], metas["dc.creator"], metas["sailthru.author"]]
            .compactMap { $0 }.first { !$0.hasPrefix("http") && !$0.isEmpty }
        article.author = (metaAuthor ?? ldAuthors.joined(separator: ", ")).collapsingWhitespace
        article.url = [canonical, metas["og:url"] ?? ""].first { !$0.isEmpty } ?? ""
        article.siteName = metas["og:site_name"] ?? ld.flatMap { names($0["publisher"]) }.first ?? ""
        let html = tree.elements("html").first.map { tree.nodes[$0].attributes["lang"] ?? "" } ?? ""
        article.language = html.lowercased()
        return article
    }

    /// The longest JSON-LD `articleBody` as plain text (empty when none).
    static func articleBody(_ tree: HTMLTree) -> String {
        let bodies = jsonLDArticles(tree).compactMap { $0["articleBody"] as? String }
        guard let body = bodies.max(by: { $0.count < $1.count }) else { return "" }
        if body.contains("<") {
            let inner = HTMLTree(parsing: body)
            return inner.text(0)
        }
        return body.split(whereSeparator: \.isNewline).map { $0.collapsingWhitespace }.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// Every JSON-LD object (also inside arrays and `@graph`) whose `@type` names an article or a web page.
    static func jsonLDArticles(_ tree: HTMLTree) -> [[String: Any]] {
        var found: [[String: Any]] = []
        func visit(_ value: Any) {
            if let array = value as? [Any] { array.forEach(visit); return }
            guard let object = value as? [String: Any] else { return }
            if let graph = object["@graph"] { visit(graph) }
            let types = (object["@type"] as? String).map { [$0] } ?? (object["@type"] as? [String]) ?? []
            if types.contains(where: { $0.contains("Article") || $0.contains("Posting") || $0 == "Report" || $0 == "WebPage" }) {
                found.append(object)
            }
            if let main = object["mainEntity"] { visit(main) }
        }
        for script in tree.jsonLD {
            let cleaned = script.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let data = cleaned.data(using: .utf8), let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { continue }
            visit(value)
        }
        return found
    }

    /// `name`s of a JSON-LD person/organisation value (a string, an object or an array of either).
    static func names(_ value: Any?) -> [String] {
        if let text = value as? String { return [text] }
        if let object = value as? [String: Any] { return (object["name"] as? String).map { [$0] } ?? [] }
        if let array = value as? [Any] { return array.flatMap { names($0) } }
        return []
    }
}
