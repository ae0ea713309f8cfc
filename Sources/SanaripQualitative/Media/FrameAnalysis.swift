import Foundation

/// Frames over time: how many articles of each period (and outlet or language) carry each frame, their share of all
/// articles of that cell (Media Cloud's "attention" ratio), the terms that matched most, example articles with the
/// matched words in context, and which frames appear together.
public struct FrameAnalysis: Sendable {
    /// What the periods are further split by.
    public enum Grouping: String, Sendable, Hashable, Codable, CaseIterable {
        case none, outlet, language
    }

    /// One period (and group): all its articles and those carrying each frame.
    public struct Row: Sendable, Hashable {
        public var period: String
        /// The outlet's key or the language; empty without grouping.
        public var group: String
        public var articles: Int
        /// Per frame (dictionary order), the articles carrying it.
        public var frames: [Int]

        /// The share of the row's articles that carry frame `index` (0 when it has none).
        public func share(_ index: Int) -> Double {
            articles == 0 ? 0 : Double(frames[index]) / Double(articles)
        }
    }

    /// A term of a frame: occurrences over all articles and the articles it occurs in.
    public struct TermTotal: Sendable, Hashable {
        public var term: String
        public var language: String
        public var occurrences: Int
        public var articles: Int
    }

    /// An article carrying a frame, with the frame's first match in context.
    public struct Example: Sendable, Hashable {
        /// The article's index in the analysed list.
        public var article: Int
        public var snippet: String
        public var terms: [String]
    }

    public let dictionary: FrameDictionary
    public let period: FramePeriod
    public let grouping: Grouping
    public let rows: [Row]
    /// Articles without a publication date (counted in no period).
    public let undated: Int
    /// Per frame, its terms by occurrences, most first (terms that never matched left out).
    public let topTerms: [[TermTotal]]
    /// Per frame, up to `examplesPerFrame` articles, most recent first.
    public let examples: [[Example]]
    /// `cooccurrence[a][b]`: articles carrying both frames (the diagonal: articles carrying `a`).
    public let cooccurrence: [[Int]]
    /// Per article (in the order given), the frames found in its title and text.
    public let hits: [[FrameHit]]
    public let articleCount: Int

    /// Matches every article's title and text and counts them by `period` and `grouping`.
    public init(articles: [MediaArticle], matcher: FrameMatcher, period: FramePeriod = .month, grouping: Grouping = .none,
                examplesPerFrame: Int = 5) {
        let texts = articles.map(Self.text)
        self.init(articles: articles, texts: texts, hits: matcher.matches(in: texts), dictionary: matcher.dictionary, terms: matcher.terms,
                  period: period, grouping: grouping, examplesPerFrame: examplesPerFrame)
    }

    /// What is matched in an article: its title, a line break, its text (hits' offsets are into this).
    public static func text(_ article: MediaArticle) -> String {
        article.title + "\n" + article.text
    }

    /// Counts hits found otherwise (place mentions: a "frame" per place, a "term" per form naming it) by `period`
    /// and `grouping`; `hits[i]` are the hits in `texts[i]`, article `i`'s ``text(_:)``.
    public init(articles: [MediaArticle], texts: [String], hits: [[FrameHit]], dictionary: FrameDictionary,
                terms: [(frame: Int, term: FrameDictionary.Term)], period: FramePeriod = .month, grouping: Grouping = .none, examplesPerFrame: Int = 5) {
        let matcher = (dictionary: dictionary, terms: terms)
        let frameCount = matcher.dictionary.frames.count
        var cells: [String: Row] = [:]
        var undated = 0
        var cooccurrence = [[Int]](repeating: [Int](repeating: 0, count: frameCount), count: frameCount)
        var termOccurrences = [Int](repeating: 0, count: matcher.terms.count)
        var termArticles = [Int](repeating: 0, count: matcher.terms.count)
        var labels: [Date: String] = [:]
        for (index, article) in articles.enumerated() {
            let found = hits[index]
            for hit in found {
                for other in found { cooccurrence[hit.frame][other.frame] += 1 }
                for term in hit.terms {
                    termOccurrences[term.term] += term.count
                    termArticles[term.term] += 1
                }
            }
            guard let date = article.published else {
                undated += 1
                continue
            }
            let label: String
            if let known = labels[date] { label = known } else {
                label = period.label(date)
                labels[date] = label
            }
            let group: String
            switch grouping {
            case .none: group = ""
            case .outlet: group = article.source
            case .language: group = article.language
            }
            let key = label + "\u{1F}" + group
            var row = cells[key] ?? Row(period: label, group: group, articles: 0, frames: [Int](repeating: 0, count: frameCount))
            row.articles += 1
            for hit in found { row.frames[hit.frame] += 1 }
            cells[key] = row
        }
        rows = cells.values.sorted { ($0.period, $0.group) < ($1.period, $1.group) }
        self.undated = undated
        self.cooccurrence = cooccurrence
        topTerms = (0..<frameCount).map { frame in
            matcher.terms.indices.filter { matcher.terms[$0].frame == frame && termOccurrences[$0] > 0 }
                .map { TermTotal(term: matcher.terms[$0].term.text, language: matcher.terms[$0].term.language,
                                 occurrences: termOccurrences[$0], articles: termArticles[$0]) }
                .sorted { ($0.occurrences, $1.term) > ($1.occurrences, $0.term) }
        }
        let recent = articles.indices.sorted { (articles[$0].published ?? .distantPast, $1) > (articles[$1].published ?? .distantPast, $0) }
        var examples = [[Example]](repeating: [], count: frameCount)
        var open = frameCount
        for index in recent where open > 0 {
            for hit in hits[index] where examples[hit.frame].count < examplesPerFrame {
                examples[hit.frame].append(Example(article: index, snippet: FrameMatcher.snippet(texts[index], at: hit.firstOffset),
                                                   terms: hit.terms.map { matcher.terms[$0.term].term.text }))
                if examples[hit.frame].count == examplesPerFrame { open -= 1 }
            }
        }
        self.examples = examples
        self.hits = hits
        self.dictionary = matcher.dictionary
        self.period = period
        self.grouping = grouping
        articleCount = articles.count
    }

    /// The table as rows of cells: period, group, articles, then for each frame its articles and share (0–1).
    public func records() -> [[String]] {
        var header = ["period", "group", "articles"]
        for frame in dictionary.frames { header += [frame.key, frame.key + "_share"] }
        return [header] + rows.map { row in
            var cells = [row.period, row.group, String(row.articles)]
            for index in dictionary.frames.indices {
                cells += [String(row.frames[index]), String(format: "%.4f", row.share(index))]
            }
            return cells
        }
    }
}
