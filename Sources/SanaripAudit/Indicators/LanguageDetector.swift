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

    /// The languages found, in the order ky, ru, en.
    static func detect(pages: [(url: String, html: HTMLPage)]) -> [Finding] {
        var counts: [String: Int] = [:]
        var firstURL: [String: String] = [:]
        var kyrgyzLetters = 0
        var attributes: [String: String] = [:]
        for page in pages {
            for lang in [page.html.lang] + page.html.otherLangs + page.html.links.compactMap(\.hreflang) {
                let code = String(lang.prefix(2))
                if ["ky", "ru", "en"].contains(code), attributes[code] == nil { attributes[code] = page.url }
            }
            var word = String.UnicodeScalarView()
            var length = 0
            func count() {
                guard !word.isEmpty else { return }
                let text = String(word)
                for (code, words) in [("ky", kyrgyzWords), ("ru", russianWords), ("en", englishWords)] where words.contains(text) {
                    counts[code, default: 0] += 1
                    if firstURL[code] == nil { firstURL[code] = page.url }
                }
                word = String.UnicodeScalarView()
                length = 0
            }
            for scalar in page.html.text.lowercased().unicodeScalars {
                if scalar.isAlphabeticScalar {
                    length += 1
                    if length < 24 { word.append(scalar) }
                    if scalar == "ң" || scalar == "ө" || scalar == "ү" { kyrgyzLetters += 1 }
                } else {
                    count()
                }
            }
            count()
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
