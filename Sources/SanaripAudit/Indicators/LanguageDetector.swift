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

    static let lexicons = [("ky", kyrgyzWords), ("ru", russianWords), ("en", englishWords)]

    /// The longest listed word, in UTF-8 bytes: longer words are not looked up.
    static let longestWord = (kyrgyzWords.union(russianWords).union(englishWords)).map(\.utf8.count).max()!

    /// The languages found, in the order ky, ru, en.
    static func detect(pages: [(html: HTMLPage, text: PageText)]) -> [Finding] {
        var counts: [String: Int] = [:]
        var firstURL: [String: String] = [:]
        var kyrgyzLetters = 0
        var attributes: [String: String] = [:]
        for page in pages {
            let url = page.text.url
            for lang in [page.html.lang] + page.html.otherLangs + page.html.links.compactMap(\.hreflang) {
                let code = String(lang.prefix(2))
                if ["ky", "ru", "en"].contains(code), attributes[code] == nil { attributes[code] = url }
            }
            let lower = page.text.lower
            var start = 0
            func count(_ end: Int) {
                guard end > start, end - start <= longestWord else { return }
                let text = String(decoding: lower[start..<end], as: UTF8.self)
                for (code, words) in lexicons where words.contains(text) {
                    counts[code, default: 0] += 1
                    if firstURL[code] == nil { firstURL[code] = url }
                }
            }
            var offset = 0
            for scalar in String(decoding: lower, as: UTF8.self).unicodeScalars {
                let next = offset + UTF8.width(scalar)
                if scalar.isAlphabeticScalar {
                    if scalar == "ң" || scalar == "ө" || scalar == "ү" { kyrgyzLetters += 1 }
                } else {
                    count(offset)
                    start = next
                }
                offset = next
            }
            count(offset)
        }
        var found: [Finding] = []
        for code in ["ky", "ru", "en"] {
            let hits = counts[code] ?? 0
            let textSays = code == "ky" ? hits >= 3 && kyrgyzLetters >= 3 : hits >= 5
            if textSays {
                let letters = code == "ky" ? ", \(kyrgyzLetters) letters ң/ө/ү" : ""
                found.append(Finding(code: code, url: firstURL[code] ?? "", reason: "\(hits) common words in the text\(letters)"))
            } else if let url = attributes[code], hits > 0 {
                found.append(Finding(code: code, url: url, reason: "lang attribute, \(hits) common words in the text"))
            }
        }
        return found
    }
}
