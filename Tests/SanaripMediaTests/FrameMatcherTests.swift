import Foundation
import Testing
import SanaripQualitative
@testable import SanaripInstrument

@Suite("Frame matching")
struct FrameMatcherTests {
    /// The obvious implementation: lowercase the text with Swift, split it into words of letters and digits, and
    /// test every term at every word with `hasPrefix`/`==`.
    static func naive(_ text: String, _ matcher: FrameMatcher) -> [Int: (count: Int, terms: [Int: Int])] {
        let words = text.lowercased().replacingOccurrences(of: "ё", with: "е")
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        var found: [Int: (count: Int, terms: [Int: Int])] = [:]
        for (index, entry) in matcher.terms.enumerated() {
            let pattern = entry.term.words
            guard pattern.count <= words.count else { continue }
            var occurrences = 0
            for start in 0...(words.count - pattern.count) {
                let matches = pattern.indices.allSatisfy { offset in
                    let word = words[start + offset]
                    return pattern[offset].isStem ? word.hasPrefix(pattern[offset].text) : word == pattern[offset].text
                }
                if matches { occurrences += 1 }
            }
            guard occurrences > 0 else { continue }
            var frame = found[entry.frame] ?? (0, [:])
            frame.count += occurrences
            frame.terms[index] = occurrences
            found[entry.frame] = frame
        }
        return found
    }

    /// The instrument engine's SplitMix64, so a failure can be replayed.
    typealias Generator = ExpressionEvaluator.SeededGenerator

