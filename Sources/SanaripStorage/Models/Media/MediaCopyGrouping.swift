import Foundation

/// How a study's articles were last grouped into near-duplicates, and what came out.
public struct MediaCopyGrouping: Sendable, Hashable, Codable {
    /// The Jaccard similarity of word shingles from which two articles are copies.
    public var threshold: Double
    public var shingleSize: Int
    /// Articles compared.
    public var articles: Int
    /// Groups of two or more articles.
    public var groups: Int
    /// Articles in those groups beyond each group's first (what counting a group once leaves out).
    public var copies: Int
    public var computedAt: Date
    public var computedBy: String

    public init(threshold: Double, shingleSize: Int, articles: Int, groups: Int, copies: Int, computedAt: Date = Date(), computedBy: String) {
        self.threshold = threshold
        self.shingleSize = shingleSize
        self.articles = articles
        self.groups = groups
        self.copies = copies
        self.computedAt = computedAt
        self.computedBy = computedBy
    }
}
