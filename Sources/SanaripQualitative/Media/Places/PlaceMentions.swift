import Foundation

/// Which places articles mention, counted as frames are: at a level (oblast, district or municipality) each place
/// is a "frame" and each form naming it (or a place inside it: `Караколдо` counts for Issyk-Kul at the oblast level)
/// a "term", so the counts by period and outlet or language, the forms that matched most and the examples in
/// context are those of ``FrameAnalysis``.
public struct PlaceMentions: Sendable {
    public let gazetteer: PlaceGazetteer
    public let level: PlaceGazetteer.Level
    /// The counts; its frames are the places of ``places``, in order.
    public let analysis: FrameAnalysis
    /// The gazetteer's index of each of the analysis' frames.
    public let places: [Int]

    /// Counts `mentions` (per article, as ``PlaceMatcher/mentions(in:)-([String])`` found them in
    /// ``FrameAnalysis/text(_:)`` of each article) at `level`.
    public init(articles: [MediaArticle], mentions: [[PlaceMatcher.Mention]], gazetteer: PlaceGazetteer, level: PlaceGazetteer.Level,
                period: FramePeriod = .month, grouping: FrameAnalysis.Grouping = .none, examplesPerPlace: Int = 5) {
        let places = gazetteer.places(at: level)
        var frameOf: [Int: Int] = [:]
        for (frame, place) in places.enumerated() { frameOf[place] = frame }
        var terms: [(frame: Int, term: FrameDictionary.Term)] = []
        var termOf = [Int?](repeating: nil, count: gazetteer.forms.count)
        for (id, form) in gazetteer.forms.enumerated() {
            guard let ancestor = gazetteer.ancestor(of: form.place, at: level), let frame = frameOf[ancestor] else { continue }
            termOf[id] = terms.count
            terms.append((frame, FrameDictionary.Term(form.text, language: form.language)))
        }
        let hits = mentions.map { found -> [FrameHit] in
            var byFrame: [Int: FrameHit] = [:]
            for mention in found {
                guard let term = termOf[mention.form] else { continue }
                let frame = terms[term].frame
                var hit = byFrame[frame] ?? FrameHit(frame: frame, count: 0, terms: [], firstOffset: mention.start)
                hit.count += 1
                hit.firstOffset = min(hit.firstOffset, mention.start)
                if let index = hit.terms.firstIndex(where: { $0.term == term }) { hit.terms[index].count += 1 } else { hit.terms.append(.init(term: term, count: 1)) }
                byFrame[frame] = hit
            }
            return byFrame.values.sorted { $0.frame < $1.frame }
        }
        let dictionary = FrameDictionary(frames: places.map { index in
            let place = gazetteer.places[index]
            return FrameDictionary.Frame(key: place.code, names: place.names, terms: [], source: place.kind.rawValue)
        }, file: "places", version: level.rawValue)
        analysis = FrameAnalysis(articles: articles, texts: articles.map(FrameAnalysis.text), hits: hits, dictionary: dictionary, terms: terms,
                                 period: period, grouping: grouping, examplesPerFrame: examplesPerPlace)
        self.gazetteer = gazetteer
        self.level = level
        self.places = places
    }

    /// Matches every article's title and text, then counts at `level`.
    public init(articles: [MediaArticle], matcher: PlaceMatcher, level: PlaceGazetteer.Level, period: FramePeriod = .month,
                grouping: FrameAnalysis.Grouping = .none) {
        self.init(articles: articles, mentions: matcher.mentions(in: articles.map(FrameAnalysis.text)), gazetteer: matcher.gazetteer,
                  level: level, period: period, grouping: grouping)
    }

    /// Per place (in ``places`` order), the articles mentioning it over all periods.
    public var totals: [Int] {
        analysis.cooccurrence.indices.map { analysis.cooccurrence[$0][$0] }
    }
}