    /// Text made of the dictionary's own stems with endings, whole words, phrases, filler in ky/ru/en, mixed case,
    /// `ё`, digits, punctuation, hyphens and emoji.
    static func generatedText(_ dictionary: FrameDictionary, words: Int, generator: inout Generator) -> String {
        let stems = dictionary.frames.flatMap(\.terms).flatMap(\.words)
        let endings = ["", "ке", "тин", "лар", "дын", "ы", "а", "ов", "ами", "ой", "ё", "s", "ing", "ларга", "ду"]
        let filler = ["жана", "менен", "и", "в", "на", "the", "and", "мектепте", "шаар", "город", "2026", "ЖАНА", "Интер", "ин", "сел", "ёлка", "дорога", "ценность"]
        let separators = [" ", " ", " ", ", ", ". ", " — ", "-", "\n", " (", ") ", "! ", " 😀 ", ": «", "» ", "/"]
        var text = ""
        for _ in 0..<words {
            var word: String
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<4:
                let stem = stems.randomElement(using: &generator)!
                word = stem.text + (stem.isStem ? endings.randomElement(using: &generator)! : "")
            case 4:
                let phrase = dictionary.frames.randomElement(using: &generator)!.terms.randomElement(using: &generator)!
                word = phrase.words.map { $0.text + ($0.isStem ? endings.randomElement(using: &generator)! : "") }.joined(separator: " ")
            default:
                word = filler.randomElement(using: &generator)!
            }
            switch Int.random(in: 0..<6, using: &generator) {
            case 0: word = word.uppercased()
            case 1: word = word.prefix(1).uppercased() + word.dropFirst()
            default: break
            }
            if Int.random(in: 0..<25, using: &generator) == 0 { word = word.replacingOccurrences(of: "е", with: "ё") }
            text += word + separators.randomElement(using: &generator)!
        }
        return text
    }

    @Test("The trie matcher finds exactly what the naive matcher finds, on 400 generated texts")
    func equalsNaive() throws {
        let dictionary = try FrameDictionary.builtIn()
        let matcher = FrameMatcher(dictionary: dictionary)
        var generator = Generator(seed: 2026_12_04)
        var texts: [String] = []
        for _ in 0..<400 { texts.append(Self.generatedText(dictionary, words: Int.random(in: 0..<300, using: &generator), generator: &generator)) }
        let fast = matcher.matches(in: texts)
        #expect(fast.count == texts.count)
        var hitsSeen = 0
        for (index, text) in texts.enumerated() {
            let reference = Self.naive(text, matcher)
            let hits = fast[index]
            #expect(hits.map(\.frame) == reference.keys.sorted(), "text \(index)")
            for hit in hits {
                let expected = try #require(reference[hit.frame])
                #expect(hit.count == expected.count, "text \(index), frame \(dictionary.frames[hit.frame].key)")
                #expect(Dictionary(uniqueKeysWithValues: hit.terms.map { ($0.term, $0.count) }) == expected.terms)
                hitsSeen += hit.count
            }
        }
        #expect(hitsSeen > 10_000)
    }

    @Test("Stems match inflected forms in Kyrgyz and Russian; whole words only themselves; evidence in context")
    func inflection() throws {
        let dictionary = try FrameDictionary.csv("""
            frame,name_en,terms_ky,terms_ru,terms_en
            access,Access,интернетке жетүү*; байланыш*,покрыти*; сотов* связ*,coverage
            """, file: "test.csv")
        let matcher = FrameMatcher(dictionary: dictionary)
        let text = "Айылда ИНТЕРНЕТКЕ ЖЕТҮҮНҮН көйгөйү. Байланыштын сапаты начар; покрытием и сотовой связью недовольны. Coverages? coverage!"
        let hits = matcher.matches(in: text)
        let hit = try #require(hits.first)
        #expect(hits.count == 1)
        #expect(hit.count == 5)
        #expect(FrameMatcher.snippet(text, at: hit.firstOffset).contains("ИНТЕРНЕТКЕ ЖЕТҮҮНҮН"))
        #expect(matcher.matches(in: "Интернетке").isEmpty)
    }

    @Test("A bad dictionary names the file, row and column")
    func badDictionary() {
        #expect(throws: MediaError.invalid(file: "f.csv", row: 2, column: "terms_ru", reason: "the stem in \"ин*\" is shorter than 3 letters and would match almost anything")) {
            try FrameDictionary.csv("frame,terms_ru\naccess,ин*\n", file: "f.csv")
        }
        #expect(throws: MediaError.self) { try FrameDictionary.csv("name,terms_ru\naccess,интернет*\n", file: "f.csv") }
        #expect(throws: MediaError.invalid(file: "f.csv", row: 3, column: "frame", reason: "the frame a is listed twice")) {
            try FrameDictionary.csv("frame,terms_en\na,net\na,web\n", file: "f.csv")
        }
    }

    @Test("The built-in dictionary has the programme's frames, each with terms in ky, ru and en, and its sources")
    func builtIn() throws {
        let dictionary = try FrameDictionary.builtIn()
        #expect(dictionary.frames.map(\.key) == ["access", "cost", "skills", "egov", "cyber", "women", "youth", "regulation", "economy", "rural"])
        for frame in dictionary.frames {
            #expect(Set(frame.terms.map(\.language)) == ["ky", "ru", "en"], "\(frame.key)")
            #expect(!frame.source.isEmpty)
            #expect(FrameDictionary.languages.allSatisfy { !(frame.names[$0] ?? "").isEmpty })
        }
        #expect(!dictionary.version.isEmpty)
    }

    @Test("ISO weeks and months equal Foundation's ISO 8601 calendar for every day of 1998–2031")
    func periods() {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var day = Date(timeIntervalSince1970: 883_612_800) // 1998-01-01
        while day < Date(timeIntervalSince1970: 1_956_528_000) { // 2032-01-01
            let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear, .year, .month], from: day)
            let week = parts.weekOfYear!, month = parts.month!
            #expect(FramePeriod.week.label(day) == "\(parts.yearForWeekOfYear!)-W\(week < 10 ? "0" : "")\(week)")
            #expect(FramePeriod.month.label(day) == "\(parts.year!)-\(month < 10 ? "0" : "")\(month)")
            day += 86_400 + 3_600 * 7
        }
    }
}
