import Foundation
import SanaripAudit
import SanaripInstrument
import SanaripQualitative

/// Articles from a collected archive: a CSV as Media Cloud exports it (`id, indexed_date, language, media_name,
/// media_url, publish_date, title, url`; the older `stories_id, publish_date, title, url, language, media_id,
/// media_name, media_url`), or any CSV with `url` and `title` columns and optionally `text`, `author`, `source`.
/// Also JSON with the same fields (``readJSON(_:file:known:)``) and folders of saved pages (``readPages(folder:known:)``).
/// Outlets named in the file and not yet in the study are returned as new sources (key from the outlet's domain).
public struct ArticleArchive: Sendable {
    public var articles: [MediaArticle]
    /// Outlets the file names that `known` did not have.
    public var newSources: [MediaSource]

    static let aliases: [String: [String]] = [
        "url": ["url", "link", "story_url"],
        "title": ["title", "headline"],
        "published": ["publish_date", "published", "pub_date", "date", "publication_date"],
        "source": ["media_name", "source", "outlet", "media"],
        "sourceURL": ["media_url", "source_url", "domain"],
        "language": ["language", "lang"],
        "text": ["text", "content", "body", "story_text"],
        "author": ["author", "byline"],
        "guid": ["guid", "stories_id", "id"],
        "html": ["html", "raw_html", "page"],
    ]

    /// Reads `data` (UTF-8, or windows-1251 when not valid UTF-8) named `file`: JSON (see ``readJSON(_:file:known:)``)
    /// when it starts with `[` or `{`, else CSV.
    ///
    /// - Throws: ``MediaError/invalid(file:row:column:reason:)`` naming the row and column of the first problem.
    public static func read(_ data: Data, file: String, known: [MediaSource]) throws(MediaError) -> ArticleArchive {
        let bytes = [UInt8](data)
        var text = TextDecoding.decode(bytes, charset: String(validating: bytes, as: UTF8.self) != nil ? "utf-8" : "windows-1251")
        if text.first == "\u{FEFF}" { text.removeFirst() }
        if let first = text.first(where: { !$0.isWhitespace }), first == "[" || first == "{" {
            return try readJSON(text, file: file, known: known)
        }
        let records: [(line: Int, fields: [String])]
        do {
            records = try CSVCodec(delimiter: CSVCodec.detectDelimiter(in: String(text.prefix(4096)))).numberedRecords(in: text)
        } catch {
            throw .invalid(file: file, row: error.line, column: nil, reason: "not a readable CSV (\(error.message))")
        }
        guard let header = records.first else { throw .invalid(file: file, row: 1, column: nil, reason: "the file is empty") }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var column: [String: Int] = [:]
        for (field, candidates) in aliases {
            if let index = candidates.lazy.compactMap({ names.firstIndex(of: $0) }).first { column[field] = index }
        }
        guard column["url"] != nil, column["title"] != nil else {
            throw .invalid(file: file, row: header.line, column: nil,
                           reason: "the header needs a url and a title column (Media Cloud export: id,indexed_date,language,media_name,media_url,publish_date,title,url; also text, author)")
        }
        var builder = Builder(file: file, known: known)
        for record in records.dropFirst() {
            if record.fields.count == 1, record.fields[0].isEmpty { continue }
            var fields: [String: String] = [:]
            for (name, index) in column where index < record.fields.count { fields[name] = record.fields[index] }
            try builder.add(fields, row: record.line) { column[$0].map { names[$0] } ?? $0 }
        }
        return builder.archive
    }

    /// Collects articles and the outlets they name, one record at a time.
    struct Builder {
        var file: String
        var origin = "csv"
        var sourcesByName: [String: MediaSource] = [:]
        var keys: Set<String>
        var archive = ArticleArchive(articles: [], newSources: [])

        init(file: String, known: [MediaSource], origin: String = "csv") {
            self.file = file
            self.origin = origin
            keys = Set(known.map(\.key))
            for source in known {
                sourcesByName[source.name.lowercased()] = source
                sourcesByName[source.key.lowercased()] = source
                if let host = URL(string: source.url)?.host?.lowercased() { sourcesByName[ArticleArchive.domain(host)] = source }
            }
        }

        /// Adds the record with `fields` (keys of ``ArticleArchive/aliases``) at `row`; `column` names a field as the file does.
        mutating func add(_ fields: [String: String], row: Int?, published known: Date? = nil, column: (String) -> String) throws(MediaError) {
            func field(_ name: String) -> String { (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
            let url = field("url")
            guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme), let host = parsed.host else {
                throw .invalid(file: file, row: row, column: column("url"), reason: "\"\(url)\" is not an http(s) address")
            }
            var published = known
            let dateText = field("published")
            if published == nil, !dateText.isEmpty {
                guard let date = FeedDate.parse(dateText) else {
                    throw .invalid(file: file, row: row, column: column("published"),
                                   reason: "\"\(dateText)\" is not a date (write 2026-12-04, 2026-12-04 10:00:00 or RFC 822)")
                }
                published = date
            }
            let outletName = field("source")
            let outletURL = field("sourceURL")
            let outletHost = ArticleArchive.domain((URL(string: outletURL.contains("://") ? outletURL : "https://" + outletURL)?.host ?? host).lowercased())
            let source: MediaSource
            if let known = sourcesByName[outletName.lowercased()].flatMap({ outletName.isEmpty ? nil : $0 }) ?? sourcesByName[outletHost] {
                source = known
            } else {
                var key = outletHost.isEmpty ? ArticleArchive.domain(host.lowercased()) : outletHost
                if keys.contains(key) { key += "-\(keys.count)" }
                keys.insert(key)
                source = MediaSource(key: key, name: outletName.isEmpty ? key : outletName, url: "https://\(outletHost)")
                archive.newSources.append(source)
                sourcesByName[outletHost] = source
                if !outletName.isEmpty { sourcesByName[outletName.lowercased()] = source }
            }
            let title = field("title")
            var body = field("text")
            if body.isEmpty, !field("html").isEmpty { body = ArticleExtractor.extract(html: field("html")).text }
            var language = String(field("language").lowercased().prefix(2))
            if !["ky", "ru", "en"].contains(language) {
                language = ["ky", "ru", "en"].contains(source.language) ? source.language : MediaLanguage.detect(title + " " + body, fallback: "")
            }
            archive.articles.append(MediaArticle(source: source.key, url: url, guid: field("guid"), title: title, published: published,
                                                 language: language, author: field("author"), text: body, origin: origin))
        }
    }

    /// A host without `www.`.
    static func domain(_ host: String) -> String {
        host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }
}
