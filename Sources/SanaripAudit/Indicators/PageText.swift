import CSanaripHTML
import Foundation

/// A page's visible text prepared for many searches: lowercased UTF-8 bytes searched with `memmem`, and one
/// `NSString` for the regular expressions.
struct PageText {
    let url: String
    let text: String
    let lower: [UInt8]
    let nsText: NSString

    init(url: String, text: String) {
        self.url = url
        self.text = text
        lower = Array(text.lowercased().utf8)
        nsText = text as NSString
    }

    /// The first of `words` (lowercase) found, as a snippet of about 40 characters either side.
    func snippet(ofFirst words: [String]) -> String? {
        for word in words {
            let needle = Array(word.utf8)
            let offset = lower.withUnsafeBytes { haystack in
                needle.withUnsafeBytes { pattern in
                    sanarip_find(haystack.baseAddress, haystack.count, pattern.baseAddress, pattern.count)
                }
            }
            guard offset >= 0 else { continue }
            var start = max(0, offset - 80)
            var end = min(lower.count, offset + needle.count + 80)
            while start > 0, lower[start] & 0xC0 == 0x80 { start -= 1 }
            while end < lower.count, lower[end] & 0xC0 == 0x80 { end += 1 }
            return "…" + String(decoding: lower[start..<end], as: UTF8.self) + "…"
        }
        return nil
    }

    /// Up to `limit` matches of `pattern`.
    func matches(_ pattern: NSRegularExpression, limit: Int) -> [String] {
        var found: [String] = []
        pattern.enumerateMatches(in: text, range: NSRange(location: 0, length: nsText.length)) { match, _, stop in
            guard let match else { return }
            found.append(nsText.substring(with: match.range).trimmingCharacters(in: .whitespaces))
            if found.count >= limit { stop.pointee = true }
        }
        return found
    }
}
