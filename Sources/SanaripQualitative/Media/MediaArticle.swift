import Foundation

/// One news article: where it appeared, when, in which language, its title and text.
public struct MediaArticle: Sendable, Hashable, Codable {
    /// The store's identifier (nil before it is stored).
    public var id: Int64?
    /// The outlet's ``MediaSource/key``.
    public var source: String
    public var url: String
    /// The feed's `guid`/`id` (empty when it gave none).
    public var guid: String
    public var title: String
    /// When it was published (nil when the feed or file did not say).
    public var published: Date?
    /// `ky`, `ru` or `en` (detected when the source did not say).
    public var language: String
    public var author: String
    /// The article's text: the page's text when it was fetched, else the feed's content or summary.
    public var text: String
    /// How it came in: `feed`, `csv` or `page`.
    public var origin: String

    public init(id: Int64? = nil, source: String, url: String, guid: String = "", title: String, published: Date? = nil,
                language: String = "", author: String = "", text: String = "", origin: String = "feed") {
        self.id = id
        self.source = source
        self.url = url
        self.guid = guid
        self.title = title
        self.published = published
        self.language = language
        self.author = author
        self.text = text
        self.origin = origin
    }

    /// The URL reduced for de-duplication (``MediaDeduplication/urlKey(_:)``).
    public var urlKey: String { MediaDeduplication.urlKey(url) }
    /// The title reduced for de-duplication (``MediaDeduplication/titleKey(_:)``).
    public var titleKey: String { MediaDeduplication.titleKey(title) }
}
