/// What the audit reads from one HTML page: its language marks, head, links, images, forms and visible text.
public struct HTMLPage: Sendable, Hashable {
    /// A link (`<a href>`) with its visible text.
    public struct Link: Sendable, Hashable {
        public var href: String
        public var text: String
        public var hreflang: String?
    }

    /// A `<meta>` element: `name`, `property` or `http-equiv` (lowercased) and `content`.
    public struct Meta: Sendable, Hashable {
        public var key: String
        public var content: String
    }

    /// A `<form>` and what it holds.
    public struct Form: Sendable, Hashable {
        public var action: String
        public var isSearch: Bool
        public var textareas: Int
        public var fields: Int
    }

    /// The `lang` of `<html>` (empty when absent).
    public var lang = ""
    /// Other `lang` attributes found in the body.
    public var otherLangs: Set<String> = []
    public var title = ""
    public var metas: [Meta] = []
    public var links: [Link] = []
    /// `<img>` sources; `alt` nil when the attribute is missing.
    public var images: [(src: String, alt: String?)] = []
    public var forms: [Form] = []
    /// Form controls (input other than hidden/submit/button, select, textarea) with no label, `aria-label`,
    /// `aria-labelledby` or `title`.
    public var unlabeledFields: [String] = []
    public var headings1: [String] = []
    /// Scripts, stylesheets, frames and media the page loads (`src`, `<link rel=stylesheet href>`).
    public var subresources: [String] = []
    /// The text of `<script type="application/ld+json">` blocks.
    public var jsonLD: [String] = []
    public var iframesWithoutTitle = 0
    /// Visible text, whitespace collapsed.
    public var text = ""

    public init() {}

    public static func == (a: HTMLPage, b: HTMLPage) -> Bool {
        a.lang == b.lang && a.title == b.title && a.links == b.links && a.text == b.text && a.forms == b.forms
            && a.images.map(\.src) == b.images.map(\.src) && a.images.map(\.alt) == b.images.map(\.alt)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(lang)
        hasher.combine(title)
        hasher.combine(text)
    }

    /// The content of the first `<meta>` whose key is `key`.
    public func meta(_ key: String) -> String? {
        metas.first { $0.key == key }?.content
    }
}
