import Foundation
import SanaripQualitative
import SanaripStorage

/// A study's near-duplicate groups kept up to date in the store, and attention counted once per group.
public enum MediaCopies {
    /// Groups all the study's articles by their text (the title when they have none; titles are often rewritten on
    /// reprint) with `settings` and replaces the stored groups.
    @discardableResult
    public static func update(study: String, media: any MediaStore, copies: any MediaCopyStore, settings: NearDuplicates = NearDuplicates(),
                              by actor: String) async throws -> MediaCopyGrouping {
        let articles = try await media.articles(study: study, source: nil, limit: nil, offset: 0)
            .filter { $0.id != nil }.sorted { $0.id! < $1.id! }
        let firsts = settings.groups(articles.map { $0.text.isEmpty ? $0.title : $0.text })
        var groups: [Int64: Int64] = [:]
        var sizes: [Int: Int] = [:]
        for first in firsts { sizes[first, default: 0] += 1 }
        for (index, first) in firsts.enumerated() where sizes[first, default: 0] > 1 {
            groups[articles[index].id!] = articles[first].id!
        }
        let grouping = MediaCopyGrouping(threshold: settings.threshold, shingleSize: settings.shingleSize, articles: articles.count,
                                         groups: sizes.values.filter { $0 > 1 }.count, copies: groups.count - sizes.values.filter { $0 > 1 }.count,
                                         computedBy: actor)
        try await copies.saveGroups(groups, grouping: grouping, study: study)
        return grouping
    }

    /// The study's articles as attention is counted: a group of syndicated copies once, as its first article, unless
    /// `countCopies`. The one reading of articles behind frames and places, on the CLI and on the pages.
    public static func counted(study: String, media: any MediaStore, copies: any MediaCopyStore, countCopies: Bool) async throws -> [MediaArticle] {
        let stored = try await media.articles(study: study, source: nil, limit: nil, offset: 0)
        return countCopies ? stored : collapsing(stored, groups: try await copies.groups(study: study))
    }

    /// `articles` with every copy left out: a group counts once, as its first article (the one whose id is the group's).
    public static func collapsing(_ articles: [MediaArticle], groups: [Int64: Int64]) -> [MediaArticle] {
        articles.filter { article in
            guard let id = article.id, let group = groups[id] else { return true }
            return group == id
        }
    }
}
