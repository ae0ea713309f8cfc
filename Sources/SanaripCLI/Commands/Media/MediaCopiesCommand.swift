import ArgumentParser
import Foundation
import SanaripMedia
import SanaripStorage

/// `sanarip media copies`: groups syndicated copies (near-duplicates across outlets) so frames count them once.
struct MediaCopiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copies",
        abstract: "Group near-duplicate articles (syndicated copies) by MinHash over word shingles.",
        discussion: """
            Articles whose word 5-shingles have a Jaccard similarity of at least --threshold are copies of each other \
            (MinHash signatures banded for locality-sensitive hashing, candidate pairs confirmed exactly); linked \
            copies form a group, stored with the study. sanarip media frames then counts each group once (its first \
            article) unless --count-copies. Import and fetch regroup with the last threshold.

            Example: sanarip media copies --threshold 0.8 --list
            """
    )

    @OptionGroup var options: MediaStudyOptions
    @Option(help: "The Jaccard similarity (0–1) from which two articles are copies (default: the last one used, else 0.8).")
    var threshold: Double?
    @Flag(help: "List each group's articles (id, outlet, title).")
    var list = false

    func run() async throws {
        try await reportingMediaErrors {
            if let threshold, !(0.05...1).contains(threshold) { throw ValidationError("--threshold \(threshold): write a similarity between 0.05 and 1") }
            let database = try options.store.openDatabase()
            let started = ContinuousClock.now
            let grouping = try await Self.regroup(database, study: options.study, threshold: threshold)
            let seconds = Double((ContinuousClock.now - started) / .milliseconds(1)) / 1000
            print("\(options.study): \(grouping.articles) articles, \(grouping.groups) groups of copies, \(grouping.copies) copies counted once (Jaccard ≥ \(grouping.threshold), \(grouping.shingleSize)-word shingles; \(String(format: "%.2f", seconds)) s)")
            guard list else { return }
            let groups = try await database.stores.mediaCopies.groups(study: options.study)
            let articles = Dictionary(uniqueKeysWithValues: try await database.stores.media.articles(study: options.study, source: nil, limit: nil, offset: 0)
                .compactMap { article in article.id.map { ($0, article) } })
            for (group, members) in Dictionary(grouping: groups.keys, by: { groups[$0]! }).sorted(by: { $0.key < $1.key }) {
                print("group \(group): \(members.count) articles")
                for id in members.sorted() {
                    guard let article = articles[id] else { continue }
                    print("  \(id)\t\(article.source)\t\(article.title)")
                }
            }
        }
    }

    /// Regroups the study's articles at `threshold` (else the last grouping's, else 0.8).
    @discardableResult
    static func regroup(_ database: SanaripDatabase, study: String, threshold: Double? = nil) async throws -> MediaCopyGrouping {
        let last = try await database.stores.mediaCopies.grouping(study: study)
        let settings = NearDuplicates(threshold: threshold ?? last?.threshold ?? 0.8)
        return try await MediaCopies.update(study: study, media: database.stores.media, copies: database.stores.mediaCopies,
                                            settings: settings, by: UserCommand.actor)
    }
}
