import Foundation
import SanaripInstrument

/// A news outlet followed by the study: its name and site, the feeds (RSS, Atom or RDF) it publishes, the language
/// it writes in, and whether it is national or regional (with its oblast).
public struct MediaSource: Sendable, Hashable, Codable {
    /// A short stable key (`24kg`, `azattyk-ky`): what articles and exports name the outlet by.
    public var key: String
    public var name: String
    /// The outlet's home page.
    public var url: String
    /// Its feeds' addresses.
    public var feeds: [String]
    /// `ky`, `ru`, `en` or `mixed`.
    public var language: String
    /// `national` or `regional`.
    public var scope: String
    /// The oblast a regional outlet covers (empty for national ones).
    public var oblast: String

    public init(key: String, name: String, url: String = "", feeds: [String] = [], language: String = "", scope: String = "national", oblast: String = "") {
        self.key = key
        self.name = name
        self.url = url
        self.feeds = feeds
        self.language = language
        self.scope = scope
        self.oblast = oblast
    }

    /// The columns of a sources CSV, in order (`feeds`: addresses separated by spaces).
    public static let csvColumns = ["key", "name", "url", "feeds", "language", "scope", "oblast"]

    /// Reads a sources list (CSV, UTF-8, `#` lines are comments). Every problem names the file, row and column.
    public static func list(csv text: String, file: String) throws(MediaError) -> [MediaSource] {
        let records: [(line: Int, fields: [String])]
        do {
            records = try CSVCodec().numberedRecords(in: text).filter { !($0.fields.first ?? "").hasPrefix("#") && $0.fields != [""] }
        } catch {
            throw .invalid(file: file, row: error.line, column: nil, reason: "not a readable CSV (\(error.message))")
        }
        guard let header = records.first else { throw .invalid(file: file, row: 1, column: nil, reason: "the file is empty; expected the columns \(csvColumns.joined(separator: ","))") }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for required in ["key", "name"] where !columns.contains(required) {
            throw .invalid(file: file, row: header.line, column: required, reason: "the header has no \"\(required)\" column (expected: \(csvColumns.joined(separator: ",")))")
        }
        var sources: [MediaSource] = []
        var seen: Set<String> = []
        for record in records.dropFirst() {
            func field(_ name: String) -> String {
                guard let index = columns.firstIndex(of: name), index < record.fields.count else { return "" }
                return record.fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let key = field("key")
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else {
                throw .invalid(file: file, row: record.line, column: "key", reason: "\"\(key)\" is not a key: write letters, digits, - _ or . (e.g. 24kg)")
            }
            guard seen.insert(key).inserted else { throw .invalid(file: file, row: record.line, column: "key", reason: "\(key) is listed twice") }
            let name = field("name")
            guard !name.isEmpty else { throw .invalid(file: file, row: record.line, column: "name", reason: "the outlet's name is empty") }
            let feeds = field("feeds").split(whereSeparator: { $0 == " " || $0 == "|" || $0 == ";" }).map(String.init)
            for feed in feeds + [field("url")].filter({ !$0.isEmpty }) {
                guard let url = URL(string: feed), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
                    throw .invalid(file: file, row: record.line, column: feeds.contains(feed) ? "feeds" : "url", reason: "\(feed) is not an http(s) address")
                }
            }
            let language = field("language").lowercased()
            guard ["", "ky", "ru", "en", "mixed"].contains(language) else {
                throw .invalid(file: file, row: record.line, column: "language", reason: "\(language) is not ky, ru, en or mixed")
            }
            let scope = field("scope").lowercased()
            guard ["", "national", "regional"].contains(scope) else {
                throw .invalid(file: file, row: record.line, column: "scope", reason: "\(scope) is not national or regional")
            }
            sources.append(MediaSource(key: key, name: name, url: field("url"), feeds: feeds, language: language,
                                       scope: scope.isEmpty ? "national" : scope, oblast: field("oblast")))
        }
        return sources
    }

    /// The list as CSV with ``csvColumns``.
    public static func csv(_ sources: [MediaSource]) -> String {
        CSVCodec().text(for: [csvColumns] + sources.map { [$0.key, $0.name, $0.url, $0.feeds.joined(separator: " "), $0.language, $0.scope, $0.oblast] })
    }
}
