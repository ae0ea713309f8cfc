import Foundation
import Hummingbird
import SanaripInstrument
import SanaripMedia
import SanaripQualitative
import SanaripStorage

/// Media narratives' pages under a study: outlets (pasted CSV), fetch rounds run in the background with their
/// progress, frames over time (a chart per frame, the table, top terms, examples in context, CSV/XLSX), and the
/// articles with the frames found in each.
struct MediaController: Sendable {
    let stores: Stores
    let pages: PageRenderer
    let files: WebAuditFiles
    let runs = BackgroundRuns()
    let views = MediaViews()

    func addRoutes(to router: Router<SanaripRequestContext>) {
        router.get("/studies/{study}/media", use: overview)
        router.post("/studies/{study}/media/sources", use: importSources)
        router.post("/studies/{study}/media/fetches", use: startFetch)
        router.get("/studies/{study}/media/fetches/{fetch}", use: fetch)
        router.get("/studies/{study}/media/frames", use: frames)
        router.get("/studies/{study}/media/frames.csv", use: framesCSV)
        router.get("/studies/{study}/media/frames.xlsx", use: framesXLSX)
        router.get("/studies/{study}/media/articles", use: articles)
        router.get("/studies/{study}/media/articles/{article}", use: article)
        addPlaceRoutes(to: router)
        addDictionaryRoutes(to: router)
        addTextRoutes(to: router)
    }

    private func studyID(_ context: SanaripRequestContext) throws -> String {
        try context.parameters.require("study")
    }

    private func base(_ context: SanaripRequestContext) throws -> String {
        "/studies/\(try studyID(context))/media"
    }

    // MARK: outlets and fetching

    @Sendable func overview(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        try await overviewPage(request, context: context)
    }

    func overviewPage(_ request: Request, context: SanaripRequestContext, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let study = try studyID(context)
        let sources = try await stores.media.sources(study: study).map { source -> [String: Any] in
            ["key": source.key, "name": source.name, "url": source.url, "feeds": source.feeds.joined(separator: " "), "language": source.language,
             "scope": source.scope, "oblast": source.oblast]
        }
        let fetches = try await stores.media.fetches(study: study).map { round -> [String: Any] in
            ["id": round.id, "name": round.name, "done": round.feedsDone, "total": round.feedsTotal, "added": round.added,
             "startedAt": context.language.format(round.startedAt), "finished": round.finishedAt != nil]
        }
        return try pages.render("media", [
            "base": try base(context), "sources": sources, "hasSources": !sources.isEmpty, "fetches": fetches, "hasFetches": !fetches.isEmpty,
            "articleCount": context.language.format(try await stores.media.articleCount(study: study)),
            "hasError": error != nil, "errorText": error ?? "",
        ].merging(try await textOverview(study: study, context: context)) { current, _ in current }, request: request, context: context, status: status)
    }

    struct SourcesForm: Decodable { var csv: String }

    @Sendable func importSources(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let form = try await request.form(SourcesForm.self, context: context)
        do {
            let sources = try MediaSource.list(csv: form.csv, file: pages.string("media.sourcesCSV", context))
            try await stores.media.saveSources(sources, study: try studyID(context), by: context.identity?.username ?? "")
        } catch let error as MediaError {
            return try await overviewPage(request, context: context, error: error.description, status: .badRequest)
        }
        return .redirect(to: try base(context), type: .normal)
    }

    struct FetchForm: Decodable { var name: String }

