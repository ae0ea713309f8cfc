import Foundation

/// The feeds a home page announces: `<link rel="alternate" type="application/rss+xml|atom+xml|rdf+xml" href>` in
/// its HTML, resolved against the page's address, in the order written.
public enum FeedDiscovery {
    public static func feeds(inHTML html: String, base: String) -> [String] {
        var found: [String] = []
        var rest = Substring(html)
        while let start = rest.range(of: "<link", options: .caseInsensitive) {
            let end = rest[start.upperBound...].firstIndex(of: ">") ?? rest.endIndex
            let attributes = Self.attributes(rest[start.upperBound..<end])
            rest = rest[end...]
            let rel = attributes["rel"]?.lowercased().split(separator: " ") ?? []
            let type = attributes["type"]?.lowercased() ?? ""
            guard rel.contains("alternate"), type.contains("rss") || type.contains("atom") || type.contains("rdf"),
                  let href = attributes["href"], !href.isEmpty else { continue }
            let resolved = FeedParser.resolve(href.replacingOccurrences(of: "&amp;", with: "&"), URL(string: base))
            if !found.contains(resolved) { found.append(resolved) }
        }
        return found
    }

    /// `name="value"`, `name='value'` and `name=value` pairs of a tag, names lowercased.
    static func attributes(_ tag: Substring) -> [String: String] {
        var result: [String: String] = [:]
        var index = tag.startIndex
        while index < tag.endIndex {
            while index < tag.endIndex, tag[index].isWhitespace || tag[index] == "/" { index = tag.index(after: index) }
            let nameStart = index
            while index < tag.endIndex, !tag[index].isWhitespace, tag[index] != "=" { index = tag.index(after: index) }
            let name = tag[nameStart..<index].lowercased()
            guard index < tag.endIndex, tag[index] == "=" else {
                if index < tag.endIndex { index = tag.index(after: index) }
                continue
            }
            index = tag.index(after: index)
            var value = ""
            if index < tag.endIndex, tag[index] == "\"" || tag[index] == "'" {
                let quote = tag[index]
                index = tag.index(after: index)
                let valueStart = index
                while index < tag.endIndex, tag[index] != quote { index = tag.index(after: index) }
                value = String(tag[valueStart..<index])
                if index < tag.endIndex { index = tag.index(after: index) }
            } else {
                let valueStart = index
                while index < tag.endIndex, !tag[index].isWhitespace { index = tag.index(after: index) }
                value = String(tag[valueStart..<index])
            }
            if !name.isEmpty { result[name] = value }
        }
        return result
    }
}
