/// The keys articles are told apart by, as Media Cloud's backend did: a lossy-normalised URL (no scheme, `www.`,
/// fragment, tracking parameters or trailing slash; lowercased host) and a normalised title (lowercased, letters and
/// digits only, single spaces, without a leading outlet prefix such as "24.kg — " or "ВИДЕО:").
public enum MediaDeduplication {
    /// Query parameters that only track the reader, dropped from the URL key.
    static let trackingParameters: Set<String> = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "fbclid", "gclid", "yclid", "from", "ref"]
    /// Title prefixes that say nothing about the story.
    static let ignorablePrefixes = ["видео", "фото", "обновлено", "новость", "срочно", "video", "photo", "update", "breaking", "сүрөт", "видеo"]

    public static func urlKey(_ url: String) -> String {
        var text = url.trimmingCharacters(in: .whitespaces)
        if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
        for scheme in ["https://", "http://"] where text.lowercased().hasPrefix(scheme) {
            text = String(text.dropFirst(scheme.count))
        }
        var host = text.prefix { $0 != "/" && $0 != "?" }.lowercased()
        if host.hasPrefix("www.") { host = String(host.dropFirst(4)) }
        var rest = String(text.drop { $0 != "/" && $0 != "?" })
        var query = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...].split(separator: "&").filter { pair in
                !trackingParameters.contains(pair.prefix { $0 != "=" }.lowercased())
            }.sorted().joined(separator: "&")
            rest = String(rest[..<mark])
        }
        while rest.hasSuffix("/") { rest.removeLast() }
        return host + rest + (query.isEmpty ? "" : "?" + query)
    }

    public static func titleKey(_ title: String) -> String {
        var words: [String] = []
        var word = ""
        for character in title.lowercased() {
            if character.isLetter || character.isNumber {
                word.append(character == "ё" ? "е" : character)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        while let first = words.first, ignorablePrefixes.contains(first), words.count > 3 { words.removeFirst() }
        return words.joined(separator: " ")
    }
}
