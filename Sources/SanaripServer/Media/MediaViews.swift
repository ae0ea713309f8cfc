import Foundation
import Hummingbird
import SanaripAnalysis
import SanaripMedia
import SanaripQualitative
import SanaripStorage

/// What the media pages show, computed once per key through the workspace's ``ResultsCache`` (off the event loops,
/// one at a time): the key names the study, the view (period, grouping, level), the dictionary version and the
/// articles' version, so a new import, a fetch round or a new dictionary version misses it. Articles are kept
/// without their text (titles, outlets and dates are what the pages list; the examples' context is in the analysis).
struct MediaViews: Sendable {
    struct Frames: Sendable {
        let analysis: FrameAnalysis
        let articles: [MediaArticle]
    }

    struct Places: Sendable {
        let mentions: PlaceMentions
        let articles: [MediaArticle]
    }

    let frameCache = ResultsCache<Frames>(capacity: 6, concurrency: 1)
    let placeCache = ResultsCache<Places>(capacity: 6, concurrency: 1)

    /// The frame dictionary of `study` at `version` (nil: the latest saved), else the built-in one; and its label
    /// for cache keys and pages.
    ///
    /// - Throws: 404 when `version` names no saved version.
    static func dictionary(study: String, version: Int?, store: any MediaFrameStore) async throws -> (FrameDictionary, saved: MediaFrameVersion?) {
        let saved: MediaFrameVersion?
        if let version {
            guard let found = try await store.version(version, study: study) else { throw HTTPError(.notFound, message: "no version \(version) of the frame dictionary") }
            saved = found
        } else {
            saved = try await store.versions(study: study).first
        }
        guard let saved else { return (try FrameDictionary.builtIn(), nil) }
        var dictionary = try FrameDictionary.csv(saved.csv, file: "frames-v\(saved.version).csv")
        dictionary.version = String(saved.version)
        return (dictionary, saved)
    }

    static func withoutText(_ articles: [MediaArticle]) -> [MediaArticle] {
        articles.map { article in
            var light = article
            light.text = ""
            return light
        }
    }

    /// The frames over time; groups of syndicated copies count once unless `countCopies` (the key names the last
    /// grouping, so regrouping misses the cache).
    func frames(study: String, period: FramePeriod, grouping: FrameAnalysis.Grouping, version: Int?, countCopies: Bool = false, stores: Stores) async throws -> Frames {
        let (dictionary, saved) = try await Self.dictionary(study: study, version: version, store: stores.mediaFrames)
        let articles = try await stores.media.articlesVersion(study: study)
        let copies = try await Self.copiesKey(study: study, countCopies: countCopies, stores: stores)
        let key = [study, "frames", period.rawValue, grouping.rawValue, saved.map { "v\($0.version)" } ?? "built-in", articles, copies].joined(separator: "|")
        let media = stores.media
        let copyStore = stores.mediaCopies
        return try await frameCache.value(for: key) {
            let all = try await MediaCopies.counted(study: study, media: media, copies: copyStore, countCopies: countCopies)
            let analysis = FrameAnalysis(articles: all, matcher: FrameMatcher(dictionary: dictionary), period: period, grouping: grouping)
            return Frames(analysis: analysis, articles: Self.withoutText(all))
        }
    }

    /// The part of a cache key that says how syndicated copies count: every copy, once per the study's last grouping,
    /// or not grouped yet.
    static func copiesKey(study: String, countCopies: Bool, stores: Stores) async throws -> String {
        if countCopies { return "all" }
        guard let last = try await stores.mediaCopies.grouping(study: study) else { return "ungrouped" }
        return "once@\(last.computedAt.timeIntervalSince1970)/\(last.threshold)"
    }

    /// The places mentioned; as for frames, a group of syndicated copies counts once unless `countCopies`.
    func places(study: String, level: PlaceGazetteer.Level, period: FramePeriod, grouping: FrameAnalysis.Grouping, gazetteer: @escaping @Sendable () throws -> PlaceGazetteer,
                countCopies: Bool = false, stores: Stores) async throws -> Places {
        let articles = try await stores.media.articlesVersion(study: study)
        let copies = try await Self.copiesKey(study: study, countCopies: countCopies, stores: stores)
        let key = [study, "places", level.rawValue, period.rawValue, grouping.rawValue, articles, copies].joined(separator: "|")
        let media = stores.media
        let copyStore = stores.mediaCopies
        return try await placeCache.value(for: key) {
            let all = try await MediaCopies.counted(study: study, media: media, copies: copyStore, countCopies: countCopies)
            let mentions = PlaceMentions(articles: all, matcher: PlaceMatcher(gazetteer: try gazetteer()), level: level, period: period, grouping: grouping)
            return Places(mentions: mentions, articles: Self.withoutText(all))
        }
    }
}
