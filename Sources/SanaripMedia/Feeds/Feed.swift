import Foundation

/// A news feed as read: RSS 2.0 (and 0.9x), RSS 1.0 (RDF) or Atom 1.0, with its items.
public struct Feed: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case rss, rdf, atom }

    /// One item (RSS) or entry (Atom).
    public struct Item: Sendable, Hashable {
        public var title: String
        /// The article's address, resolved against the feed's.
        public var link: String
        /// RSS `guid`, Atom `id` or RDF `rdf:about` (empty when absent).
        public var guid: String
        public var published: Date?
        public var author: String
        /// The summary or full content as plain text (HTML removed), the longer of the two.
        public var text: String

        public init(title: String = "", link: String = "", guid: String = "", published: Date? = nil, author: String = "", text: String = "") {
            self.title = title
            self.link = link
            self.guid = guid
            self.published = published
            self.author = author
            self.text = text
        }
    }

    public var kind: Kind
    public var title: String
    public var link: String
    /// The feed's declared language (`ru`, `ky-KG`), empty when it declares none.
    public var language: String
    /// The charset the bytes were decoded with and where it was found.
    public var charset: String
    public var items: [Item]
}
