import Foundation
import Hummingbird
import SanaripMedia
import SanaripQualitative
import SanaripStorage

/// The article text's part of the media pages: an archive (CSV or JSON) uploaded into the study, and near-duplicate
/// groups (syndicated copies) recomputed at a chosen threshold, shown on the overview, the articles and each article.
extension MediaController {
    func addTextRoutes(to router: Router<SanaripRequestContext>) {
        router.post("/studies/{study}/media/imports", use: importArchive)
        router.post("/studies/{study}/media/copies", use: groupCopies)
    }

    /// The overview's keys for the archive upload and the copies setting.
    func textOverview(study: String, context: SanaripRequestContext) async throws -> [String: Any] {
        let grouping = try await stores.mediaCopies.grouping(study: study)
        return [
            "copyThreshold": String(grouping?.threshold ?? NearDuplicates().threshold), "hasGrouping": grouping != nil,
            "groupingGroups": grouping?.groups ?? 0, "groupingCopies": grouping?.copies ?? 0, "groupingArticles": grouping?.articles ?? 0,
            "groupingAt": grouping.map { context.language.format($0.computedAt) } ?? "",
        ]
    }

    /// The other articles of `article`'s group as links for its page.
    func copyLinks(of article: Int64, study: String) async throws -> [String: Any] {
        var copies: [[String: Any]] = []
        for id in try await stores.mediaCopies.copies(of: article, study: study) {
            guard let copy = try await stores.media.article(id: id, study: study) else { continue }
            copies.append(["id": id, "title": copy.title, "source": copy.source, "date": copy.published.map { FramePeriod.day.label($0) } ?? ""])
        }
        return ["copies": copies, "hasCopies": !copies.isEmpty, "copyCount": copies.count]
    }

    /// For each article with copies, how many other articles its group has.
    func copyCounts(study: String) async throws -> [Int64: Int] {
        let groups = try await stores.mediaCopies.groups(study: study)
        var sizes: [Int64: Int] = [:]
        for group in groups.values { sizes[group, default: 0] += 1 }
        return groups.mapValues { sizes[$0, default: 1] - 1 }
    }

    /// Regroups the study's copies at the last threshold (after an import or a fetch round).
    static func regroup(study: String, stores: Stores, by user: String) async throws {
        let threshold = try await stores.mediaCopies.grouping(study: study)?.threshold ?? NearDuplicates().threshold
        try await MediaCopies.update(study: study, media: stores.media, copies: stores.mediaCopies, settings: NearDuplicates(threshold: threshold), by: user)
    }

    /// A CSV or JSON archive uploaded from the overview, imported as `sanarip media import` does: all or nothing.
    @Sendable func importArchive(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let study: String = try context.parameters.require("study")
        let form = try await UploadForm.read(request)
        let user = context.identity?.username ?? ""
        do {
            guard let file = form.fields.first(where: { $0.name == "archive" && !($0.filename ?? "").isEmpty && !$0.bytes.isEmpty }),
                  let name = file.filename else {
                return try await overviewPage(request, context: context, error: pages.string("mediaText.noFile", context), status: .badRequest)
            }
            let archive = try ArticleArchive.read(Data(file.bytes), file: name, known: try await stores.media.sources(study: study))
            if !archive.newSources.isEmpty { try await stores.media.saveSources(archive.newSources, study: study, by: user) }
            let inserted = try await stores.media.insert(archive.articles, study: study)
            try await stores.auditLog.record(AuditEntry(user: user, action: "media.import", objectType: "media_articles", objectID: study,
                                                        detail: ["file": name, "added": String(inserted.added)]))
            try await Self.regroup(study: study, stores: stores, by: user)
        } catch let error as MediaError {
            return try await overviewPage(request, context: context, error: error.description, status: .badRequest)
        }
        return .redirect(to: "/studies/\(study)/media/articles", type: .normal)
    }

    struct CopiesForm: Decodable { var threshold: String }

    /// Regroups the study's copies at the posted threshold.
    @Sendable func groupCopies(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let study: String = try context.parameters.require("study")
        let form = try await request.form(CopiesForm.self, context: context)
        guard let threshold = Double(form.threshold.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")),
              (0.05...1).contains(threshold) else {
            return try await overviewPage(request, context: context, error: pages.string("mediaText.badThreshold", context), status: .badRequest)
        }
        try await MediaCopies.update(study: study, media: stores.media, copies: stores.mediaCopies, settings: NearDuplicates(threshold: threshold),
                                     by: context.identity?.username ?? "")
        return .redirect(to: "/studies/\(study)/media", type: .normal)
    }
}