    @Sendable func startFetch(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let form = try await request.form(FetchForm.self, context: context)
        let study = try studyID(context)
        let name = form.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return try await overviewPage(request, context: context, error: pages.string("media.fetchNameMissing", context), status: .badRequest) }
        guard try await stores.media.sources(study: study).contains(where: { !$0.feeds.isEmpty || !$0.url.isEmpty }) else {
            return try await overviewPage(request, context: context, error: pages.string("media.noFeeds", context), status: .badRequest)
        }
        if let finished = try await stores.media.fetches(study: study).first(where: { $0.name == name }), finished.finishedAt != nil {
            return try await overviewPage(request, context: context, error: pages.string("media.fetchNameTaken", context), status: .badRequest)
        }
        let collector = MediaCollector(store: stores.media), user = context.identity?.username ?? ""
        let stores = stores
        guard await runs.start(key: study + "/" + name, {
            _ = try await collector.run(name: name, study: study, by: user)
            try await Self.regroup(study: study, stores: stores, by: user)
        }) else {
            return try await overviewPage(request, context: context, error: pages.string("media.fetchRunning", context), status: .badRequest)
        }
        for _ in 0..<40 {
            if let round = try await stores.media.fetches(study: study).first(where: { $0.name == name }) {
                return .redirect(to: "\(try base(context))/fetches/\(round.id)", type: .normal)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return .redirect(to: try base(context), type: .normal)
    }

    @Sendable func fetch(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        guard let id = Int64(try context.parameters.require("fetch")), let round = try await stores.media.fetch(id: id),
              round.study == (try studyID(context)) else { throw HTTPError(.notFound) }
        var response = try pages.render("media-fetch", [
            "base": try base(context), "name": round.name, "done": round.feedsDone, "total": round.feedsTotal, "added": round.added,
            "duplicates": round.duplicates, "finished": round.finishedAt != nil, "startedAt": context.language.format(round.startedAt),
            "problems": round.problems, "hasProblems": !round.problems.isEmpty,
        ], request: request, context: context)
        if round.finishedAt == nil { response.headers[HTTPFields.Element.Name("Refresh")!] = "3" }
        return response
    }

    // MARK: frames over time

    /// The analysis asked for by the query (`by`, `group`, `version` of the dictionary: the latest by default), with
    /// the study's articles (without their text). Groups of copies count once unless `copies=all` (or `countCopies`).
    func analysis(_ request: Request, context: SanaripRequestContext, countCopies: Bool = false) async throws -> (FrameAnalysis, [MediaArticle]) {
        let period = request.uri.queryParameters.get("by").flatMap(FramePeriod.init(rawValue:)) ?? .month
        let grouping = request.uri.queryParameters.get("group").flatMap(FrameAnalysis.Grouping.init(rawValue:)) ?? .none
        let version = request.uri.queryParameters.get("version").flatMap { Int($0) }
        let all = countCopies || request.uri.queryParameters.get("copies") == "all"
        let view = try await views.frames(study: try studyID(context), period: period, grouping: grouping, version: version, countCopies: all, stores: stores)
        return (view.analysis, view.articles)
    }

    @Sendable func frames(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (analysis, articles) = try await analysis(request, context: context)
        let language = context.language.rawValue
        let report = FrameReport(analysis: analysis, articles: articles, language: language)
        let frames = analysis.dictionary.frames
        let countCopies = request.uri.queryParameters.get("copies") == "all"
        let query = "by=\(analysis.period.rawValue)&group=\(analysis.grouping.rawValue)" + (request.uri.queryParameters.get("version").map { "&version=\($0)" } ?? "") + (countCopies ? "&copies=all" : "")
        return try pages.render("media-frames", [
            "base": try base(context), "query": query, "articleCount": context.language.format(analysis.articleCount),
            "undated": analysis.undated, "version": analysis.dictionary.version, "countCopies": countCopies,
            "copiesLeftOut": try await stores.mediaCopies.grouping(study: try studyID(context))?.copies ?? 0,
            "periods": FramePeriod.allCases.map { ["value": $0.rawValue, "label": pages.string("media.period.\($0.rawValue)", context), "selected": $0 == analysis.period] },
            "groupings": FrameAnalysis.Grouping.allCases.map { ["value": $0.rawValue, "label": pages.string("media.group.\($0.rawValue)", context), "selected": $0 == analysis.grouping] },
            "charts": report.charts().map { ["svg": $0] },
            "frameNames": frames.map { ["name": $0.name(language)] },
            "rows": analysis.rows.map { row -> [String: Any] in
                ["period": row.period, "group": row.group, "articles": row.articles,
                 "cells": frames.indices.map { ["count": row.frames[$0], "share": String(format: "%.1f", row.share($0) * 100)] }]
            },
            "frames": frames.indices.map { index -> [String: Any] in
                ["key": frames[index].key, "name": frames[index].name(language), "source": frames[index].source,
                 "terms": analysis.topTerms[index].prefix(10).map { ["term": $0.term, "occurrences": $0.occurrences, "articles": $0.articles] },
                 "examples": analysis.examples[index].map { example -> [String: Any] in
                     let article = articles[example.article]
                     return ["id": article.id ?? 0, "title": article.title, "source": article.source, "snippet": example.snippet,
                             "date": article.published.map { FramePeriod.day.label($0) } ?? "", "terms": example.terms.joined(separator: ", ")]
                 }]
            },
        ], request: request, context: context)
    }

    @Sendable func framesCSV(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (analysis, articles) = try await analysis(request, context: context)
        try await stores.auditLog.record(AuditEntry(user: context.identity?.username ?? "", action: "media.export", objectType: "media_frames", objectID: try studyID(context), detail: ["format": "csv"]))
        return download(Data(FrameReport(analysis: analysis, articles: articles).csv().utf8), type: "text/csv; charset=utf-8", name: "frames-\(analysis.period.rawValue).csv")
    }

    @Sendable func framesXLSX(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (analysis, articles) = try await analysis(request, context: context)
        try await stores.auditLog.record(AuditEntry(user: context.identity?.username ?? "", action: "media.export", objectType: "media_frames", objectID: try studyID(context), detail: ["format": "xlsx"]))
        return download(try FrameReport(analysis: analysis, articles: articles).xlsx(), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        name: "frames-\(analysis.period.rawValue).xlsx")
    }

    private func download(_ data: Data, type: String, name: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store", .contentDisposition: "attachment; filename=\"\(name)\""],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: articles

    static let pageSize = 50

    @Sendable func articles(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (analysis, articles) = try await analysis(request, context: context, countCopies: true)
        let copies = try await copyCounts(study: try studyID(context))
        let language = context.language.rawValue
        let frames = analysis.dictionary.frames
        let source = request.uri.queryParameters.get("source").flatMap { $0.isEmpty ? nil : $0 }
        let frame = request.uri.queryParameters.get("frame").flatMap { key in frames.firstIndex { $0.key == key } }
        let page = max(0, request.uri.queryParameters.get("page").flatMap { Int($0) } ?? 0)
        let chosen = articles.indices.filter { index in
            (source == nil || articles[index].source == source) && (frame == nil || analysis.hits[index].contains { $0.frame == frame })
        }
        let shown = chosen.dropFirst(page * Self.pageSize).prefix(Self.pageSize)
        var filters: [String] = []
        if let source { filters.append("source=\(source)") }
        if let frame { filters.append("frame=\(frames[frame].key)") }
        let sources = try await stores.media.sources(study: try studyID(context))
        return try pages.render("media-articles", [
            "base": try base(context), "count": context.language.format(chosen.count),
            "sources": sources.map { ["key": $0.key, "name": $0.name, "selected": $0.key == source] },
            "frameOptions": frames.indices.map { ["key": frames[$0].key, "name": frames[$0].name(language), "selected": $0 == frame] },
            "articles": shown.map { index -> [String: Any] in
                let article = articles[index]
                let copyCount: Int = article.id.flatMap { copies[$0] } ?? 0
                return ["id": article.id ?? 0, "title": article.title, "source": article.source, "language": article.language,
                        "date": article.published.map { FramePeriod.day.label($0) } ?? "",
                        "frames": analysis.hits[index].map { frames[$0.frame].name(language) }.joined(separator: ", "),
                        "copies": copyCount, "hasCopies": copyCount > 0]
            },
            "hasPrevious": page > 0, "previous": "?" + (filters + ["page=\(page - 1)"]).joined(separator: "&"),
            "hasNext": chosen.count > (page + 1) * Self.pageSize, "next": "?" + (filters + ["page=\(page + 1)"]).joined(separator: "&"),
        ], request: request, context: context)
    }

    @Sendable func article(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        guard let id = Int64(try context.parameters.require("article")),
              let article = try await stores.media.article(id: id, study: try studyID(context)) else { throw HTTPError(.notFound) }
        let dictionary = try await MediaViews.dictionary(study: try studyID(context), version: nil, store: stores.mediaFrames).0
        let matcher = FrameMatcher(dictionary: dictionary)
        let text = article.title + "\n" + article.text
        let language = context.language.rawValue
        return try pages.render("media-article", [
            "base": try base(context), "title": article.title, "url": article.url, "source": article.source, "language": article.language,
            "author": article.author, "date": article.published.map { context.language.format($0) } ?? "", "text": article.text, "origin": article.origin,
            "frames": matcher.matches(in: text).map { hit -> [String: Any] in
                ["name": dictionary.frames[hit.frame].name(language), "count": hit.count,
                 "terms": hit.terms.map { "\(matcher.terms[$0.term].term.text) × \($0.count)" }.joined(separator: ", "),
                 "snippet": FrameMatcher.snippet(text, at: hit.firstOffset)]
            },
        ].merging(try await copyLinks(of: id, study: try studyID(context))) { current, _ in current }, request: request, context: context)
    }
}
