import Foundation

/// What ``ArticleExtractor`` found in an article page: its main text without the page's boilerplate, and the
/// metadata the page declares.
public struct ExtractedArticle: Sendable, Hashable {
    /// `og:title`, JSON-LD `headline`, the first `<h1>`, else `<title>`.
    public var title = ""
    /// The main text, one paragraph a line.
    public var text = ""
    /// `article:published_time` and the usual date metas, JSON-LD `datePublished`, else the first `<time datetime>`.
    public var published: Date?
    /// `<meta name="author">`, JSON-LD `author`, `article:author` when it is not an address.
    public var author = ""
    /// `<link rel="canonical">`, else `og:url` (empty when the page gives neither).
    public var url = ""
    /// `og:site_name`, else JSON-LD `publisher.name`.
    public var siteName = ""
    /// `<html lang>` lowercased (empty when absent).
    public var language = ""
    /// Where the text came from: `json-ld` (`articleBody`), `dom` (scored blocks) or `page` (the whole page's text).
    public var method = "dom"

    public init() {}
}
