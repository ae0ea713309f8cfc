import CSanaripHTML
import Foundation

/// A page's visible text prepared for many searches: its scalars for the patterns (`Patterns`) and its lowercased
/// UTF-8 bytes (ASCII and Cyrillic folded without the Unicode table) searched with `memmem`.
struct PageText {
    let url: String
    let scalars: [Unicode.Scalar]
    let lower: [UInt8]

    init(url: String, text: String) {
        self.url = url
        scalars = Array(text.unicodeScalars)
        var lower: [UInt8] = []
        lower.reserveCapacity(text.utf8.count)
        for scalar in scalars { scalar.appendLowercasedUTF8(to: &lower) }
        self.lower = lower
    }

    /// Where `word` (lowercase) first occurs in the lowercased text, in UTF-8 bytes.
    func offset(of word: String) -> Int? {
        var word = word
        let offset = word.withUTF8 { needle in
            lower.withUnsafeBytes { haystack in
                sanarip_find(haystack.baseAddress, haystack.count, needle.baseAddress, needle.count)
            }
        }
        return offset >= 0 ? offset : nil
    }

    /// Whether one of `words` (lowercase) occurs in the text.
    func contains(anyOf words: [String]) -> Bool {
        words.contains { offset(of: $0) != nil }
    }

    /// The first of `words` (lowercase) found, as a snippet of about 40 characters either side.
    func snippet(ofFirst words: [String]) -> String? {
        for word in words {
            guard let offset = offset(of: word) else { continue }
            var start = max(0, offset - 80)
            var end = min(lower.count, offset + word.utf8.count + 80)
            while start > 0, lower[start] & 0xC0 == 0x80 { start -= 1 }
            while end < lower.count, lower[end] & 0xC0 == 0x80 { end += 1 }
            return "…" + String(decoding: lower[start..<end], as: UTF8.self) + "…"
        }
        return nil
    }

    /// The text of `range`.
    func string(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range])
        return String(view)
    }

    /// Up to `limit` matches of `pattern`, with spaces trimmed.
    func matches(_ pattern: ScalarPattern, limit: Int) -> [String] {
        pattern.matches(in: scalars, limit: limit).map { string($0.range).trimmingCharacters(in: .whitespaces) }
    }
}
