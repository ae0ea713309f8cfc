import Testing
@testable import SanaripAudit
@testable import SanaripInstrument

/// The language detector, which reads the lowercased UTF-8 bytes in place, finds what the previous one found by
/// decoding the text to a `String`, cutting it into words and looking each up in the lexicons' `Set<String>`s.
@Suite struct LanguageDetectorTests {
    /// The previous detector's counts: common words per language, the first page with each, letters ң ө ү.
    static func reference(_ pages: [PageText]) -> (counts: [String: Int], firstURL: [String: String], kyrgyzLetters: Int) {
        var counts: [String: Int] = [:], firstURL: [String: String] = [:], kyrgyzLetters = 0
        let lexicons = [("ky", LanguageDetector.kyrgyzWords), ("ru", LanguageDetector.russianWords), ("en", LanguageDetector.englishWords)]
        for page in pages {
            var word = ""
            func count() {
                for (code, words) in lexicons where words.contains(word) {
                    counts[code, default: 0] += 1
                    if firstURL[code] == nil { firstURL[code] = page.url }
                }
                word = ""
            }
            for scalar in String(decoding: page.lower, as: UTF8.self).unicodeScalars {
                if scalar.properties.isAlphabetic {
                    if scalar == "ң" || scalar == "ө" || scalar == "ү" { kyrgyzLetters += 1 }
                    word.unicodeScalars.append(scalar)
                } else {
                    count()
                }
            }
            count()
        }
        return (counts, firstURL, kyrgyzLetters)
    }

    /// The findings the previous detector gave for `pages` (no `lang` attributes: the text alone).
    static func expected(_ pages: [PageText]) -> [String] {
        let (counts, firstURL, letters) = reference(pages)
        return ["ky", "ru", "en"].compactMap { code in
            let hits = counts[code] ?? 0
            guard code == "ky" ? hits >= 3 && letters >= 3 : hits >= 5 else { return nil }
            let lettersText = code == "ky" ? ", \(letters) letters ң/ө/ү" : ""
            return "\(code) \(firstURL[code] ?? "") \(hits) common words in the text\(lettersText)"
        }
    }

    static func found(_ pages: [PageText]) -> [String] {
        let html = HTMLPage(parsing: "<html><body></body></html>")
        return LanguageDetector.detect(pages: pages.map { (html: html, text: $0) }).map { "\($0.code) \($0.url) \($0.reason)" }
    }

    @Test func sameFindingsOnGeneratedTexts() {
        let lexicon = Array(LanguageDetector.kyrgyzWords.union(LanguageDetector.russianWords).union(LanguageDetector.englishWords)).sorted()
        let pieces = lexicon + lexicon.map { $0.uppercased() } + [
            " ", " ", "\n", ",", ".", "-", "«", "»", "\u{00A0}", "\u{2009}", "\u{0301}", "\u{00AD}", "ң", "Ө", "ү", "ж", "и", "й",
            "ё", "ы", "a", "é", "ß", "İ", "ſ", "K", "\u{1C80}", "😀", "中", "1", "٣", "айыл", "theme", "андан",
        ]
        // pieces run together ("") as well as apart, so that words join and split
        let separators = [" ", " ", " ", ", ", ". ", "\n", "-", "\u{00A0}", ""]
        var generator = ExpressionEvaluator.SeededGenerator(seed: 5_2026) // the same texts on every run
        var differences: [String] = []
        var languagesFound = Set<String>()
        for _ in 0..<1_500 {
            let pages = (0..<Int(generator.next() % 3) + 1).map { page in
                PageText(url: "http://site/\(page)", text: (0..<Int(generator.next() % 80)).map { _ in
                    pieces[Int(generator.next() % UInt64(pieces.count))] + separators[Int(generator.next() % UInt64(separators.count))]
                }.joined())
            }
            let expected = Self.expected(pages), found = Self.found(pages)
            languagesFound.formUnion(found.map { String($0.prefix(2)) })
            if expected != found, differences.count < 5 { differences.append("\(pages.map(\.url)): \(expected) vs \(found)") }
        }
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
        #expect(languagesFound == ["ky", "ru", "en"], "the generated texts exercise every language: \(languagesFound)")
    }

    @Test func sameFindingsOnTheFixtureSites() throws {
        var pages: [PageText] = []
        for site in [FixtureSites.good(), FixtureSites.poor()] {
            for (path, response) in site.sorted(by: { $0.key < $1.key }) where response.headers.contains(where: { $0.1.hasPrefix("text/html") }) {
                let choice = TextDecoding.choose(bytes: response.body, contentType: response.headers.first { $0.0 == "Content-Type" }?.1)
                pages.append(PageText(url: path, text: HTMLPage(parsing: TextDecoding.decode(response.body, charset: choice.charset)).text))
            }
        }
        try #require(pages.count >= 8)
        let found = Self.found(pages)
        #expect(!found.isEmpty)
        #expect(found == Self.expected(pages))
    }
}
