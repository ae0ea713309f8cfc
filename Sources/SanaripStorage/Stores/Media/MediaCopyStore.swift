import Foundation

/// Near-duplicate groups of a study's articles (syndicated copies across outlets).
public protocol MediaCopyStore: Sendable {
    /// Replaces the study's groups in one transaction: `groups` maps each article that has copies to its group's
    /// first article (itself included); logged as `grouping.computedBy`.
    func saveGroups(_ groups: [Int64: Int64], grouping: MediaCopyGrouping, study: String) async throws
    /// Article id → group id, for the articles that have copies.
    func groups(study: String) async throws -> [Int64: Int64]
    /// The other articles of `article`'s group (empty when it has no copy).
    func copies(of article: Int64, study: String) async throws -> [Int64]
    /// The last grouping of the study (nil before the first).
    func grouping(study: String) async throws -> MediaCopyGrouping?
}
