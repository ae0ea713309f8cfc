/// Which of Kyrgyz, Russian and English a site's content is in: the `lang` and `hreflang` attributes, and the
/// text itself — common function words of each language, and the letters ң ө ү, which mark Kyrgyz.
enum LanguageDetector {
    struct Finding {
        var code: String
        var url: String
        var reason: String
    }

    static let kyrgyzWords: Set<String> = ["жана", "менен", "үчүн", "боюнча", "бул", "деп", "жылы", "жылдын", "өкмөтү", "аймагы", "болуп", "керек", "анын", "биз", "дагы", "же", "эле", "кийин", "тарабынан", "айылдык"]
    static let russianWords: Set<String> = ["и", "в", "на", "для", "по", "от", "что", "это", "года", "не", "с", "о", "к", "из", "района", "округа", "при", "или"]
    static let englishWords: Set<String> = ["the", "and", "of", "to", "in", "for", "with", "is", "on", "by", "are"]

    static let codes = ["ky", "ru", "en"]
    static let lexicons = [kyrgyzWords, russianWords, englishWords]

    /// The lexicons' words by UTF-8 length: `wordsByLength[n]` holds each listed word of `n` bytes with the index of
    /// its language in `codes`, so a word of the text is compared with the few of its length, without a `String`.
    static let wordsByLength: [[(language: Int, bytes: [UInt8])]] = {
        var table = [[(language: Int, bytes: [UInt8])]](repeating: [], count: longestWord + 1)
        for (language, words) in lexicons.enumerated() {
            for word in words { table[word.utf8.count].append((language, Array(word.utf8))) }
        }
        return table
    }()

    /// The longest listed word, in UTF-8 bytes: longer words are not looked up.
    static let longestWord = lexicons.joined().map(\.utf8.count).max()!

    /// The languages found, in the order ky, ru, en.
    static func detect(pages: [(html: HTMLPage, text: PageText)]) -> [Finding] {
        var counts = [0, 0, 0]
        var firstURL: [String?] = [nil, nil, nil]
        var kyrgyzLetters = 0
        var attributes: [String: String] = [:]
        let wordsByLength = self.wordsByLength, longestWord = self.longestWord
        for page in pages {
            let url = page.text.url
            for lang in [page.html.lang] + page.html.otherLangs + page.html.links.compactMap(\.hreflang) {
                let code = String(lang.prefix(2))
                if codes.contains(code), attributes[code] == nil { attributes[code] = url }
            }
            page.text.lower.withUnsafeBufferPointer { lower in
                var start = 0
                func count(_ end: Int) {
                    let length = end - start
                    guard length > 0, length <= longestWord else { return }
                    for (language, word) in wordsByLength[length] where word.withUnsafeBufferPointer({ word in
                        (0..<length).allSatisfy { word[$0] == lower[start + $0] }
                    }) {
                        counts[language] += 1
                        if firstURL[language] == nil { firstURL[language] = url }
                    }
                }
                // The lowercased text is valid UTF-8 (PageText wrote it): each scalar decoded in place.
                var offset = 0
                while offset < lower.count {
                    let lead = UInt32(lower[offset])
                    let width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                    var value = width == 1 ? lead : lead & (0x7F >> UInt32(width))
                    for next in offset + 1..<offset + width { value = value << 6 | UInt32(lower[next] & 0x3F) }
                    let scalar = Unicode.Scalar(value)!
                    if scalar.isAlphabeticScalar {
                        if scalar == "ң" || scalar == "ө" || scalar == "ү" { kyrgyzLetters += 1 }
                    } else {
                        count(offset)
                        start = offset + width
                    }
                    offset += width
                }
                count(offset)
            }
        }
        var found: [Finding] = []
        for (language, code) in codes.enumerated() {
            let hits = counts[language]
            let textSays = code == "ky" ? hits >= 3 && kyrgyzLetters >= 3 : hits >= 5
            if textSays {
                let letters = code == "ky" ? ", \(kyrgyzLetters) letters ң/ө/ү" : ""
                found.append(Finding(code: code, url: firstURL[language] ?? "", reason: "\(hits) common words in the text\(letters)"))
            } else if let url = attributes[code], hits > 0 {
                found.append(Finding(code: code, url: url, reason: "lang attribute, \(hits) common words in the text"))
            }
        }
        return found
    }
}
