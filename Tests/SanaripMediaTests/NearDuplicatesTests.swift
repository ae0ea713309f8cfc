import Foundation
import Testing
import ZIPFoundation
import SanaripMedia

/// MinHash + LSH grouping against the exact answer: every pair's Jaccard similarity of shingle sets, linked when at
/// least the threshold, groups as connected components.
@Suite("Near-duplicate articles: MinHash/LSH groups equal exact Jaccard groups")
struct NearDuplicatesTests {
    /// Knuth's MMIX linear congruential generator (high bits), so each run generates the same corpus.
    struct Generator {
        var state: UInt64
        mutating func below(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Exact groups: the first index of each connected component of pairs with Jaccard ≥ threshold.
    static func exactGroups(_ texts: [String], _ settings: NearDuplicates) -> [Int] {
        let sets = texts.map { NearDuplicates.shingles($0, size: settings.shingleSize, minimumWords: settings.minimumWords) }
        var group = Array(texts.indices)
        func root(_ node: Int) -> Int { group[node] == node ? node : root(group[node]) }
        for first in texts.indices where !sets[first].isEmpty {
            for second in (first + 1)..<texts.count where !sets[second].isEmpty {
                if NearDuplicates.jaccard(sets[first], sets[second]) >= settings.threshold {
                    let (a, b) = (root(first), root(second))
                    group[max(a, b)] = min(a, b)
                }
            }
        }
        var first = [Int: Int]()
        return texts.indices.map { index in
            let component = root(index)
            if let known = first[component] { return known }
            first[component] = index
            return index
        }
    }

    /// A copy of `words` with `edits` random word replacements, insertions or deletions, and sometimes a new lead.
    static func copy(_ words: [String], edits: Int, vocabulary: [String], random: inout Generator) -> String {
        var result = words
        for _ in 0..<edits {
            let position = random.below(result.count)
            switch random.below(3) {
            case 0: result[position] = vocabulary[random.below(vocabulary.count)]
            case 1: result.insert(vocabulary[random.below(vocabulary.count)], at: position)
            default: if result.count > 20 { result.remove(at: position) }
            }
        }
        if random.below(3) == 0 { result.insert(contentsOf: ["БИШКЕК,", "(Кабар)", "—"], at: 0) }
        return result.joined(separator: " ")
    }

    @Test("Generated syndicated corpus: copies with 0–14 edits across outlets, in ky/ru word lists")
    func generatedCorpus() throws {
        var random = Generator(state: 20261205)
        let vocabulary = (0..<3000).map { index in
            let stems = ["интернет", "байланыш", "тариф", "айыл", "аял", "жаштар", "цифров", "услуг", "мобильн", "сеть", "госуслуг", "Түндүк"]
            return stems[index % stems.count] + String(index / stems.count)
        }
        var texts: [String] = []
        for _ in 0..<150 {
            let words = (0..<(80 + random.below(220))).map { _ in vocabulary[random.below(vocabulary.count)] }
            texts.append(words.joined(separator: " "))
            for _ in 0..<random.below(4) { texts.append(Self.copy(words, edits: random.below(15), vocabulary: vocabulary, random: &random)) }
        }
        for index in stride(from: texts.count - 1, to: 0, by: -1) { texts.swapAt(index, random.below(index + 1)) }
        let settings = NearDuplicates()
        let estimated = settings.groups(texts)
        let exact = Self.exactGroups(texts, settings)
        #expect(estimated == exact)
        let grouped = Dictionary(grouping: texts.indices, by: { exact[$0] }).values.filter { $0.count > 1 }
        #expect(grouped.count >= 40)
        #expect(Set(exact).count < texts.count)
        #expect(Set(exact).count > 150 / 2)
    }

    @Test("Real article texts (trafilatura's pages) and edited reprints of them, at thresholds 0.7, 0.8 and 0.9")
    func fixturePages() throws {
        let zip = try #require(Bundle.module.url(forResource: "trafilatura-eval", withExtension: "zip", subdirectory: "Fixtures/extract"))
        let archive = try Archive(url: zip, accessMode: .read)
        var random = Generator(state: 7)
        var texts: [String] = []
        for entry in archive where entry.path.hasSuffix(".html") {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            let text = ArticleExtractor.extract(bytes: [UInt8](data)).text
            texts.append(text)
            let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
            if words.count > 30, random.below(2) == 0 {
                texts.append(Self.copy(words, edits: random.below(max(1, words.count / 15)), vocabulary: words, random: &random))
            }
        }
        try #require(texts.count > 120)
        for threshold in [0.7, 0.8, 0.9] {
            let settings = NearDuplicates(threshold: threshold)
            let exact = Self.exactGroups(texts, settings)
            #expect(settings.groups(texts) == exact, "threshold \(threshold)")
            #expect(Set(exact).count < texts.count)
        }
    }
}
