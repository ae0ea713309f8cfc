import Foundation
import SanaripQualitative

/// Media narratives of a study: its outlets, the articles collected, and the fetch rounds.
public protocol MediaStore: Sendable {
    /// The study's outlets in their order.
    func sources(study: String) async throws -> [MediaSource]
    /// Adds the outlets, replacing those with the same key; logged as `actor`.
    func saveSources(_ sources: [MediaSource], study: String, by actor: String) async throws

    /// Stores the articles that are new: not the same normalised URL as one stored in the study, nor the same GUID as
    /// one of the same outlet, nor its normalised title published within 7 days (also within the batch).
    func insert(_ articles: [MediaArticle], study: String) async throws -> MediaInsertion
    /// Articles of the study (newest first), of one outlet when given; `limit` nil: all.
    func articles(study: String, source: String?, limit: Int?, offset: Int) async throws -> [MediaArticle]
    func article(id: Int64, study: String) async throws -> MediaArticle?
    func articleCount(study: String) async throws -> Int

    /// A new round, or the unfinished one of that name; a finished one of that name is a conflict.
    func startFetch(named name: String, study: String, feeds: Int, by actor: String) async throws -> MediaFetchRound
    /// Saves the round's progress (feeds done, added, duplicates, problems), finishing it when `finished`.
    func updateFetch(_ round: MediaFetchRound, finished: Bool) async throws
    /// The study's rounds, newest first.
    func fetches(study: String) async throws -> [MediaFetchRound]
    func fetch(id: Int64) async throws -> MediaFetchRound?

    /// The study's articles' version for cache keys: changes with every article added or removed.
    func articlesVersion(study: String) async throws -> String
}
