import Foundation
import SanaripAudit
import SanaripInstrument
import SanaripQualitative

/// Reads RSS 2.0/0.9x, RSS 1.0 (RDF) and Atom 1.0 feeds.
///
/// The bytes are decoded first — byte-order mark, the `charset` of the `Content-Type` header, else the XML
/// declaration's `encoding`, else UTF-8 when valid, else windows-1251 — through the audit's ``TextDecoding``
/// (iconv), then read as XML by the project's strict scanner (no DTD, so no entity expansion). Stylesheet processing
/// instructions and a DOCTYPE without internal subset before the root are skipped. HTML in titles, summaries and
/// content is turned into plain text with libxml2's HTML parser (``HTMLPage``).
public enum FeedParser {
    /// The feed in `bytes`, fetched from `url` with `contentType`.
    ///
    /// - Throws: ``MediaError/brokenFeed(url:reason:)`` naming the line and column where the XML breaks, or what is
    ///   missing (no `rss`, `RDF` or `feed` root).
    public static func parse(_ bytes: [UInt8], contentType: String?, url: String) throws(MediaError) -> Feed {
        let (text, charset) = decode(bytes, contentType: contentType)
        let root: SubmissionXMLElement
        do {
            root = try SubmissionXMLElement.parse(Data(withoutProlog(text).utf8))
        } catch {
            if case .malformed(let line, let column, let reason) = error {
                throw .brokenFeed(url: url, reason: "not well-formed XML at line \(line), column \(column) (after the prolog): \(reason)")
            }
            throw .brokenFeed(url: url, reason: "not well-formed XML")
        }
        let base = URL(string: url)
        switch root.name.lowercased() {
        case "rss":
            guard let channel = root.child("channel") else { throw .brokenFeed(url: url, reason: "an <rss> feed without <channel>") }
            return Feed(kind: .rss, title: plain(channel.child("title")), link: channel.child("link")?.text.trimmed ?? "",
                        language: channel.child("language")?.text.trimmed ?? "", charset: charset,
                        items: channel.children.filter { $0.name == "item" }.map { rssItem($0, base: base) })
        case "rdf":
            let channel = root.child("channel")
            return Feed(kind: .rdf, title: plain(channel?.child("title")), link: channel?.child("link")?.text.trimmed ?? "",
                        language: channel?.child("language")?.text.trimmed ?? "", charset: charset,
                        items: root.children.filter { $0.name == "item" }.map { rssItem($0, base: base) })
        case "feed":
            return Feed(kind: .atom, title: plain(root.child("title")), link: atomLink(root, base: base),
                        language: root.attributes["xml:lang"] ?? "", charset: charset,
                        items: root.children.filter { $0.name == "entry" }.map { atomEntry($0, base: base) })
        default:
            throw .brokenFeed(url: url, reason: "not a feed: the root element is <\(root.name)>, not <rss>, <rdf:RDF> or <feed>")
        }
    }

    /// The text of `bytes` and the charset used (with where it was found).
    static func decode(_ bytes: [UInt8], contentType: String?) -> (String, String) {
        let choice = TextDecoding.choose(bytes: bytes, contentType: contentType)
        var (charset, source) = (choice.charset, choice.source)
        if source != "byte-order mark", source != "Content-Type header", let declared = declaredEncoding(bytes) {
            (charset, source) = (declared, "XML declaration")
        }
        var text = TextDecoding.decode(bytes, charset: charset)
        if text.first == "\u{FEFF}" { text.removeFirst() }
        return (text, "\(charset) (\(source))")
    }

    /// The `encoding` of the XML declaration, read as ASCII.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(200).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self)
        guard head.hasPrefix("<?xml") || head.dropFirst(3).hasPrefix("<?xml"), let end = head.range(of: "?>"),
              let key = head.range(of: "encoding", range: head.startIndex..<end.lowerBound) else { return nil }
        let rest = head[key.upperBound..<end.lowerBound].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
        let label = rest.prefix { $0 != "\"" && $0 != "'" && $0 != " " }
        return label.isEmpty ? nil : label.lowercased()
    }

    /// `text` from its root element on: the XML declaration, processing instructions, comments and a DOCTYPE
    /// before it are dropped (the scanner refuses all but the first and the content is already UTF-8).
    static func withoutProlog(_ text: String) -> Substring {
        var rest = Substring(text)
        while true {
            rest = rest.drop { $0.isWhitespace }
            if rest.hasPrefix("<?"), let end = rest.range(of: "?>") {
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("<!--"), let end = rest.range(of: "-->") {
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("<!DOCTYPE") || rest.hasPrefix("<!doctype"), !(rest.prefix { $0 != ">" }.contains("[")),
                      let end = rest.firstIndex(of: ">") {
                rest = rest[rest.index(after: end)...]
            } else {
                return rest
            }
        }
    }

    static func rssItem(_ item: SubmissionXMLElement, base: URL?) -> Feed.Item {
        let guidElement = item.child("guid")
        let guid = guidElement?.text.trimmed ?? item.attributes["rdf:about"] ?? ""
        var link = item.child("link")?.text.trimmed ?? ""
        if link.isEmpty, let guidElement, guidElement.attributes["isPermaLink"]?.lowercased() != "false", guid.lowercased().hasPrefix("http") {
            link = guid
        }
        let date = item.child("pubDate") ?? item.child("date") ?? item.child("issued")
        let summary = plain(item.child("description")), content = plain(item.child("encoded"))
        return Feed.Item(title: plain(item.child("title")), link: resolve(link, base), guid: guid,
                         published: date.flatMap { FeedDate.parse($0.text) },
                         author: (item.child("creator") ?? item.child("author"))?.text.trimmed ?? "",
                         text: content.count > summary.count ? content : summary)
    }

    static func atomEntry(_ entry: SubmissionXMLElement, base: URL?) -> Feed.Item {
        let date = entry.child("published") ?? entry.child("updated") ?? entry.child("issued") ?? entry.child("modified")
        let summary = plain(entry.child("summary")), content = plain(entry.child("content"))
        return Feed.Item(title: plain(entry.child("title")), link: atomLink(entry, base: base), guid: entry.child("id")?.text.trimmed ?? "",
                         published: date.flatMap { FeedDate.parse($0.text) },
                         author: entry.child("author")?.child("name")?.text.trimmed ?? "",
                         text: content.count > summary.count ? content : summary)
    }

    /// The `rel="alternate"` link (or the first link without `rel`), resolved.
    static func atomLink(_ element: SubmissionXMLElement, base: URL?) -> String {
        let links = element.children.filter { $0.name == "link" }
        let chosen = links.first { ($0.attributes["rel"] ?? "alternate") == "alternate" } ?? links.first
        return resolve(chosen?.attributes["href"] ?? "", base)
    }

    static func resolve(_ link: String, _ base: URL?) -> String {
        guard !link.isEmpty, let base, URL(string: link)?.scheme == nil, let resolved = URL(string: link, relativeTo: base) else { return link }
        return resolved.absoluteString
    }

    /// An element's text: its children's (XHTML content) or its own, HTML turned into text, whitespace collapsed.
    static func plain(_ element: SubmissionXMLElement?) -> String {
        guard let element else { return "" }
        let raw = element.children.isEmpty ? element.text : allText(element)
        if raw.contains("<") || raw.contains("&") { return HTMLPage(parsing: raw).text.trimmed }
        return raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func allText(_ element: SubmissionXMLElement) -> String {
        element.children.isEmpty ? element.text : element.children.map(allText).joined(separator: " ")
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
